//! `python3 -m tokenize FILE`, reproduced: the module's token view of a source
//! and its exact printed report.
//!
//! The `tokenize` module is not the compiler's tokenizer: it accepts some inputs
//! the C tokenizer rejects (emitting ERRORTOKEN) and rejects others differently.
//! [`crate::tokenize`] follows the compiler; this module follows the `tokenize` module.

mod view;

pub use view::{module_view, ModuleToken};
