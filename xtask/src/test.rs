//! `cargo xtask test`, `cargo xtask bench` and `cargo xtask soak`.

use crate::build;
use crate::run::{Failure, Result, Tally, command, step, tests};
use crate::test_binaries::{self, TestBinary};
use crate::toolchain::{CHROMEDRIVER, Needs, Tools, bootstrap};

/// Browser crates: their tests run as wasm in headless Chromium (the pure ones natively too).
const WASM_CRATES: [&str; 3] = ["parley-web-client", "parley-widget", "parley-admin"];
/// Browser crates tested only as wasm: the admin UI's pure tests run in Chromium with its
/// component tests, which saves compiling its Leptos natively once more.
const NATIVE_EXCLUDED: [&str; 1] = ["parley-admin"];
/// Integration binaries mostly wait on their own wrangler dev and Chromium: two at a time
/// keep two cores busy.
const PARALLEL_TEST_BINARIES: usize = 2;

pub fn test() -> Result {
    crate::plan::announce("test", &crate::plan::TEST);
    let tools = bootstrap(Needs::TEST)?;
    build::all(&tools)?;
    crate::clients::check_current(&tools)?;
    let mut tally = Tally::default();
    let outcome = step(
        "UI component tests (wasm-bindgen-test in headless Chromium)",
        || {
            let mut cargo = tools.command("cargo");
            cargo
                .args(["test", "--tests", "--target", "wasm32-unknown-unknown"])
                .env(
                    "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                    tools.cargo_tool("wasm-bindgen-test-runner")?,
                )
                .env("CHROMEDRIVER", CHROMEDRIVER)
                .env("WASM_BINDGEN_TEST_TIMEOUT", "120");
            for krate in WASM_CRATES {
                cargo.args(["-p", krate]);
            }
            tests(
                "UI component tests",
                &mut cargo,
                &mut tally,
                "a component test failed: its output is above",
            )
        },
    )
    .and_then(|()| {
        step(
            "unit tests, then integration and browser tests against wrangler dev",
            || {
                let binaries = compile_test_binaries(&tools)?;
                let jobs = std::env::var("PARLEY_TEST_JOBS")
                    .ok()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(PARALLEL_TEST_BINARIES);
                println!(
                    "    {} test binaries, {jobs} at a time (PARLEY_TEST_JOBS), slowest first",
                    binaries.len()
                );
                test_binaries::run_all(
                    binaries,
                    jobs,
                    &build::target_dir().join("parley-test-times"),
                    &mut tally,
                )
            },
        )
    });
    println!("\nxtask: {} passed, {} failed", tally.passed, tally.failed);
    outcome
}

/// Builds the native and integration test binaries (compiler output shown as it comes) and
/// lists them.
fn compile_test_binaries(tools: &Tools) -> Result<Vec<TestBinary>> {
    let mut cargo = tools.command("cargo");
    cargo.args([
        "test",
        "--workspace",
        "--tests",
        "--no-run",
        "--message-format=json-render-diagnostics",
    ]);
    for krate in NATIVE_EXCLUDED {
        cargo.args(["--exclude", krate]);
    }
    println!("    $ cargo test --workspace --tests --no-run …");
    let output = cargo
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| Failure::new("compiling the tests", e.to_string()))?;
    if !output.status.success() {
        return Err(Failure::new(
            "compiling the tests",
            "fix the compile error above, then rerun",
        ));
    }
    Ok(test_binaries::from_cargo_messages(
        &String::from_utf8_lossy(&output.stdout),
    ))
}

/// `sections` (none: all) go to the bench binary.
pub fn bench(sections: &[String]) -> Result {
    let tools = bootstrap(Needs::TEST)?;
    build::all(&tools)?;
    step("benchmarks (sizes, latencies, throughput)", || {
        command(
            "benchmarks",
            &mut release_bin(&tools, "bench", sections),
            "read the error above",
        )
    })
}

/// `cargo run --release` of one of the tests crate's binaries, with `args`.
fn release_bin(tools: &Tools, name: &str, args: &[String]) -> std::process::Command {
    let mut cargo = tools.command("cargo");
    cargo
        .args([
            "run",
            "--quiet",
            "--release",
            "-p",
            "parley-tests",
            "--bin",
            name,
            "--",
        ])
        .args(args);
    cargo
}

/// The long runs `cargo xtask test` keeps short: `args` go to the soak binary (messages, seed).
pub fn soak(args: &[String]) -> Result {
    let tools = bootstrap(Needs::TEST)?;
    build::all(&tools)?;
    step(
        "soak: messages through a faulty network, then stateful API fuzzing",
        || {
            command(
                "soak",
                &mut release_bin(&tools, "soak", args),
                "a count above is not zero: it says which; rerun with the printed seed",
            )
        },
    )
}
