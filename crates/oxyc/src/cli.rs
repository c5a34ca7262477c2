//! The command line: what each subcommand and flag means, with examples.

use std::ffi::OsString;
use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use oxyc_driver::{BuildOptions, ConfigSource, RunOptions, TestOptions};

const ABOUT: &str = "Compile type-annotated Python modules to native CPython extension modules";

const LONG_ABOUT: &str = "\
Compile type-annotated Python modules to native CPython extension modules.

oxyc reads ordinary Python (the code you already check with mypy or pyright) and writes a
C extension module that Python imports in place of the .py file. Annotations make it fast:
`int`, `float` and `bool` become machine values, calls between compiled functions become
direct C calls. Code it cannot specialise still works, through the Python C API.";

const EXAMPLES: &str = "\
Examples:
  Compile fib.py into fib.cpython-311-x86_64-linux-gnu.so (or whatever the target Python
  calls extension modules) next to it; `import fib` now loads the compiled module:
    oxyc build fib.py && python3 -c \"import fib\"

  Compile and run a script, like `python3 script.py arg1`; the build is cached:
    oxyc run script.py arg1

  Optimise harder and keep the generated C beside the module, for reading:
    oxyc build -O3 --emit-c mod.py

  Build several modules in parallel into build/, for another interpreter:
    oxyc build -o build --python /usr/bin/python3.12 a.py b.py c.py

  See what still runs interpreted (classes, closures, ...) and why; or refuse it:
    oxyc build --explain mod.py
    oxyc build --strict mod.py

Environment:
  CC, CFLAGS, LDFLAGS   the C compiler (default `cc`) and extra flags
  OXYC_CACHE_DIR        the cache (default $XDG_CACHE_HOME/oxyc or ~/.cache/oxyc)
  NO_COLOR              no colour in messages

Exit status: 0 on success, 1 when a module failed to compile, 2 for usage errors.";

#[derive(Debug, Parser)]
#[command(
    name = "oxyc",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    after_help = EXAMPLES,
    subcommand_required = true,
    arg_required_else_help = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compile Python modules to extension modules
    #[command(
        long_about = "Compile each FILE.py to an extension module NAME<EXT_SUFFIX> (NAME is the file name \
                      without .py; EXT_SUFFIX is what the target Python expects, e.g. \
                      .cpython-311-x86_64-linux-gnu.so). It is written next to the source unless -o is \
                      given, so `import NAME` picks the compiled module. A package directory compiles \
                      every module of it and of its subpackages, each under its full dotted name \
                      (pkg/__init__.py becomes pkg/__init__<EXT_SUFFIX>); with -o the package's \
                      directory structure and its .py files are reproduced under DIR. Modules \
                      excluded by --exclude/--include (or [tool.oxyc] in ./pyproject.toml) stay \
                      ordinary Python, and so do a package's __main__.py and its files whose names \
                      no import can name (hook-pkg.py). A module that fails to compile leaves any earlier output \
                      untouched; the others are still built.",
        after_help = "Examples:\n  oxyc build fib.py && python3 -c \"import fib\"\n  oxyc build -O3 --emit-c mod.py\n  oxyc build -o build -j 4 *.py\n  oxyc build src/mypkg --exclude 'mypkg/plugins/*.py'\n  oxyc build              # what [tool.oxyc] compile = [...] lists\n  oxyc build --explain mod.py"
    )]
    Build(BuildArgs),
    /// Compile a script and run it like `python3 FILE.py ARGS...`
    #[command(
        long_about = "Compile FILE.py (into the cache; an unchanged file is not compiled again) and run it \
                      the way `python3 FILE.py ARGS...` does: sys.argv is [FILE.py, ARGS...], \
                      `if __name__ == \"__main__\":` blocks run, and the exit status, output and \
                      tracebacks are Python's. Everything after FILE.py goes to the script.",
        after_help = "Examples:\n  oxyc run script.py arg1\n  oxyc run -O3 --python python3.12 bench.py --iterations 10"
    )]
    Run(RunArgs),
    /// Build the project into a temporary directory and run its tests (pytest) against it
    #[command(
        long_about = "Build the project of ./pyproject.toml (its [tool.oxyc] compile list, include and \
                      exclude globs) into a temporary directory, with its ordinary modules and package \
                      data, and run `python -P -m pytest PYTEST_ARGS` in the project directory with \
                      that build first on PYTHONPATH: the project's own tests, against the compiled \
                      build. OXYC_TEST_BUILD names the build directory. The exit status is pytest's \
                      (1 if the build failed).",
        after_help = "Examples:\n  oxyc test\n  oxyc test -- -x -q tests/test_core.py\n  oxyc test --python .venv/bin/python -- -k fast"
    )]
    Test(TestArgs),
}

