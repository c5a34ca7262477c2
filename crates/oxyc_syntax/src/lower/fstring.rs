//! f-strings: one flat list of parts for the whole implicitly concatenated literal.
//!
//! * `"a" f"{x}" "b"` is one `FString` whose adjacent literal pieces are merged; empty
//!   literal pieces are dropped.
//! * Literal text is already unescaped by ruff (`{{` is `{`, `\n` is a newline).
//! * `f"{x = }"` keeps the text `x = ` in `debug_text`; as in CPython, with `=` and neither
//!   a conversion nor a format spec the conversion is `!r` (set explicitly here). An empty
//!   spec (`f"{x=:}"`) is still a spec: `Some(vec![])`, and no `!r` default.

use ruff_python_ast as r;
use ruff_text_size::Ranged;

use super::Lowerer;
use crate::ast::FStringPart;

impl Lowerer<'_> {
    pub(crate) fn fstring(&mut self, value: &r::FStringValue) -> Vec<FStringPart> {
        let mut parts = Vec::new();
        for part in value {
            match part {
                r::FStringPart::Literal(lit) => {
                    self.check_surrogates(lit.flags, lit.content_range());
                    push_literal(&mut parts, &lit.value);
                }
                r::FStringPart::FString(f) => {
                    self.elements(&f.elements, f.flags, &mut parts);
                }
            }
        }
        parts
    }

    fn elements(
        &mut self,
        elements: &r::InterpolatedStringElements,
        flags: r::FStringFlags,
        out: &mut Vec<FStringPart>,
    ) {
        for element in elements {
            match element {
                r::InterpolatedStringElement::Literal(lit) => {
                    self.check_surrogates(flags, lit.range());
                    push_literal(out, &lit.value);
                }
                r::InterpolatedStringElement::Interpolation(i) => {
                    let expr = self.bexpr(&i.expression);
                    let format_spec = i.format_spec.as_ref().map(|spec| {
                        let mut spec_parts = Vec::new();
                        self.elements(&spec.elements, flags, &mut spec_parts);
                        spec_parts
                    });
                    let debug_text = i.debug_text.as_ref().map(|d| d.as_str().to_owned());
                    let conversion = match i.conversion.to_char() {
                        None if debug_text.is_some() && format_spec.is_none() => Some('r'),
                        other => other,
                    };
                    out.push(FStringPart::Interpolation {
                        expr,
                        conversion,
                        format_spec,
                        debug_text,
                    });
                }
            }
        }
    }
}

fn push_literal(out: &mut Vec<FStringPart>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(FStringPart::Literal(prev)) = out.last_mut() {
        prev.push_str(text);
    } else {
        out.push(FStringPart::Literal(text.to_owned()));
    }
}
