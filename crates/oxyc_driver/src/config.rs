//! `[tool.oxyc]` in a project's `pyproject.toml`.
//!
//! ```toml
//! [tool.oxyc]
//! compile = ["src/demo_pkg"]            # what `oxyc build` (no arguments) and the build
//!                                       # backend compile: packages, directories, files
//! include = ["demo_pkg/**/*.py"]        # optional: only these modules are compiled
//! exclude = ["demo_pkg/plugins/*.py"]   # these stay ordinary Python
//! packages = ["src/demo_pkg"]           # (backend) what the wheel ships; default: compile
//! keep-sources = true                   # (backend) ship the .py beside each extension
//! ```
//!
//! Globs match a module's path relative to its import root (the directory on `sys.path`),
//! with `/` separators: `demo_pkg/sub/mod.py`, whatever the project layout.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

/// The file name oxyc reads its project settings from.
pub const PYPROJECT: &str = "pyproject.toml";

/// The settings of `[tool.oxyc]`. Unknown keys are errors (a typo must not silently
/// compile everything).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct OxycConfig {
    /// Packages, directories or files to compile, relative to the pyproject.toml.
    #[serde(default)]
    pub compile: Vec<String>,
    /// Globs: when given, only modules matching one of them are compiled.
    #[serde(default)]
    pub include: Vec<String>,
    /// Globs: modules matching one of them stay ordinary Python.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Build backend: what the wheel ships (default: `compile`). Not read by `oxyc build`.
    #[serde(default)]
    pub packages: Vec<String>,
    /// Build backend: ship the `.py` sources beside the extension modules (default true).
    #[serde(default)]
    pub keep_sources: Option<bool>,
}

#[derive(Debug, Deserialize)]
struct Pyproject {
    #[serde(default)]
    tool: Option<Tool>,
}

#[derive(Debug, Deserialize)]
struct Tool {
    #[serde(default)]
    oxyc: Option<OxycConfig>,
}

#[derive(Debug, Error)]
#[error("invalid `{}`: {message}", path.display())]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

/// A loaded `[tool.oxyc]` and the directory its relative paths start from.
#[derive(Debug, Clone)]
pub struct ProjectConfig {
    pub dir: PathBuf,
    pub oxyc: OxycConfig,
}

impl ProjectConfig {
    /// `compile` entries as paths.
    pub fn compile_paths(&self) -> Vec<PathBuf> {
        self.oxyc.compile.iter().map(|c| self.dir.join(c)).collect()
    }
}

/// Read `[tool.oxyc]` of `path`; a pyproject.toml without that table gives the defaults.
pub fn load(path: &Path) -> Result<ProjectConfig, ConfigError> {
    let err = |message: String| ConfigError {
        path: path.to_path_buf(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| err(e.to_string()))?;
    let oxyc = parse(&text).map_err(err)?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok(ProjectConfig { dir, oxyc })
}

/// The `[tool.oxyc]` table of pyproject.toml text.
pub fn parse(text: &str) -> Result<OxycConfig, String> {
    let doc: Pyproject = toml::from_str(text).map_err(|e| e.to_string().trim().to_owned())?;
    let oxyc = doc.tool.and_then(|t| t.oxyc).unwrap_or_default();
    for pattern in oxyc.include.iter().chain(&oxyc.exclude) {
        glob::Pattern::new(pattern)
            .map_err(|e| format!("bad glob `{pattern}` in [tool.oxyc]: {e}"))?;
    }
    Ok(oxyc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_oxyc_table() {
        let c = parse(
            r#"
[project]
name = "x"
[tool.oxyc]
compile = ["src/pkg"]
exclude = ["pkg/slow.py"]
keep-sources = false
[tool.other]
anything = 1
"#,
        )
        .unwrap();
        assert_eq!(c.compile, ["src/pkg"]);
        assert_eq!(c.exclude, ["pkg/slow.py"]);
        assert!(c.include.is_empty());
        assert_eq!(c.keep_sources, Some(false));
    }

    #[test]
    fn missing_table_is_the_default() {
        assert_eq!(
            parse("[project]\nname='x'\n").unwrap(),
            OxycConfig::default()
        );
        assert_eq!(parse("").unwrap(), OxycConfig::default());
    }

    #[test]
    fn typos_and_bad_globs_are_errors() {
        let e = parse("[tool.oxyc]\nexclud = ['a']\n").unwrap_err();
        assert!(e.contains("exclud"), "{e}");
        let e = parse("[tool.oxyc]\nexclude = ['a/[b']\n").unwrap_err();
        assert!(e.contains("a/[b"), "{e}");
        assert!(parse("[tool.oxyc\n").is_err());
        assert!(parse("[tool.oxyc]\ncompile = 'pkg'\n").is_err());
    }
}
