//! From what the user named (files, package directories, source roots) to the modules of a
//! build: each with its full dotted name, its path relative to its import root and whether
//! include/exclude globs leave it compiled.
//!
//! - `x.py`: one module, always compiled. Its name is dotted when it lives in a package
//!   (`pkg/sub/x.py` with `pkg/__init__.py` and `pkg/sub/__init__.py` is `pkg.sub.x`).
//! - A directory with `__init__.py`: that package, its modules and subpackages (directories
//!   with `__init__.py`), recursively. Its import root is the nearest ancestor that is not
//!   a package.
//! - A directory without `__init__.py`: an import root (like `src/`): its modules and its
//!   packages.
//!
//! Modules found in directories are filtered by the globs; they match the path relative to
//! the import root with `/` separators (`pkg/sub/x.py`).

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::build::is_module_name;

/// Include/exclude globs.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    include: Vec<glob::Pattern>,
    exclude: Vec<glob::Pattern>,
}

#[derive(Debug, Error)]
pub enum InputError {
    #[error("bad glob `{pattern}`: {detail}")]
    BadGlob { pattern: String, detail: String },
    #[error(
        "cannot find `{}`: no such file or directory (name a .py file, a package directory or a directory of modules)",
        path.display()
    )]
    Missing { path: PathBuf },
    #[error("`{}` is not a Python module (expected a .py file or a directory)", path.display())]
    NotPython { path: PathBuf },
    #[error("cannot read the directory `{}`: {source}", path.display())]
    ReadDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("`{}` holds no Python modules to compile{}", path.display(), if *.filtered { " (all were excluded)" } else { "" })]
    Empty { path: PathBuf, filtered: bool },
}

impl Filter {
    pub fn new(include: &[String], exclude: &[String]) -> Result<Filter, InputError> {
        let compile = |patterns: &[String]| {
            patterns
                .iter()
                .map(|p| {
                    glob::Pattern::new(p).map_err(|e| InputError::BadGlob {
                        pattern: p.clone(),
                        detail: e.to_string(),
                    })
                })
                .collect::<Result<Vec<_>, _>>()
        };
        Ok(Filter {
            include: compile(include)?,
            exclude: compile(exclude)?,
        })
    }

    /// Is the module at `rel` (root-relative, `/`-separated) compiled?
    pub fn compiles(&self, rel: &str) -> bool {
        let opts = glob::MatchOptions {
            case_sensitive: true,
            require_literal_separator: true,
            require_literal_leading_dot: false,
        };
        let hit = |p: &glob::Pattern| p.matches_with(rel, opts);
        (self.include.is_empty() || self.include.iter().any(hit)) && !self.exclude.iter().any(hit)
    }
}

/// A module of the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundModule {
    /// The `.py` file.
    pub source: PathBuf,
    /// The directory on `sys.path` it is imported from.
    pub root: PathBuf,
    /// The path below `root`, `/`-separated: `pkg/sub/mod.py`.
    pub rel: String,
    /// The import name (`pkg.sub.mod`; `pkg` for `pkg/__init__.py`), or the component
    /// that is not an identifier.
    pub name: Result<String, String>,
    /// Named on the command line (rather than found in a directory).
    pub explicit: bool,
    /// Compiled (false: excluded by a glob, stays ordinary Python).
    pub compiled: bool,
}

impl FoundModule {
    /// The output file's stem: the last component, `__init__` for a package.
    pub fn file_stem(&self) -> String {
        let file = self.rel.rsplit('/').next().unwrap_or(&self.rel);
        file.strip_suffix(".py").unwrap_or(file).to_owned()
    }

    /// The directory below the root the module lives in (`pkg/sub`; empty at the top).
    pub fn rel_dir(&self) -> PathBuf {
        match self.rel.rsplit_once('/') {
            Some((dir, _)) => dir.split('/').collect(),
            None => PathBuf::new(),
        }
    }
}

