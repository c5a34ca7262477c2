//! `parse_module` returns (Ok or Err) on any input: random bytes, random token soups and
//! random mutations of a real program, for several target versions. A crash inside ruff
//! would be caught and turned into an "internal error" diagnostic, so that is checked too.

mod common;

use common::{check_ids, check_spans};
use oxyc_syntax::{PythonVersion, parse_module};

/// xorshift64*: tiny, deterministic, good enough to shake a parser.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const TARGETS: [PythonVersion; 4] = [
    PythonVersion { major: 3, minor: 8 },
    PythonVersion {
        major: 3,
        minor: 11,
    },
    PythonVersion {
        major: 3,
        minor: 12,
    },
    PythonVersion {
        major: 3,
        minor: 14,
    },
];

/// 3000 per test; set `OXYC_FUZZ_ITERS` for a longer run.
fn iterations() -> usize {
    std::env::var("OXYC_FUZZ_ITERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000)
}

fn check(source: &str, target: PythonVersion) {
    match parse_module(source, target) {
        Ok(module) => {
            check_ids(&module);
            check_spans(source, &module);
        }
        Err(diags) => {
            assert!(!diags.is_empty(), "Err without diagnostics for {source:?}");
            for d in &diags {
                assert!(
                    !d.message.starts_with("internal error"),
                    "the parser crashed on {source:?}"
                );
                assert!(d.span.start <= d.span.end, "bad span {d:?} for {source:?}");
                assert!(
                    d.span.end as usize <= source.len(),
                    "span past the end {d:?} for {source:?}"
                );
            }
        }
    }
}

#[test]
fn random_bytes() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    // Bytes weighted towards Python punctuation so the lexer gets past the first token.
    let favourites = b"()[]{}:;,.=+-*/%@<>!~^&|'\"#\\\n\t fxbrujt0123456789_eE";
    for i in 0..iterations() {
        let len = rng.below(120);
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                if rng.below(3) == 0 {
                    rng.next() as u8
                } else {
                    *rng.pick(favourites)
                }
            })
            .collect();
        let source = String::from_utf8_lossy(&bytes);
        check(&source, TARGETS[i % TARGETS.len()]);
    }
}

#[rustfmt::skip]
const TOKENS: &[&str] = &[
    "def", "class", "return", "if", "elif", "else", "for", "while", "in", "not", "and", "or",
    "is", "lambda", "yield", "from", "await", "async", "with", "as", "try", "except", "except*",
    "finally", "raise", "assert", "import", "global", "nonlocal", "del", "pass", "break",
    "continue", "match", "case", "type", "lazy", "None", "True", "False", "x", "y", "_", "f",
    "0", "1", "0x_FF", "1_000", "99999999999999999999999", "1.5", "2j", "1e", "0b2", "'s'",
    "\"t\"", "b'b'", "f'", "f\"", "'{", "}'", "{x=}", "!r", "t'", "'''", "\"\"\"", "r'\\'", "(",
    ")", "[", "]", "{", "}", ":", ";", ",", ".", "...", "=", "==", "!=", "<", "<=", ">", ">=",
    "+", "-", "*", "**", "/", "//", "%", "@", "<<", ">>", "&", "|", "^", "~", ":=", "->", "+=",
    "-=", "**=", "\\", "#", "\n", "\n", "\n    ", "\n        ", "\t", " ", "\r\n", "\r",
    "\u{feff}", "é", "\u{1F600}",
];

#[test]
fn random_token_soup() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    for i in 0..iterations() {
        let n = 1 + rng.below(60);
        let mut source = String::new();
        for _ in 0..n {
            let token: &&str = rng.pick(TOKENS);
            source.push_str(token);
            if rng.below(2) == 0 {
                source.push(' ');
            }
        }
        check(&source, TARGETS[i % TARGETS.len()]);
    }
}

const PROGRAM: &str = r#"
import os
from .x import y as z, w

@decorate(1, key=2)
class C(Base, metaclass=M):
    attr: int = 3
    def method[T](self, a: int = 1, /, *args: str, b: float = 2.0, **kw) -> "C":
        """Docstring."""
        for i, j in enumerate(args):
            if i > 2 and not j or a is None:
                continue
            elif i:
                break
            else:
                self.x[i:j:2] += [k ** 2 for k in range(i) if k % 2]
        with open(f"{a!r:>{b}} {a=} {'q'}") as fh, lock:
            data = {**kw, "k": fh.read(), 1: {1, 2}, 2: (3, *args), 3: 0xFFFF_FFFF_FFFF_FFFF_FF}
        try:
            raise ValueError(data) from None
        except* (ValueError, TypeError) as e:
            x = lambda q, r=1: q if r else -q
        finally:
            del data
        match x:
            case [1, *rest] if rest: pass
            case {"k": v, **kw}: pass
        type Alias[U] = list[U]
        assert a, "msg"
        return (yield from gen()) or (y := 3)

async def main():
    await main()
    async for v in aiter():
        print(v, sep="", *[1], **{})
    return {k: v async for k, v in g() if k}
"#;

#[test]
fn random_mutations_of_a_program() {
    let mut rng = Rng(0x0123_4567_89AB_CDEF);
    let pieces: Vec<&str> = TOKENS.to_vec();
    for i in 0..iterations() {
        let mut source: Vec<u8> = PROGRAM.as_bytes().to_vec();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(source.len() + 1);
            match rng.below(3) {
                0 if at < source.len() => {
                    let end = (at + 1 + rng.below(8)).min(source.len());
                    source.drain(at..end);
                }
                1 => {
                    let piece = rng.pick(&pieces).as_bytes();
                    source.splice(at..at, piece.iter().copied());
                }
                _ if at < source.len() => source[at] = rng.next() as u8,
                _ => {}
            }
        }
        let source = String::from_utf8_lossy(&source);
        check(&source, TARGETS[i % TARGETS.len()]);
    }
}

#[test]
fn the_program_itself_parses_where_it_should() {
    // Needs 3.12 (type params, `type`), so it fails on 3.11 and lowers on 3.12.
    assert!(parse_module(PROGRAM, TARGETS[1]).is_err());
    let module = parse_module(PROGRAM, TARGETS[2]).expect("valid on 3.12");
    check_ids(&module);
}
