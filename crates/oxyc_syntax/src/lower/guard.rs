//! A cheap pre-scan that keeps pathological nesting away from the (recursive) parser.
//!
//! ruff's parser is recursive descent, our lowering is recursive, and so is dropping a
//! tree; all of them can overflow the stack on input like ten thousand `(`. Before parsing
//! we run ruff's lexer (iterative, the same tokenizer the parser uses) and estimate how deep
//! the tree of every logical line can get. Input over the limits gets a diagnostic instead.
//!
//! The limits follow CPython where it has them: 200 nested brackets ("too many nested
//! parentheses"), 100 levels of indentation ("too many levels of indentation"); CPython
//! stops nested expressions with a RecursionError somewhere between 1000 and 3000 levels,
//! we stop at an estimated depth of [`MAX_DEPTH`]. Every later stage may therefore rely on
//! the AST being at most roughly `MAX_DEPTH + 2 * MAX_BRACKETS` levels deep.

use ruff_python_ast::token::TokenKind;
use ruff_python_parser::{Mode, lexer};

/// Most brackets (and f-string / replacement-field levels) open at once.
pub const MAX_BRACKETS: u32 = 200;
/// Indentation levels: CPython rejects the 100th.
pub const MAX_INDENT: u32 = 99;
/// Estimated nesting of statements plus the expression tree of one logical line.
pub const MAX_DEPTH: u32 = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Violation {
    Brackets,
    Indent,
    Depth,
}

impl Violation {
    pub(crate) fn message(self) -> String {
        match self {
            Violation::Brackets => format!(
                "too many nested parentheses (more than {MAX_BRACKETS} brackets open at once)"
            ),
            Violation::Indent => {
                format!("too many levels of indentation (more than {MAX_INDENT})")
            }
            Violation::Depth => format!(
                "expression or statement nested too deeply (estimated depth over {MAX_DEPTH})"
            ),
        }
    }

    pub(crate) fn help(self) -> &'static str {
        match self {
            Violation::Brackets => {
                "CPython rejects this too; split the expression into smaller ones"
            }
            Violation::Indent => "CPython rejects this too; move inner blocks into functions",
            Violation::Depth => {
                "split the expression into smaller ones (CPython fails on such code with a \
                 RecursionError during compilation)"
            }
        }
    }
}

/// Scan `source`; on a violation return it with the byte span of the token that crossed
/// the limit (located by bisecting on prefixes, so the common case costs one lexer pass).
pub(crate) fn check(source: &str) -> Option<(Violation, u32, u32)> {
    let violation = scan(source)?;
    // Smallest prefix that still violates: its last character ends the culprit token.
    // `lo` never violates, `hi` always does.
    let mut lo = 0usize;
    let mut hi = source.len();
    while hi - lo > 1 {
        let mut mid = lo + (hi - lo) / 2;
        while mid > lo && !source.is_char_boundary(mid) {
            mid -= 1;
        }
        if mid == lo {
            // No char boundary strictly between lo and hi: hi is one char past lo.
            break;
        }
        match source.get(..mid) {
            Some(prefix) if scan(prefix).is_some() => hi = mid,
            _ => lo = mid,
        }
    }
    // `lo..hi` is (at most) one character: the end of the culprit token.
    let start = u32::try_from(lo).unwrap_or(u32::MAX);
    let end = u32::try_from(hi).unwrap_or(u32::MAX);
    Some((violation, start, end))
}

