//! Source text plumbing shared by every front-end stage.
//!
//! Owns the three things the lexer, parser and compiler all hand across their
//! boundaries: byte ranges ([`TextRange`], `u32` offsets into the UTF-8 source),
//! the [`LineIndex`] that turns an offset into CPython's (line, column) pair on
//! demand, and the [`SyntaxError`] value every stage reports bad input with.
//! Rendering an error with its source line and caret is the driver's job.

mod line_index;
mod syntax_error;

pub use line_index::{LineCol, LineIndex};
pub use syntax_error::{SyntaxError, SyntaxErrorKind};
pub use text_size::{TextLen, TextRange, TextSize};
