//! The driver: runs the pipeline for each module, asks the target Python for its
//! configuration, drives the C compiler and writes outputs atomically.
//!
//! - [`build`]: `oxyc build` — many modules, in parallel, each to `NAME<EXT_SUFFIX>`.
//! - [`run`]: `oxyc run` — compile into the cache and run as `__main__`.
//! - [`package`]: from files, package directories and globs to dotted module names.
//! - [`config`]: `[tool.oxyc]` in pyproject.toml.
//! - [`test_cmd`]: `oxyc test` — build into a temporary directory, run pytest against it.
//! - [`pipeline`]: source text → C text (the compiler proper; a black box here).
//! - [`python`]: the target interpreter's include dir, EXT_SUFFIX and version (cached).
//! - [`cc`]: the system C compiler and the C runtime, compiled once into the cache.
//! - [`cache`]: the cache directory and its keys.
//! - [`render`]: errors and diagnostics as text, once, at the edge.
//! - [`error`]: the typed errors.

pub mod build;
pub mod cache;
pub mod cc;
pub mod config;
#[cfg(test)]
mod e2e_tests;
pub mod error;
mod fsutil;
mod imports;
pub mod package;
pub mod pipeline;
pub mod python;
pub mod render;
pub mod run;
pub mod test_cmd;

pub use build::{BuildOptions, BuildSummary, ConfigSource, Reporter, build};
pub use error::{DriverError, ModuleError};
pub use render::Console;
pub use run::{RunOptions, run};
pub use test_cmd::{TestOptions, test};
