//! `oxyc`: parse the command line, call the driver, render errors, map to an exit status
//! (0 success, 1 a module failed, 2 usage error).

mod cli;

use std::process::ExitCode;

use clap::Parser;
use oxyc_driver::Console;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let console = Console::stderr();
    let result = match cli.command {
        cli::Command::Build(args) => oxyc_driver::build(&args.into(), &console).map(|summary| {
            if summary.success() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }),
        cli::Command::Run(args) => oxyc_driver::run(&args.into(), &console),
        cli::Command::Test(args) => oxyc_driver::test(&args.into(), &console),
    };
    result.unwrap_or_else(|err| {
        console.error(&err);
        ExitCode::from(err.exit_code())
    })
}
