//! Steps, commands and failures: the vocabulary every xtask command is written in.

use std::path::PathBuf;
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
    // Cargo sets the variable when it runs the binary; the compile-time value is only a
    // fallback, because a shared target dir can hold a binary built from another clone.
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    manifest_dir
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

/// Passed and failed counts summed over every test binary a command ran.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub passed: u32,
    pub failed: u32,
}

impl Tally {
    /// Adds a libtest summary line (`test result: ok. 5 passed; 0 failed; …`), ignoring others.
    pub fn count(&mut self, line: &str) {
        let Some(summary) = line.trim().strip_prefix("test result: ") else {
            return;
        };
        for part in summary.split(['.', ';']) {
            let mut words = part.split_whitespace();
            match (
                words.next().and_then(|n| n.parse::<u32>().ok()),
                words.next(),
            ) {
                (Some(n), Some("passed")) => self.passed += n,
                (Some(n), Some("failed")) => self.failed += n,
                _ => {}
            }
        }
    }
}

/// Runs a test command, echoing its output and adding its results to `tally`.
pub fn tests(step: &str, command: &mut Command, tally: &mut Tally, fix: &str) -> Result {
    use std::io::BufRead;
    println!("    $ {}", display(command));
    let mut child = command
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| Failure::new(step, format!("could not start: {e}\n{fix}")))?;
    if let Some(stdout) = child.stdout.take() {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(std::result::Result::ok)
        {
            println!("{line}");
            tally.count(&line);
        }
    }
    let status = child
        .wait()
        .map_err(|e| Failure::new(step, e.to_string()))?;
    if status.success() {
        Ok(())
    } else {
        Err(Failure::new(step, format!("exited with {status}\n{fix}")))
    }
}

#[cfg(test)]
mod tests {
    use super::Tally;

    #[test]
    fn tallies_libtest_and_wasm_bindgen_test_summaries() {
        let mut tally = Tally::default();
        tally.count("test result: ok. 17 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s");
        tally.count(
            "test result: FAILED. 1 passed; 2 failed; 0 ignored; 0 filtered out; finished in 0.02s",
        );
        tally.count("test a_test ... ok");
        tally.count("3 passed; 4 failed");
        assert_eq!(
            tally,
            Tally {
                passed: 18,
                failed: 2
            }
        );
    }
}
