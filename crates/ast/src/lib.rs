//! Python 3.11's abstract syntax tree, with CPython's node and field names.
//!
//! The tree is owned (`Box`/`Vec`), so callers hold a [`Mod`] without a lifetime
//! or an arena; every node carries its byte [`TextRange`], from which `lineno`,
//! `col_offset`, `end_lineno` and `end_col_offset` are derived with a
//! [`source::LineIndex`]. Node kinds follow `Python/Python.asdl` of CPython 3.11
//! one to one, so [`dump`] output can be compared with CPython's `ast.dump` directly.

mod dump;
mod nodes;
pub mod repr;
mod str_value;
mod unparse;
pub mod visitor;

pub use dump::{cmpop_name, dump, operator_name, DumpOptions};
pub use nodes::*;
pub use source::{TextRange, TextSize};
pub use str_value::{CodePoints, StrValue};
pub use unparse::unparse;
