//! `cargo xtask test` and `cargo xtask bench`.

use crate::build;
use crate::run::{Result, command, step};
use crate::toolchain::{CHROMEDRIVER, Needs, bootstrap};

pub fn test() -> Result {
    let tools = bootstrap(Needs::TEST)?;
    build::all(&tools)?;
    step(
        "UI component tests (wasm-bindgen-test in headless Chromium)",
        || {
            command(
                "UI component tests",
                tools
                    .command("cargo")
                    .args([
                        "test",
                        "--target",
                        "wasm32-unknown-unknown",
                        "-p",
                        "parley-widget",
                        "-p",
                        "parley-admin",
                    ])
                    .env(
                        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                        tools.cargo_tool("wasm-bindgen-test-runner"),
                    )
                    .env("CHROMEDRIVER", CHROMEDRIVER)
                    .env("WASM_BINDGEN_TEST_TIMEOUT", "120"),
                "a component test failed: its output is above",
            )
        },
    )?;
    step(
        "unit tests, then integration and browser tests against wrangler dev",
        || {
            command(
                "native and integration tests",
                tools.command("cargo").args([
                    "test",
                    "--workspace",
                    "--exclude",
                    "parley-widget",
                    "--exclude",
                    "parley-admin",
                ]),
                "a test failed: its output is above (wrangler's log path is printed with server failures)",
            )
        },
    )
}

pub fn bench() -> Result {
    let tools = bootstrap(Needs::TEST)?;
    build::all(&tools)?;
    step("benchmarks (sizes, latencies, throughput)", || {
        command(
            "benchmarks",
            tools.command("cargo").args([
                "run",
                "--quiet",
                "--release",
                "-p",
                "parley-tests",
                "--bin",
                "bench",
            ]),
            "read the error above",
        )
    })
}