/// Every module the inputs name, in a stable order (inputs in order; in a directory,
/// files sorted by name, `__init__.py` first). A module named twice is listed once.
pub fn discover(inputs: &[PathBuf], filter: &Filter) -> Result<Vec<FoundModule>, InputError> {
    let mut found: Vec<FoundModule> = Vec::new();
    for input in inputs {
        let before = found.len();
        if input.is_dir() {
            let (root, prefix) = import_root(input);
            walk(input, &root, &prefix, filter, &mut found)?;
            if !found.iter().skip(before).any(|m| m.compiled) {
                return Err(InputError::Empty {
                    path: input.clone(),
                    filtered: found.len() > before,
                });
            }
        } else if input.is_file() || input.extension().is_some_and(|e| e == "py") {
            if input.extension().is_none_or(|e| e != "py") {
                return Err(InputError::NotPython {
                    path: input.clone(),
                });
            }
            // A missing .py file is reported by its module's build (read error).
            let dir = crate::fsutil::parent_dir(input);
            let (root, prefix) = if dir.join("__init__.py").is_file() {
                import_root(dir)
            } else {
                (dir.to_path_buf(), Vec::new())
            };
            let file = input
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            let mut m = module(input.clone(), &root, &prefix, &file);
            m.explicit = true;
            found.push(m);
        } else {
            return Err(InputError::Missing {
                path: input.clone(),
            });
        }
    }
    // The same file named twice (a package and one of its modules): keep the first,
    // but an explicit mention wins over an exclusion.
    let mut unique: Vec<FoundModule> = Vec::with_capacity(found.len());
    for m in found {
        let key = std::path::absolute(&m.source).unwrap_or_else(|_| m.source.clone());
        if let Some(seen) = unique
            .iter_mut()
            .find(|u| std::path::absolute(&u.source).unwrap_or_else(|_| u.source.clone()) == key)
        {
            if m.explicit {
                seen.explicit = true;
                seen.compiled = true;
            }
            continue;
        }
        unique.push(m);
    }
    Ok(unique)
}

/// The import root of a directory and the package components from there down to it
/// (`src/pkg/sub` with `__init__.py` in `pkg` and `sub`: (`src`, [`pkg`, `sub`])).
fn import_root(dir: &Path) -> (PathBuf, Vec<String>) {
    let mut prefix = Vec::new();
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut cur = absolute.as_path();
    while cur.join("__init__.py").is_file() {
        let Some(name) = cur.file_name() else { break };
        prefix.push(name.to_string_lossy().into_owned());
        match cur.parent() {
            Some(parent) => cur = parent,
            None => break,
        }
    }
    prefix.reverse();
    // Keep the root as the user spelled it where possible (relative stays relative).
    let mut root = dir.to_path_buf();
    for _ in 0..prefix.len() {
        root = match root.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => cur.to_path_buf(),
        };
    }
    (root, prefix)
}

fn module(source: PathBuf, root: &Path, prefix: &[String], file: &str) -> FoundModule {
    let stem = file.strip_suffix(".py").unwrap_or(file);
    let mut parts: Vec<&str> = prefix.iter().map(String::as_str).collect();
    if stem != "__init__" {
        parts.push(stem);
    }
    let name = match parts.iter().find(|p| !is_module_name(p)) {
        Some(bad) => Err((*bad).to_owned()),
        None if parts.is_empty() => Err(stem.to_owned()),
        None => Ok(parts.join(".")),
    };
    let mut rel: Vec<&str> = prefix.iter().map(String::as_str).collect();
    rel.push(file);
    FoundModule {
        source,
        root: root.to_path_buf(),
        rel: rel.join("/"),
        name,
        explicit: false,
        compiled: true,
    }
}

