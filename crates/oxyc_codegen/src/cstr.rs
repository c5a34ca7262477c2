//! C literals and identifiers.

/// A C string literal holding `bytes` exactly (escapes everything non-printable).
pub fn c_string(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 2);
    out.push('"');
    let mut prev_hex = false;
    for &b in bytes {
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\t' => out.push_str("\\t"),
            b'\r' => out.push_str("\\r"),
            // `?` escaped to avoid trigraphs.
            b'?' => out.push_str("\\?"),
            0x20..=0x7e => {
                // A hex escape swallows following hex digits: break the literal.
                if prev_hex && b.is_ascii_hexdigit() {
                    out.push_str("\"\"");
                }
                out.push(b as char);
                prev_hex = false;
                continue;
            }
            _ => {
                out.push_str(&format!("\\x{b:02x}"));
                prev_hex = true;
                continue;
            }
        }
        prev_hex = false;
    }
    out.push('"');
    out
}

/// A C identifier fragment from a Python name (non-ASCII characters are hex-escaped).
pub fn ident(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else {
            out.push_str(&format!("_x{:x}_", c as u32));
        }
    }
    out
}

/// A C double literal that reads back as exactly `f`.
pub fn c_double(f: f64) -> String {
    if f.is_nan() {
        "Py_NAN".to_string()
    } else if f.is_infinite() {
        if f > 0.0 {
            "Py_HUGE_VAL".to_string()
        } else {
            "(-Py_HUGE_VAL)".to_string()
        }
    } else {
        // Rust's Debug form is the shortest string that round-trips; C's strtod
        // rounds correctly, so the value is preserved.
        let s = format!("{f:?}");
        if s.contains('.') || s.contains('e') || s.contains("inf") {
            s
        } else {
            format!("{s}.0")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped() {
        assert_eq!(c_string(b"a\"b\\c\n"), r#""a\"b\\c\n""#);
        assert_eq!(c_string("é1".as_bytes()), r#""\xc3\xa9""1""#);
        assert_eq!(c_string(b"??="), r#""\?\?=""#);
    }

    #[test]
    fn doubles_round_trip() {
        assert_eq!(c_double(0.1), "0.1");
        assert_eq!(c_double(1e300), "1e300");
        assert_eq!(c_double(2.0), "2.0");
        assert_eq!(c_double(f64::NEG_INFINITY), "(-Py_HUGE_VAL)");
    }

    #[test]
    fn identifiers_are_ascii() {
        assert_eq!(ident("café"), "caf_xe9_");
    }
}
