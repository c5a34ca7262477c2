//! Byte spans and line/column lookup.

/// A half-open byte range `start..end` into the module's source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: u32, end: u32) -> Span {
        Span { start, end }
    }
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Does a line end at byte `i` of `bytes`? At a `\n`, and at a `\r` not followed by
/// one: the interpreter reads `\r\n` and a lone `\r` as `\n` (old Mac line endings
/// count lines as any others do).
pub fn is_line_end(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i) {
        Some(b'\n') => true,
        Some(b'\r') => bytes.get(i + 1) != Some(&b'\n'),
        _ => false,
    }
}

/// Maps byte offsets to 1-based lines and columns.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        let bytes = text.as_bytes();
        for i in 0..bytes.len() {
            if is_line_end(bytes, i) {
                line_starts.push(i as u32 + 1);
            }
        }
        LineIndex { line_starts }
    }

    /// 1-based line number of a byte offset.
    pub fn line(&self, offset: u32) -> u32 {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }

    /// 1-based (line, column) of a byte offset; the column counts characters.
    pub fn line_col(&self, text: &str, offset: u32) -> (u32, u32) {
        let line = self.line(offset);
        let start = self.line_starts[(line - 1) as usize] as usize;
        let end = (offset as usize).min(text.len());
        let col = text
            .get(start..end)
            .map_or(end - start, |s| s.chars().count());
        (line, col as u32 + 1)
    }

    /// Byte offset where a 1-based line starts.
    pub fn line_start(&self, line: u32) -> Option<u32> {
        self.line_starts.get(line.checked_sub(1)? as usize).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let text = "a = 1\nbé = 2\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line(0), 1);
        assert_eq!(idx.line(5), 1);
        assert_eq!(idx.line(6), 2);
        // 'é' is two bytes; the '=' after it is column 4.
        assert_eq!(idx.line_col(text, 10), (2, 4));
    }

    #[test]
    fn carriage_returns_end_lines_too() {
        // "\r\n" is one line end, a lone "\r" another.
        let text = "a = 1\r\nb = 2\rc = 3\r";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line(0), 1);
        assert_eq!(idx.line(5), 1);
        assert_eq!(idx.line(6), 1);
        assert_eq!(idx.line(7), 2);
        assert_eq!(idx.line(13), 3);
        assert_eq!(idx.line_col(text, 17), (3, 5));
        assert_eq!(idx.line_start(3), Some(13));
    }
}
