//! The error value every front-end stage reports bad input with.

use text_size::TextRange;

/// Which Python exception class a front-end error becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SyntaxErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
}

impl SyntaxErrorKind {
    /// The exception class name CPython raises.
    pub fn name(self) -> &'static str {
        match self {
            SyntaxErrorKind::SyntaxError => "SyntaxError",
            SyntaxErrorKind::IndentationError => "IndentationError",
            SyntaxErrorKind::TabError => "TabError",
        }
    }
}

/// A `SyntaxError` (or subclass) with CPython's message and the byte range it points at.
///
/// The caret CPython prints starts at `range.start()`; when CPython underlines a span
/// (`^^^^`), the span is `range`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub msg: String,
    pub range: TextRange,
}

impl SyntaxError {
    pub fn new(msg: impl Into<String>, range: TextRange) -> Self {
        SyntaxError {
            kind: SyntaxErrorKind::SyntaxError,
            msg: msg.into(),
            range,
        }
    }

    pub fn with_kind(kind: SyntaxErrorKind, msg: impl Into<String>, range: TextRange) -> Self {
        SyntaxError {
            kind,
            msg: msg.into(),
            range,
        }
    }
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.kind.name(), self.msg)
    }
}

impl std::error::Error for SyntaxError {}
