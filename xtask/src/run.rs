//! Steps, commands and failures: the vocabulary every xtask command is written in.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// A failed step and what the person running it can do about it.
#[derive(Debug)]
pub struct Failure {
    pub step: String,
    pub fix: String,
}

impl Failure {
    pub fn new(step: impl Into<String>, fix: impl Into<String>) -> Failure {
        Failure {
            step: step.into(),
            fix: fix.into(),
        }
    }
}

pub type Result<T = ()> = std::result::Result<T, Failure>;

/// Runs one named step, printing what it does and how long it took.
pub fn step<T>(name: &str, body: impl FnOnce() -> Result<T>) -> Result<T> {
    println!("==> {name}");
    let started = Instant::now();
    let result = body();
    if result.is_ok() {
        println!("    done in {:.1}s", started.elapsed().as_secs_f64());
    }
    result
}

/// Prints a skipped step (already done) so a warm run still shows its plan.
pub fn skip(name: &str, why: &str) {
    println!("==> {name}: {why}");
}

/// The repository root (xtask lives one level below it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ lives in the repo")
        .to_path_buf()
}

/// Runs a command to completion with inherited output; a non-zero exit fails `step`.
pub fn command(step: &str, command: &mut Command, fix: &str) -> Result {
    println!("    $ {}", display(command));
    let status = command
        .status()
        .map_err(|e| Failure::new(step, format!("could not start: {e}\n{fix}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(Failure::new(step, format!("exited with {status}\n{fix}")))
    }
}

/// Runs a command and returns its stdout, or `None` when it is missing or fails.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

fn display(command: &Command) -> String {
    let mut shown = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        shown.push(' ');
        shown.push_str(&arg.to_string_lossy());
    }
    shown
}
