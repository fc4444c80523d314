//! Identifier normalization: CPython stores non-ASCII identifiers in NFKC form (PEP 3131).

use unicode_normalization::UnicodeNormalization;

/// The identifier CPython would store for the source text `text`.
pub fn normalize(text: &str) -> String {
    if text.is_ascii() {
        text.to_owned()
    } else {
        text.nfkc().collect()
    }
}