/// Flags shared by `build` and `run`.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Build for this Python interpreter (default: python3 on PATH)
    #[arg(long, value_name = "PATH")]
    pub python: Option<PathBuf>,
    /// Optimisation level, -O0 to -O3 (also passed to the C compiler)
    #[arg(short = 'O', value_name = "LEVEL", default_value_t = 2, value_parser = clap::value_parser!(u8).range(0..=3))]
    pub opt_level: u8,
    /// Compile the C with debug information (-g)
    #[arg(short = 'g')]
    pub debug: bool,
    /// Print each C compiler command
    #[arg(short, long)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Modules (FILE.py), packages (a directory with __init__.py: all its modules and
    /// subpackages) or directories of modules and packages; default: `compile` of
    /// [tool.oxyc] in ./pyproject.toml
    #[arg(value_name = "PATH")]
    pub files: Vec<PathBuf>,
    /// Compile only the modules found in directories whose path below the import root
    /// (e.g. pkg/sub/mod.py) matches GLOB (repeatable; adds to [tool.oxyc] include)
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Leave modules matching GLOB (e.g. 'pkg/plugins/*.py') as ordinary Python
    /// (repeatable; adds to [tool.oxyc] exclude)
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Read [tool.oxyc] from FILE instead of ./pyproject.toml
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore pyproject.toml
    #[arg(long)]
    pub no_config: bool,
    /// Name package modules in tracebacks by their path below the import root
    /// (pkg/mod.py), not by the absolute path of the source: for builds installed
    /// elsewhere (wheels); also keeps the build cache independent of the build directory
    #[arg(long)]
    pub relative_paths: bool,
    /// Write outputs to DIR (created if missing) instead of beside each source
    #[arg(short = 'o', long = "out-dir", value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Also write the final IR as NAME.ir beside the output
    #[arg(long)]
    pub emit_ir: bool,
    /// Also write the generated C as NAME.c beside the output
    #[arg(long)]
    pub emit_c: bool,
    /// Write the C of each module (NAME.c under -o DIR) and the C runtime (DIR/oxyc_rt.h,
    /// DIR/oxyc_rt.c, DIR/oxyc_rt_hot.c) instead of compiling, for another build
    /// system's C compiler
    #[arg(long, requires = "out_dir")]
    pub c_only: bool,
    /// Say which functions and statements run interpreted, and why
    #[arg(long)]
    pub explain: bool,
    /// Fail instead of interpreting what cannot be compiled yet
    #[arg(long)]
    pub strict: bool,
    /// Compile up to N modules at once (default: one per CPU)
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<NonZeroUsize>,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// The script to run, then its arguments (sys.argv[1:]); everything after FILE.py,
    /// options included, belongs to the script
    #[arg(value_names = ["FILE.py", "ARGS"], required = true, num_args = 1.., trailing_var_arg = true)]
    pub argv: Vec<OsString>,
}

#[derive(Debug, Args)]
pub struct TestArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Arguments for pytest (after `--`)
    #[arg(value_name = "PYTEST_ARGS", last = true)]
    pub pytest_args: Vec<OsString>,
}

impl From<TestArgs> for TestOptions {
    fn from(a: TestArgs) -> TestOptions {
        TestOptions {
            python: a.common.python,
            opt_level: a.common.opt_level,
            debug: a.common.debug,
            verbose: a.common.verbose,
            pytest_args: a.pytest_args,
        }
    }
}

impl From<BuildArgs> for BuildOptions {
    fn from(a: BuildArgs) -> BuildOptions {
        BuildOptions {
            files: a.files,
            include: a.include,
            relative_paths: a.relative_paths,
            exclude: a.exclude,
            config: match (a.config, a.no_config) {
                (Some(file), _) => ConfigSource::File(file),
                (None, true) => ConfigSource::Ignore,
                (None, false) => ConfigSource::Auto,
            },
            out_dir: a.out_dir,
            python: a.common.python,
            opt_level: a.common.opt_level,
            debug: a.common.debug,
            emit_ir: a.emit_ir,
            emit_c: a.emit_c,
            c_only: a.c_only,
            verbose: a.common.verbose,
            jobs: a.jobs,
            strict: a.strict,
            explain: a.explain,
        }
    }
}

impl From<RunArgs> for RunOptions {
    fn from(a: RunArgs) -> RunOptions {
        let mut argv = a.argv.into_iter();
        RunOptions {
            // clap guarantees at least one value; an empty name would fail to read, not panic.
            file: argv.next().map(PathBuf::from).unwrap_or_default(),
            args: argv.collect(),
            python: a.common.python,
            opt_level: a.common.opt_level,
            debug: a.common.debug,
            verbose: a.common.verbose,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn everything_after_the_script_belongs_to_it() {
        let cli =
            Cli::try_parse_from(["oxyc", "run", "-v", "-O3", "s.py", "-v", "--x", "a"]).unwrap();
        let Command::Run(run) = cli.command else {
            panic!("not run")
        };
        assert!(run.common.verbose);
        assert_eq!(run.common.opt_level, 3);
        let opts = RunOptions::from(run);
        assert_eq!(opts.file, PathBuf::from("s.py"));
        assert_eq!(opts.args, ["-v", "--x", "a"]);
        assert!(Cli::try_parse_from(["oxyc", "run"]).is_err());
    }

    #[test]
    fn opt_levels() {
        let cli = Cli::try_parse_from(["oxyc", "build", "-O0", "a.py", "b.py"]).unwrap();
        let Command::Build(b) = cli.command else {
            panic!("not build")
        };
        assert_eq!(b.common.opt_level, 0);
        assert_eq!(b.files.len(), 2);
        assert!(Cli::try_parse_from(["oxyc", "build", "-O4", "a.py"]).is_err());
        let cli = Cli::try_parse_from(["oxyc", "build", "a.py"]).unwrap();
        let Command::Build(b) = cli.command else {
            panic!("not build")
        };
        assert_eq!(b.common.opt_level, 2);
    }
}
