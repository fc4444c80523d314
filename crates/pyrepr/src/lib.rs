//! CPython 3.11's `repr()` of scalar values: `float`, `complex`, `str` and `bytes`.
//!
//! The lexer's tokenize dump, `ast.dump`/unparse, the disassembler and the VM's
//! `repr()` must all print these byte for byte as CPython does, so the rules live
//! once, here, in a leaf crate that depends on none of ours:
//!
//! - floats: `float_repr_style = 'short'` — shortest round-trip digits (from `ryu`)
//!   laid out with CPython's rule (exponent form when the decimal point position is
//!   <= -4 or > 16, at least two exponent digits), `inf`, `nan`, `-0.0`;
//! - complex: `2j`, `(1+2j)`, `(-0-0j)`, `(nan+nanj)`;
//! - str: `unicode_repr`'s quote choice and escapes, with `str.isprintable()` from a
//!   table generated from CPython 3.11 (Unicode 14.0), over code points so a lone
//!   surrogate prints as `\ud800`;
//! - bytes: `b'...'` with the same quote rule, printable ASCII kept.

mod float;
mod printable;
mod text;

pub use float::{complex_repr, float_repr};
pub use printable::is_printable_code_point;
pub use text::{bytes_repr, code_points_repr, str_repr};

/// CPython's `str.isprintable()` for one character.
pub fn is_printable(c: char) -> bool {
    is_printable_code_point(u32::from(c))
}
