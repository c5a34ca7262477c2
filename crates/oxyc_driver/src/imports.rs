//! Relative imports that cannot resolve. `from .missing import x` or a `..` above the
//! top-level package raises ImportError only when the statement runs (and code may catch
//! it: optional speedups), so these are warnings, with the line, not errors.

use std::path::Path;

use oxyc_syntax::ast::{Stmt, StmtKind};
use oxyc_syntax::{Diagnostic, Severity, Span};

/// Warnings for the relative imports of module `name` (a package itself when
/// `is_package`), whose import root is `root`.
pub fn check_relative_imports(
    body: &[Stmt],
    name: &str,
    is_package: bool,
    root: &Path,
) -> Vec<Diagnostic> {
    let mut imports = Vec::new();
    collect(body, &mut imports);
    let mut package: Vec<&str> = name.split('.').collect();
    if !is_package {
        package.pop();
    }
    let mut out = Vec::new();
    for (span, module, level) in imports {
        let up = level as usize - 1;
        if up >= package.len() {
            let mut d = Diagnostic::error(
                span,
                format!(
                    "this relative import goes above the top-level package of `{name}` \
                     (ImportError when it runs)"
                ),
            );
            d.severity = Severity::Warning;
            out.push(d);
            continue;
        }
        let Some(module) = module else { continue };
        let mut target: Vec<&str> = package[..package.len() - up].to_vec();
        target.extend(module.split('.'));
        if !module_exists(root, &target) {
            let dotted = target.join(".");
            let mut d = Diagnostic::error(
                span,
                format!("no module `{dotted}` (ImportError when this runs)"),
            );
            d.severity = Severity::Warning;
            out.push(d.with_help(format!(
                "looked for {}/{}.py and {0}/{1}/__init__.py",
                root.display(),
                target.join("/")
            )));
        }
    }
    out
}

/// A module or package (regular or namespace) or an extension module at `parts` below
/// `root`.
fn module_exists(root: &Path, parts: &[&str]) -> bool {
    let Some((last, dirs)) = parts.split_last() else {
        return false;
    };
    let dir = dirs.iter().fold(root.to_path_buf(), |p, d| p.join(d));
    if dir.join(format!("{last}.py")).is_file() || dir.join(last).is_dir() {
        return true;
    }
    // An extension module: `last.<tag>.so` / `.pyd`.
    std::fs::read_dir(&dir).is_ok_and(|entries| {
        entries.filter_map(Result::ok).any(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.starts_with(&format!("{last}.")) && (n.ends_with(".so") || n.ends_with(".pyd"))
        })
    })
}

fn collect<'a>(body: &'a [Stmt], out: &mut Vec<(Span, Option<&'a str>, u32)>) {
    for stmt in body {
        match &stmt.kind {
            StmtKind::ImportFrom { module, level, .. } if *level > 0 => {
                out.push((stmt.span, module.as_deref(), *level));
            }
            StmtKind::FunctionDef(f) => collect(&f.body, out),
            StmtKind::ClassDef(c) => collect(&c.body, out),
            StmtKind::If { body, orelse, .. }
            | StmtKind::While { body, orelse, .. }
            | StmtKind::For { body, orelse, .. } => {
                collect(body, out);
                collect(orelse, out);
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
                ..
            } => {
                collect(body, out);
                for h in handlers {
                    collect(&h.body, out);
                }
                collect(orelse, out);
                collect(finalbody, out);
            }
            StmtKind::With { body, .. } => collect(body, out),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unresolvable_relative_imports_are_warnings() {
        let tmp = tempfile::tempdir().unwrap();
        let pkg = tmp.path().join("pkg");
        std::fs::create_dir_all(pkg.join("sub")).unwrap();
        std::fs::create_dir_all(pkg.join("ns")).unwrap();
        for f in ["__init__.py", "a.py", "sub/__init__.py", "sub/b.py"] {
            std::fs::write(pkg.join(f), "").unwrap();
        }
        std::fs::write(pkg.join("fast.cpython-311-x86_64-linux-gnu.so"), "").unwrap();
        let source = "\
from . import anything
from .a import x
from ..a import y
from .. import z
from ...top import w
def f():
    try:
        from .missing import q
    except ImportError:
        pass
from .ns import v
from ..fast import u
from ..sub.b import t
";
        let module = oxyc_syntax::parse_module(
            source,
            oxyc_syntax::PythonVersion {
                major: 3,
                minor: 11,
            },
        )
        .unwrap();
        let warnings = check_relative_imports(&module.body, "pkg.sub.b", false, tmp.path());
        let messages: Vec<String> = warnings.iter().map(|d| d.message.clone()).collect();
        assert_eq!(
            messages,
            [
                "no module `pkg.sub.a` (ImportError when this runs)",
                "this relative import goes above the top-level package of `pkg.sub.b` (ImportError when it runs)",
                "no module `pkg.sub.missing` (ImportError when this runs)",
                "no module `pkg.sub.ns` (ImportError when this runs)",
            ]
        );
        assert!(warnings.iter().all(|d| d.severity == Severity::Warning));
        // In a package's __init__, `.` is the package itself.
        let warnings = check_relative_imports(&module.body, "pkg", true, tmp.path());
        assert!(
            warnings
                .iter()
                .any(|d| d.message.contains("above the top-level package"))
        );
        assert!(!warnings.iter().any(|d| d.message.contains("pkg.a`")));
    }
}
