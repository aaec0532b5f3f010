//! The generated SDKs' toolchains, which `cargo xtask test` (and `cargo xtask clients`)
//! install once into a cache outside the repository (`xtask/src/clients.rs` decides where):
//! the TypeScript client's npm packages and a Python venv with its generator and runtime.

use crate::process::{repo_root, tool_path};
use std::path::{Path, PathBuf};
use std::process::Command;

/// `$XDG_CACHE_HOME/parley/clients`, else `~/.cache/parley/clients`.
pub fn cache_dir() -> PathBuf {
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cache"));
    cache.join("parley/clients")
}

fn installed(path: PathBuf) -> PathBuf {
    assert!(
        path.exists(),
        "{} is missing: run `cargo xtask test` (it installs the clients' tools)",
        path.display()
    );
    path
}

/// Runs `command`; its standard output, or a panic with everything it printed.
fn stdout_of(command: &mut Command) -> String {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{command:?} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// The last line `command` printed, as JSON.
fn last_json_line(command: &mut Command) -> serde_json::Value {
    let stdout = stdout_of(command);
    let line = stdout.lines().last().unwrap_or_default();
    serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

/// Type-checks the TypeScript client with its round-trip script (`tsc`, strict) and runs the
/// script with `args`: a copy of both is compiled beside the cached `node_modules`, where
/// their imports resolve.
pub fn typescript_round_trip(args: &[&str]) -> serde_json::Value {
    let node = cache_dir().join("node");
    let tsc = installed(node.join("node_modules/.bin/tsc"));
    let work = tempfile::tempdir_in(&node).expect("a build dir beside node_modules");
    let client = repo_root().join("clients/typescript");
    for part in ["src", "test", "tsconfig.json", "package.json"] {
        copy(&client.join(part), &work.path().join(part));
    }
    stdout_of(
        Command::new(tsc)
            .args(["-p", "."])
            .current_dir(work.path())
            .env("PATH", tool_path()),
    );
    last_json_line(
        Command::new("node")
            .arg(work.path().join("dist/test/round-trip.js"))
            .args(args)
            .env("PATH", tool_path()),
    )
}

/// Runs the Python client's round-trip script with `args` in the cached venv.
pub fn python_round_trip(args: &[&str]) -> serde_json::Value {
    let python = installed(cache_dir().join("python/bin/python"));
    let client = repo_root().join("clients/python");
    last_json_line(
        Command::new(python)
            .arg(client.join("tests/round_trip.py"))
            .args(args)
            .env("PYTHONPATH", &client)
            // No bytecode beside the generated sources.
            .env("PYTHONDONTWRITEBYTECODE", "1"),
    )
}

fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    }
}