/// One lexer pass; the first violation found, if any.
fn scan(source: &str) -> Option<Violation> {
    let mut lex = lexer::lex(source, Mode::Module);
    let mut brackets: u32 = 0;
    // Expression estimate: one counter per open bracket level ("segment" since the last
    // comma at that level); `expr_total` is their sum.
    let mut segments: Vec<u32> = vec![0];
    let mut expr_total: u32 = 0;
    // Statement nesting: one entry per indentation level, counting the `elif`s of the
    // if-chain at that level (an elif chain lowers to nested `If`s).
    let mut elifs: Vec<u32> = vec![0];
    let mut elif_total: u32 = 0;
    let mut at_line_start = true;
    let mut prev = TokenKind::Newline;

    loop {
        let kind = lex.next_token();
        match kind {
            TokenKind::EndOfFile => return None,
            TokenKind::Newline | TokenKind::Semi => {
                brackets = 0;
                segments.clear();
                segments.push(0);
                expr_total = 0;
                at_line_start = true;
                continue;
            }
            TokenKind::NonLogicalNewline | TokenKind::Comment => continue,
            TokenKind::Indent => {
                elifs.push(0);
                if elifs.len() > MAX_INDENT as usize + 1 {
                    return Some(Violation::Indent);
                }
                at_line_start = true;
                continue;
            }
            TokenKind::Dedent => {
                if elifs.len() > 1 {
                    let popped = elifs.pop().unwrap_or(0);
                    elif_total = elif_total.saturating_sub(popped);
                }
                at_line_start = true;
                continue;
            }
            _ => {}
        }

        if at_line_start {
            at_line_start = false;
            if let Some(top) = elifs.last_mut() {
                match kind {
                    TokenKind::Elif => {
                        *top += 1;
                        elif_total += 1;
                    }
                    TokenKind::Else => {}
                    _ => {
                        elif_total = elif_total.saturating_sub(*top);
                        *top = 0;
                    }
                }
            }
        }

        // `is not` and `not in` are comparison operators (flat), not the unary `not`.
        let comparison_not = match (prev, kind) {
            (TokenKind::Is, TokenKind::Not) => true,
            (TokenKind::Not, TokenKind::In) => {
                // Take back the count the `not` got.
                if let Some(cur) = segments.last_mut() {
                    *cur = cur.saturating_sub(1);
                }
                expr_total = expr_total.saturating_sub(1);
                true
            }
            _ => false,
        };
        prev = kind;

        match kind {
            _ if comparison_not => {}
            TokenKind::Lpar
            | TokenKind::Lsqb
            | TokenKind::Lbrace
            | TokenKind::FStringStart
            | TokenKind::TStringStart => {
                brackets += 1;
                if brackets > MAX_BRACKETS {
                    return Some(Violation::Brackets);
                }
                if let Some(cur) = segments.last_mut() {
                    *cur += 1;
                }
                expr_total += 1;
                segments.push(0);
            }
            TokenKind::Rpar
            | TokenKind::Rsqb
            | TokenKind::Rbrace
            | TokenKind::FStringEnd
            | TokenKind::TStringEnd => {
                brackets = brackets.saturating_sub(1);
                if segments.len() > 1 {
                    let popped = segments.pop().unwrap_or(0);
                    expr_total = expr_total.saturating_sub(popped);
                }
            }
            TokenKind::Comma => {
                if let Some(cur) = segments.last_mut() {
                    expr_total = expr_total.saturating_sub(*cur);
                    *cur = 0;
                }
            }
            // Leaves and tokens that never add a tree level.
            TokenKind::Name
            | TokenKind::Int
            | TokenKind::Float
            | TokenKind::Complex
            | TokenKind::String
            | TokenKind::FStringMiddle
            | TokenKind::TStringMiddle
            | TokenKind::IpyEscapeCommand
            | TokenKind::Equal
            | TokenKind::True
            | TokenKind::False
            | TokenKind::None
            | TokenKind::Ellipsis
            | TokenKind::Case
            | TokenKind::Lazy
            | TokenKind::Match
            | TokenKind::Type
            | TokenKind::Unknown
            // `and`/`or` chains and comparison chains are flat (one node with a list), in
            // ruff's parser, in the lowering and in the AST.
            | TokenKind::And
            | TokenKind::Or
            | TokenKind::EqEqual
            | TokenKind::NotEqual
            | TokenKind::Less
            | TokenKind::LessEqual
            | TokenKind::Greater
            | TokenKind::GreaterEqual
            | TokenKind::In
            | TokenKind::Is => {}
            // Operators and keywords: each may nest one level (conservative).
            _ => {
                if let Some(cur) = segments.last_mut() {
                    *cur += 1;
                }
                expr_total += 1;
            }
        }

        let stmt_depth = (elifs.len() as u32 - 1) + elif_total;
        if stmt_depth.saturating_add(expr_total) > MAX_DEPTH {
            return Some(Violation::Depth);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_code_passes() {
        let src = "def f(x):\n    return [(-1, 2), {'a': -3}, f(x)(y)[0].z]\n";
        assert_eq!(check(src), None);
        let table = format!("T = [{}]\n", "-1, ".repeat(20_000));
        assert_eq!(check(&table), None);
        let strings = format!("s = '{}'\n", "(".repeat(5000));
        assert_eq!(check(&strings), None);
    }

    #[test]
    fn brackets_limit_matches_cpython() {
        let ok = format!("x = {}1{}\n", "(".repeat(200), ")".repeat(200));
        assert_eq!(check(&ok), None);
        let bad = format!("x = {}1{}\n", "(".repeat(201), ")".repeat(201));
        // The 201st `(` is at byte 4 + 200.
        assert_eq!(check(&bad), Some((Violation::Brackets, 204, 205)));
    }

    #[test]
    fn indentation_limit_matches_cpython() {
        let nest = |n: usize| {
            let mut s = String::new();
            for i in 0..n {
                s.push_str(&" ".repeat(i));
                s.push_str("if x:\n");
            }
            s.push_str(&" ".repeat(n));
            s.push_str("pass\n");
            s
        };
        assert_eq!(check(&nest(99)), None);
        assert!(matches!(check(&nest(100)), Some((Violation::Indent, _, _))));
    }

    #[test]
    fn long_chains_are_caught() {
        let unary = format!("x = {}1\n", "-".repeat(5000));
        assert!(matches!(check(&unary), Some((Violation::Depth, _, _))));
        let binary = format!("x = {}1\n", "1+".repeat(5000));
        assert!(matches!(check(&binary), Some((Violation::Depth, _, _))));
        let ok = format!("x = {}1\n", "-".repeat(900));
        assert_eq!(check(&ok), None);
        let flat = format!(
            "x = {}1\n",
            "a and b or c < d <= e is not f not in ".repeat(5000)
        );
        assert_eq!(check(&flat), None);
        let nots = format!("x = {}1\n", "not ".repeat(2000));
        assert!(matches!(check(&nots), Some((Violation::Depth, _, _))));
        let mut elifs = String::from("if a:\n    pass\n");
        for _ in 0..2000 {
            elifs.push_str("elif a:\n    pass\n");
        }
        assert!(matches!(check(&elifs), Some((Violation::Depth, _, _))));
    }
}
