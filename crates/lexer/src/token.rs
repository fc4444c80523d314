//! Token kinds and the `Copy` token value.

use source::TextRange;

/// One token: what it is and where it is. Its text is `&source[range]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Token {
    pub kind: TokenKind,
    pub range: TextRange,
}

/// Every kind of token the lexer produces.
///
/// Operators and keywords each have their own kind (the parser matches on them);
/// [`TokenKind::tokenize_name`] gives the coarse name `python3 -m tokenize` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TokenKind {
    // Names and literals.
    Name,
    Number,
    String,
    // Layout and trivia.
    Newline,
    /// A line break that does not end a logical line (blank line, inside brackets, after a comment-only line).
    Nl,
    Indent,
    Dedent,
    Comment,
    EndMarker,
    /// What `tokenize` calls ERRORTOKEN (e.g. a lone `$` or `!`); the parser rejects it.
    ErrorToken,

    // Keywords (hard keywords only; soft keywords are names).
    False,
    None,
    True,
    And,
    As,
    Assert,
    Async,
    Await,
    Break,
    Class,
    Continue,
    Def,
    Del,
    Elif,
    Else,
    Except,
    Finally,
    For,
    From,
    Global,
    If,
    Import,
    In,
    Is,
    Lambda,
    Nonlocal,
    Not,
    Or,
    Pass,
    Raise,
    Return,
    Try,
    While,
    With,
    Yield,

    // Delimiters.
    Lpar,
    Rpar,
    Lsqb,
    Rsqb,
    Lbrace,
    Rbrace,
    Colon,
    Comma,
    Semi,
    Dot,
    Ellipsis,
    Rarrow,
    At,
    Equal,
    ColonEqual,

    // Operators.
    Plus,
    Minus,
    Star,
    Slash,
    Vbar,
    Amper,
    Less,
    Greater,
    Percent,
    EqEqual,
    NotEqual,
    LessEqual,
    GreaterEqual,
    Tilde,
    Circumflex,
    LeftShift,
    RightShift,
    DoubleStar,
    DoubleSlash,

    // Augmented assignment operators.
    PlusEqual,
    MinEqual,
    StarEqual,
    SlashEqual,
    PercentEqual,
    AmperEqual,
    VbarEqual,
    CircumflexEqual,
    LeftShiftEqual,
    RightShiftEqual,
    DoubleStarEqual,
    DoubleSlashEqual,
    AtEqual,
}

impl TokenKind {
    /// The token name `python3 -m tokenize` prints for this kind (keywords are NAME, operators OP).
    pub fn tokenize_name(self) -> &'static str {
        use TokenKind::*;
        match self {
            Name => "NAME",
            Number => "NUMBER",
            String => "STRING",
            Newline => "NEWLINE",
            Nl => "NL",
            Indent => "INDENT",
            Dedent => "DEDENT",
            Comment => "COMMENT",
            EndMarker => "ENDMARKER",
            ErrorToken => "ERRORTOKEN",
            k if k.is_keyword() => "NAME",
            _ => "OP",
        }
    }

    pub fn is_keyword(self) -> bool {
        (TokenKind::False..=TokenKind::Yield).contains(&self)
    }

    pub fn is_operator(self) -> bool {
        self >= TokenKind::Lpar
    }

    /// Trivia the parser skips: comments and non-logical line breaks.
    pub fn is_trivia(self) -> bool {
        matches!(self, TokenKind::Comment | TokenKind::Nl)
    }

    /// The keyword kind spelled `text`, if it is a hard keyword.
    pub fn keyword(text: &str) -> Option<TokenKind> {
        use TokenKind::*;
        Some(match text {
            "False" => False,
            "None" => None,
            "True" => True,
            "and" => And,
            "as" => As,
            "assert" => Assert,
            "async" => Async,
            "await" => Await,
            "break" => Break,
            "class" => Class,
            "continue" => Continue,
            "def" => Def,
            "del" => Del,
            "elif" => Elif,
            "else" => Else,
            "except" => Except,
            "finally" => Finally,
            "for" => For,
            "from" => From,
            "global" => Global,
            "if" => If,
            "import" => Import,
            "in" => In,
            "is" => Is,
            "lambda" => Lambda,
            "nonlocal" => Nonlocal,
            "not" => Not,
            "or" => Or,
            "pass" => Pass,
            "raise" => Raise,
            "return" => Return,
            "try" => Try,
            "while" => While,
            "with" => With,
            "yield" => Yield,
            _ => return Option::None,
        })
    }
}
