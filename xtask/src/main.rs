//! `cargo xtask dev|test|build|bench|soak`: everything from a fresh machine with only Rust, Node,
//! npm and apt to a running or tested Parley. Each step says what it does; a failed step says
//! how to fix it.

mod build;
mod clients;
mod demo_app;
mod demo_history;
mod dev;
mod import_names;
mod plan;
mod run;
mod seed;
mod sizes;
mod test;
mod test_binaries;
mod toolchain;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  dev     install what is missing, build, seed a demo workspace and run Parley locally
  test    install what is missing (Chromium too), build, run every test
  build   build the edge Worker, the widget and the admin UI (edge/build, dist/)
  clients regenerate the SDKs in clients/ (TypeScript, Python) from the spec the Worker serves
  bench   build, then print sizes (gzip/brotli) and latencies against a local wrangler dev
          (`cargo xtask bench [sizes|health|realtime|versus|bots|widget|billing|analytics]…`: only those)
  soak    build, then send 10 000 messages through a faulty network and count what was lost,
          duplicated or reordered (`cargo xtask soak [messages] [seed]`)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("dev") => dev::dev(&args[1..]),
        Some("test") => test::test(),
        Some("build") => {
            toolchain::bootstrap(toolchain::Needs::BUILD).and_then(|tools| build::all(&tools))
        }
        Some("clients") => toolchain::node_tools().and_then(|tools| clients::regenerate(&tools)),
        Some("bench") => test::bench(&args[1..]),
        Some("soak") => test::soak(&args[1..]),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(run::Failure::new("choose a command", USAGE)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!(
                "\nxtask: {} failed\n  {}",
                failure.step,
                failure.fix.replace('\n', "\n  ")
            );
            ExitCode::FAILURE
        }
    }
}
