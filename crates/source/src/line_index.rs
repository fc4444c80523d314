//! Byte offset → (line, column) conversion, computed on demand from line starts.
//!
//! CPython reports `col_offset` in UTF-8 bytes, so columns here are byte
//! columns too; `python3 -m tokenize` is the exception (it counts characters),
//! which is why [`LineIndex::char_column`] exists.

use text_size::TextSize;

/// A 1-based line and a 0-based byte column, as CPython's AST reports them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// The start offset of every line of one source text.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, the three endings CPython accepts.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<TextSize>,
}

impl LineIndex {
    pub fn new(source: &str) -> Self {
        let bytes = source.as_bytes();
        let mut line_starts = vec![TextSize::from(0)];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(TextSize::from((i + 1) as u32)),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    line_starts.push(TextSize::from((i + 1) as u32));
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex { line_starts }
    }

    /// Number of line starts (a text ending in a newline has an empty last line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 1-based line and byte column of `offset`.
    pub fn line_col(&self, offset: TextSize) -> LineCol {
        let line = self.line_of(offset);
        let col = u32::from(offset) - u32::from(self.line_starts[line]);
        LineCol {
            line: line as u32 + 1,
            col,
        }
    }

    /// The column of `offset` counted in characters, as the `tokenize` module reports it.
    pub fn char_column(&self, source: &str, offset: TextSize) -> u32 {
        let line = self.line_of(offset);
        let start = usize::from(self.line_starts[line]);
        let end = usize::from(offset).min(source.len());
        source
            .get(start..end)
            .map_or(0, |text| text.chars().count() as u32)
    }

    /// Byte offset where 1-based `line` starts; past the end, the text's length.
    pub fn line_start(&self, line: u32, source: &str) -> TextSize {
        self.line_starts
            .get(line.saturating_sub(1) as usize)
            .copied()
            .unwrap_or(TextSize::from(source.len() as u32))
    }

    /// The text of 1-based `line` without its line ending.
    pub fn line_text<'s>(&self, source: &'s str, line: u32) -> &'s str {
        let idx = line.saturating_sub(1) as usize;
        let Some(&start) = self.line_starts.get(idx) else {
            return "";
        };
        let end = self
            .line_starts
            .get(idx + 1)
            .map_or(source.len(), |&e| usize::from(e));
        source
            .get(usize::from(start)..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }

    fn line_of(&self, offset: TextSize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_bytes_and_lines_split_on_every_ending() {
        let src = "ab\r\ncé\rx\n";
        let index = LineIndex::new(src);
        assert_eq!(
            index.line_col(TextSize::from(0)),
            LineCol { line: 1, col: 0 }
        );
        assert_eq!(
            index.line_col(TextSize::from(4)),
            LineCol { line: 2, col: 0 }
        );
        // 'é' is two bytes, so 'x' on line 3 starts after "cé\r" (4 bytes).
        assert_eq!(
            index.line_col(TextSize::from(8)),
            LineCol { line: 3, col: 0 }
        );
        assert_eq!(index.line_text(src, 2), "cé");
        assert_eq!(index.char_column(src, TextSize::from(7)), 2);
    }
}
