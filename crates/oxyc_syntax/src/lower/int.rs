//! Integer literals: ruff keeps values over `u64::MAX` as their source text (any base,
//! with underscores); oxyc wants `i64` or decimal digits.

use crate::ast::IntLit;

/// CPython (3.11+, and 3.7.14/3.8.14/3.9.14/3.10.7) refuses to convert decimal strings
/// longer than this, and a decimal literal that long is a SyntaxError at compile time.
pub(super) const MAX_STR_DIGITS: usize = 4300;

#[derive(Debug, PartialEq, Eq)]
pub(super) enum IntError {
    /// A decimal literal with this many digits (over [`MAX_STR_DIGITS`]).
    TooManyDigits(usize),
    /// Text ruff accepted that we cannot read (should not happen).
    Malformed,
}

pub(super) fn lower_int(int: &ruff_python_ast::Int) -> Result<IntLit, IntError> {
    if let Some(v) = int.as_i64() {
        return Ok(IntLit::Small(v));
    }
    if let Some(v) = int.as_u64() {
        return Ok(IntLit::Big(v.to_string()));
    }
    // For big values ruff's `Display` gives the literal text (decimal with underscores
    // already stripped, or the token as written for other bases).
    big_literal_to_decimal(&int.to_string())
}

/// Decimal digits of a non-negative integer literal written in any Python base.
pub(super) fn big_literal_to_decimal(text: &str) -> Result<IntLit, IntError> {
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    let lower = clean.to_ascii_lowercase();
    let (bits, digits) = if let Some(d) = lower.strip_prefix("0x") {
        (4, d)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (3, d)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (1, d)
    } else {
        if lower.is_empty() || !lower.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IntError::Malformed);
        }
        if lower.len() > MAX_STR_DIGITS {
            return Err(IntError::TooManyDigits(lower.len()));
        }
        let trimmed = lower.trim_start_matches('0');
        return Ok(decimal_lit(if trimmed.is_empty() { "0" } else { trimmed }));
    };
    if digits.is_empty() {
        return Err(IntError::Malformed);
    }
    let limbs = pack_bits(digits, bits).ok_or(IntError::Malformed)?;
    Ok(decimal_lit(&limbs_to_decimal(limbs)))
}

fn decimal_lit(digits: &str) -> IntLit {
    match digits.parse::<i64>() {
        Ok(v) => IntLit::Small(v),
        Err(_) => IntLit::Big(digits.to_owned()),
    }
}

/// Digits of base `2^bits` (most significant first) -> little-endian `u32` limbs.
fn pack_bits(digits: &str, bits: u32) -> Option<Vec<u32>> {
    let radix = 1u32 << bits;
    let mut limbs = Vec::with_capacity(digits.len() * bits as usize / 32 + 1);
    let mut acc: u64 = 0;
    let mut acc_bits = 0u32;
    for c in digits.chars().rev() {
        let d = c.to_digit(radix)?;
        acc |= u64::from(d) << acc_bits;
        acc_bits += bits;
        if acc_bits >= 32 {
            limbs.push(acc as u32);
            acc >>= 32;
            acc_bits -= 32;
        }
    }
    if acc_bits > 0 {
        limbs.push(acc as u32);
    }
    Some(limbs)
}

/// Little-endian `u32` limbs -> decimal digits, by repeated division by 10^9.
fn limbs_to_decimal(mut limbs: Vec<u32>) -> String {
    const CHUNK: u64 = 1_000_000_000;
    let mut chunks: Vec<u32> = Vec::new(); // base 10^9, least significant first
    loop {
        while limbs.last() == Some(&0) {
            limbs.pop();
        }
        if limbs.is_empty() {
            break;
        }
        let mut rem: u64 = 0;
        for limb in limbs.iter_mut().rev() {
            let cur = (rem << 32) | u64::from(*limb);
            *limb = (cur / CHUNK) as u32;
            rem = cur % CHUNK;
        }
        chunks.push(rem as u32);
    }
    let mut out = String::with_capacity(chunks.len() * 9 + 1);
    match chunks.split_last() {
        None => out.push('0'),
        Some((most, rest)) => {
            out.push_str(&most.to_string());
            for chunk in rest.iter().rev() {
                out.push_str(&format!("{chunk:09}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(s: &str) -> IntLit {
        IntLit::Big(s.to_owned())
    }

    #[test]
    fn bases_and_underscores() {
        assert_eq!(big_literal_to_decimal("0x_FF"), Ok(IntLit::Small(255)));
        assert_eq!(big_literal_to_decimal("0o17"), Ok(IntLit::Small(15)));
        assert_eq!(big_literal_to_decimal("0B1010"), Ok(IntLit::Small(10)));
        assert_eq!(big_literal_to_decimal("1_000"), Ok(IntLit::Small(1000)));
        assert_eq!(big_literal_to_decimal("0x0"), Ok(IntLit::Small(0)));
        assert_eq!(big_literal_to_decimal("000"), Ok(IntLit::Small(0)));
    }

    #[test]
    fn big_values() {
        // 2**64
        assert_eq!(
            big_literal_to_decimal("0x1_0000_0000_0000_0000"),
            Ok(big("18446744073709551616"))
        );
        // 2**100
        assert_eq!(
            big_literal_to_decimal(&format!("0b1{}", "0".repeat(100))),
            Ok(big("1267650600228229401496703205376"))
        );
        // 8**30 = 2**90
        assert_eq!(
            big_literal_to_decimal("0o1000000000000000000000000000000"),
            Ok(big("1237940039285380274899124224"))
        );
        assert_eq!(
            big_literal_to_decimal("123_456_789_012_345_678_901_234_567_890"),
            Ok(big("123456789012345678901234567890"))
        );
        // 2**63 does not fit in i64.
        assert_eq!(
            big_literal_to_decimal("0x8000000000000000"),
            Ok(big("9223372036854775808"))
        );
        assert_eq!(
            big_literal_to_decimal("0x7fffffffffffffff"),
            Ok(IntLit::Small(i64::MAX))
        );
    }

    #[test]
    fn limits_and_garbage() {
        let long = "7".repeat(MAX_STR_DIGITS + 1);
        assert_eq!(
            big_literal_to_decimal(&long),
            Err(IntError::TooManyDigits(4301))
        );
        assert!(matches!(
            big_literal_to_decimal(&"7".repeat(MAX_STR_DIGITS)),
            Ok(IntLit::Big(_))
        ));
        assert_eq!(big_literal_to_decimal("0xZZ"), Err(IntError::Malformed));
        assert_eq!(big_literal_to_decimal("0x"), Err(IntError::Malformed));
        assert_eq!(big_literal_to_decimal(""), Err(IntError::Malformed));
        assert_eq!(big_literal_to_decimal("12a"), Err(IntError::Malformed));
        // Hex literals have no digit limit.
        let hex = format!("0x{}", "f".repeat(6000));
        assert!(matches!(big_literal_to_decimal(&hex), Ok(IntLit::Big(d)) if d.len() > 7000));
    }
}
