//! `oxyc test [-- PYTEST_ARGS]`: build the project (`[tool.oxyc] compile` of
//! ./pyproject.toml) into a temporary directory, complete with its ordinary modules and
//! package data, and run the project's own tests with pytest against that build, so the
//! compiled build is proven to behave like the sources.
//!
//! pytest runs in the project directory, with the build first on `PYTHONPATH` and `-P`
//! (Python 3.11+) so the checkout itself is not put on `sys.path`. `OXYC_TEST_BUILD`
//! names the build directory, for tests that want to check what they run against.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use crate::build::{self, BuildOptions, ConfigSource, Reporter};
use crate::config;
use crate::error::{DriverError, IoAction, IoError};

/// What `oxyc test` takes from the command line.
#[derive(Debug, Clone)]
pub struct TestOptions {
    pub python: Option<PathBuf>,
    pub opt_level: u8,
    pub debug: bool,
    pub verbose: bool,
    /// Given to pytest as they are.
    pub pytest_args: Vec<OsString>,
}

pub fn test(opts: &TestOptions, reporter: &dyn Reporter) -> Result<ExitCode, DriverError> {
    let pyproject = Path::new(config::PYPROJECT);
    if !pyproject.is_file() {
        return Err(DriverError::Usage(
            "oxyc test runs in a project directory: there is no pyproject.toml here".into(),
        ));
    }
    let project = config::load(pyproject)?;
    let inputs = project.compile_paths();
    if inputs.is_empty() {
        return Err(DriverError::Usage(format!(
            "`{}` has no [tool.oxyc] compile list: nothing to build and test",
            pyproject.display()
        )));
    }
    let python = opts
        .python
        .clone()
        .unwrap_or_else(|| PathBuf::from(crate::python::DEFAULT_PYTHON));
    check_pytest(&python)?;

    let build_dir = tempfile::Builder::new()
        .prefix("oxyc-test-")
        .tempdir()
        .map_err(|e| IoError::new(IoAction::Create, &std::env::temp_dir(), e))?;
    // (`build -o` copies the packages' data files beside their modules.)
    let out = build_dir.path();
    let summary = build::build(
        &BuildOptions {
            files: inputs,
            config: ConfigSource::File(pyproject.to_path_buf()),
            out_dir: Some(out.to_path_buf()),
            python: opts.python.clone(),
            opt_level: opts.opt_level,
            debug: opts.debug,
            verbose: opts.verbose,
            ..BuildOptions::default()
        },
        reporter,
    )?;
    if !summary.success() {
        eprintln!("oxyc test: the build failed, so no tests were run");
        return Ok(ExitCode::from(1));
    }
    eprintln!(
        "oxyc test: testing the compiled build ({} module{} compiled, {} left as Python) in {}",
        summary.built.len(),
        if summary.built.len() == 1 { "" } else { "s" },
        summary.excluded.len(),
        out.display()
    );

    let mut entries = vec![out.to_path_buf()];
    if let Some(old) = std::env::var_os("PYTHONPATH").filter(|p| !p.is_empty()) {
        entries.extend(std::env::split_paths(&old));
    }
    let path = std::env::join_paths(entries).map_err(|e| {
        DriverError::Usage(format!("cannot put the build directory on PYTHONPATH: {e}"))
    })?;
    let mut cmd = Command::new(&python);
    cmd.arg("-P")
        .args(["-m", "pytest"])
        .args(&opts.pytest_args)
        .env("PYTHONPATH", path)
        .env("OXYC_TEST_BUILD", out)
        // No stale bytecode of the sources next to the build.
        .env("PYTHONDONTWRITEBYTECODE", "1");
    if opts.verbose {
        eprintln!(
            "{}",
            crate::cc::shell_words(
                &std::iter::once(cmd.get_program())
                    .chain(cmd.get_args())
                    .collect::<Vec<_>>()
            )
        );
    }
    let status = cmd.status().map_err(|source| DriverError::Exec {
        program: python.clone(),
        source,
    })?;
    // pytest's own status (1: tests failed, 5: none collected, ...); a signal gives 1.
    let code = status.code().map_or(1, |c| u8::try_from(c).unwrap_or(1));
    Ok(ExitCode::from(code))
}

fn check_pytest(python: &Path) -> Result<(), DriverError> {
    let found = Command::new(python)
        .args([
            "-c",
            "import importlib.util, sys; sys.exit(importlib.util.find_spec('pytest') is None)",
        ])
        .output()
        .map_err(|source| DriverError::Exec {
            program: python.to_path_buf(),
            source,
        })?;
    if found.status.success() {
        Ok(())
    } else {
        Err(DriverError::Usage(format!(
            "oxyc test runs pytest, which `{}` cannot import: install it (`{} -m pip install pytest`)",
            python.display(),
            python.display()
        )))
    }
}