/// The modules of `dir` (whose package components below `root` are `prefix`) and of its
/// subpackages.
fn walk(
    dir: &Path,
    root: &Path,
    prefix: &[String],
    filter: &Filter,
    found: &mut Vec<FoundModule>,
) -> Result<(), InputError> {
    let entries = std::fs::read_dir(dir).map_err(|source| InputError::ReadDir {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name == "__pycache__" {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            if path.join("__init__.py").is_file() {
                dirs.push(name);
            }
        } else if name.ends_with(".py") && path.is_file() {
            files.push(name);
        }
    }
    // `__init__` first (it runs first), then by name: deterministic output order.
    files.sort_by(|a, b| (a != "__init__.py", a).cmp(&(b != "__init__.py", b)));
    dirs.sort();
    for file in files {
        let mut m = module(dir.join(&file), root, prefix, &file);
        // `python -m pkg` runs `pkg/__main__.py` from its code object, which a compiled
        // module has none of: it stays Python unless named on the command line. So does
        // a file no import can name (`hook-pkg.py`, which PyInstaller loads by path; a
        // package directory's bad name is still reported).
        let stem = file.strip_suffix(".py").unwrap_or(&file);
        let importable = stem == "__init__" || is_module_name(stem);
        m.compiled = filter.compiles(&m.rel) && file != "__main__.py" && importable;
        found.push(m);
    }
    for sub in dirs {
        let mut p = prefix.to_vec();
        p.push(sub.clone());
        walk(&dir.join(&sub), root, &p, filter, found)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[&str]) -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        for f in files {
            let p = tmp.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x = 1\n").unwrap();
        }
        tmp
    }

    fn names(found: &[FoundModule]) -> Vec<(String, String, bool)> {
        found
            .iter()
            .map(|m| {
                (
                    m.name.clone().unwrap_or_default(),
                    m.rel.clone(),
                    m.compiled,
                )
            })
            .collect()
    }

    #[test]
    fn a_package_with_subpackages() {
        let t = tree(&[
            "src/pkg/__init__.py",
            "src/pkg/__main__.py",
            "src/pkg/b.py",
            "src/pkg/a.py",
            "src/pkg/sub/__init__.py",
            "src/pkg/sub/c.py",
            "src/pkg/data/not_a_package.py",
            "src/pkg/__pycache__/x.py",
            "src/pkg/hook-pkg.py",
        ]);
        let filter = Filter::new(&[], &["pkg/b.py".into()]).unwrap();
        let found = discover(&[t.path().join("src/pkg")], &filter).unwrap();
        let s = |n: &str, r: &str, c: bool| (n.to_owned(), r.to_owned(), c);
        assert_eq!(
            names(&found),
            [
                s("pkg", "pkg/__init__.py", true),
                s("pkg.__main__", "pkg/__main__.py", false),
                s("pkg.a", "pkg/a.py", true),
                s("pkg.b", "pkg/b.py", false),
                s("", "pkg/hook-pkg.py", false),
                s("pkg.sub", "pkg/sub/__init__.py", true),
                s("pkg.sub.c", "pkg/sub/c.py", true),
            ]
        );
        assert!(found.iter().all(|m| m.root == t.path().join("src")));
        assert_eq!(found[0].file_stem(), "__init__");
        assert_eq!(found[6].file_stem(), "c");
        assert_eq!(found[6].rel_dir(), Path::new("pkg/sub"));

        // A subpackage named alone keeps its full name; so does a file in it.
        let found = discover(&[t.path().join("src/pkg/sub/c.py")], &filter).unwrap();
        assert_eq!(found[0].name.as_deref(), Ok("pkg.sub.c"));
        assert!(found[0].explicit);
        let found = discover(&[t.path().join("src/pkg/sub")], &filter).unwrap();
        assert_eq!(found[1].name.as_deref(), Ok("pkg.sub.c"));

        // A source root: its packages (and top-level modules).
        let found = discover(&[t.path().join("src")], &Filter::default()).unwrap();
        assert_eq!(found.len(), 7);

        // `__main__.py` named alone is compiled (`python -m` then cannot run it).
        let found = discover(&[t.path().join("src/pkg/__main__.py")], &filter).unwrap();
        assert!(found[0].compiled && found[0].explicit);
    }

    #[test]
    fn include_exclude_globs() {
        let f = Filter::new(&["pkg/**/*.py".into()], &["**/test_*.py".into()]).unwrap();
        assert!(f.compiles("pkg/a.py"));
        assert!(f.compiles("pkg/sub/a.py"));
        assert!(!f.compiles("pkg/sub/test_a.py"));
        assert!(!f.compiles("other/a.py"));
        let f = Filter::new(&[], &["pkg/*.py".into()]).unwrap();
        assert!(!f.compiles("pkg/a.py"));
        // `*` does not cross directories.
        assert!(f.compiles("pkg/sub/a.py"));
        assert!(Filter::new(&["[".into()], &[]).is_err());
    }

    #[test]
    fn bad_inputs() {
        let t = tree(&["empty/readme.txt", "pkg/__init__.py", "notes.txt"]);
        let f = Filter::default();
        assert!(matches!(
            discover(&[t.path().join("nope")], &f),
            Err(InputError::Missing { .. })
        ));
        assert!(matches!(
            discover(&[t.path().join("empty")], &f),
            Err(InputError::Empty {
                filtered: false,
                ..
            })
        ));
        let all_out = Filter::new(&[], &["**".into()]).unwrap();
        assert!(matches!(
            discover(&[t.path().join("pkg")], &all_out),
            Err(InputError::Empty { filtered: true, .. })
        ));
        assert!(matches!(
            discover(&[t.path().join("notes.txt")], &f),
            Err(InputError::NotPython { .. })
        ));
        // A missing .py file is left to the module's build (a read error naming it).
        assert_eq!(discover(&[t.path().join("gone.py")], &f).unwrap().len(), 1);
    }

    #[test]
    fn invalid_package_names_are_kept_as_errors() {
        let t = tree(&["my-pkg/__init__.py", "my-pkg/m.py"]);
        let found = discover(&[t.path().join("my-pkg")], &Filter::default()).unwrap();
        assert_eq!(found[1].name, Err("my-pkg".to_owned()));
    }
}
