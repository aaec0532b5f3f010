//! The native and integration test binaries, run a few at a time. Each integration binary
//! starts its own `wrangler dev` and spends most of its time waiting on it (sockets, timers,
//! Chromium), so two at once finish far sooner than one after another on two cores. Each
//! binary's output is printed whole when it ends; the slowest known binaries start first.

use crate::run::{Failure, Result, Tally, root};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// One compiled test target: its executable and the package directory it runs in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestBinary {
    pub name: String,
    pub executable: PathBuf,
    pub package_dir: PathBuf,
}

/// The test executables in cargo's `--message-format=json` output of a `--no-run` build.
pub fn from_cargo_messages(messages: &str) -> Vec<TestBinary> {
    let mut binaries = Vec::new();
    for line in messages.lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let is_test = message["profile"]["test"].as_bool() == Some(true);
        let (Some(executable), Some(manifest), Some(name)) = (
            message["executable"].as_str(),
            message["manifest_path"].as_str(),
            message["target"]["name"].as_str(),
        ) else {
            continue;
        };
        if is_test {
            let package_dir = Path::new(manifest)
                .parent()
                .map_or_else(root, Path::to_path_buf);
            let package = package_dir
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            binaries.push(TestBinary {
                name: format!("{package}/{name}"),
                executable: PathBuf::from(executable),
                package_dir,
            });
        }
    }
    binaries
}

/// The order to start binaries in: slowest first by the last run's times (unknown ones
/// first of all, as they may be slow), so the pool does not end waiting on one long binary.
pub fn slowest_first(
    mut binaries: Vec<TestBinary>,
    last_times: &BTreeMap<String, f64>,
) -> Vec<TestBinary> {
    binaries.sort_by(|a, b| {
        let time = |t: &TestBinary| last_times.get(&t.name).copied().unwrap_or(f64::MAX);
        time(b)
            .total_cmp(&time(a))
            .then_with(|| a.name.cmp(&b.name))
    });
    binaries
}

/// Reads `name seconds` lines.
pub fn parse_times(text: &str) -> BTreeMap<String, f64> {
    text.lines()
        .filter_map(|line| {
            let (name, seconds) = line.rsplit_once(' ')?;
            Some((name.to_owned(), seconds.parse().ok()?))
        })
        .collect()
}

fn format_times(times: &BTreeMap<String, f64>) -> String {
    times
        .iter()
        .map(|(name, seconds)| format!("{name} {seconds:.1}\n"))
        .collect()
}

struct Running {
    binary: TestBinary,
    child: Child,
    output: std::thread::JoinHandle<String>,
    started: Instant,
}

/// Runs every binary, `parallel` at a time, adding their results to `tally`. Every binary
/// runs even after one fails; the failure names them all.
pub fn run_all(
    binaries: Vec<TestBinary>,
    parallel: usize,
    times_file: &Path,
    tally: &mut Tally,
) -> Result {
    let last_times = parse_times(&std::fs::read_to_string(times_file).unwrap_or_default());
    let mut queue = slowest_first(binaries, &last_times).into_iter();
    let mut running: Vec<Running> = Vec::new();
    let mut times = last_times;
    let mut failed = Vec::new();
    loop {
        while running.len() < parallel {
            let Some(binary) = queue.next() else { break };
            running.push(start(binary)?);
        }
        if running.is_empty() {
            break;
        }
        let Some(done) = running
            .iter_mut()
            .position(|r| matches!(r.child.try_wait(), Ok(Some(_))))
        else {
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        let mut finished = running.swap_remove(done);
        let status = finished
            .child
            .wait()
            .map_err(|e| Failure::new(&finished.binary.name, e.to_string()))?;
        let output = finished.output.join().unwrap_or_default();
        let seconds = finished.started.elapsed().as_secs_f64();
        println!("\n--- {} ({seconds:.1}s)", finished.binary.name);
        for line in output.lines() {
            println!("{line}");
            tally.count(line);
        }
        times.insert(finished.binary.name.clone(), seconds);
        if !status.success() {
            failed.push(finished.binary.name);
        }
    }
    let _ = std::fs::write(times_file, format_times(&times));
    if failed.is_empty() {
        Ok(())
    } else {
        Err(Failure::new(
            "native and integration tests",
            format!(
                "failed: {}\ntheir output is above; rerun one with `cargo test -p <package> --test <name>`",
                failed.join(", ")
            ),
        ))
    }
}

fn start(binary: TestBinary) -> Result<Running> {
    let mut child = Command::new(&binary.executable)
        .current_dir(&binary.package_dir)
        .env("CARGO_MANIFEST_DIR", &binary.package_dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Failure::new(&binary.name, format!("could not start: {e}")))?;
    let (mut stdout, mut stderr) = (child.stdout.take(), child.stderr.take());
    // Both pipes are drained so a chatty binary never blocks on a full one.
    let output = std::thread::spawn(move || {
        let err = std::thread::spawn(move || {
            let mut text = String::new();
            if let Some(stderr) = stderr.as_mut() {
                let _ = stderr.read_to_string(&mut text);
            }
            text
        });
        let mut text = String::new();
        if let Some(stdout) = stdout.as_mut() {
            let _ = stdout.read_to_string(&mut text);
        }
        text + &err.join().unwrap_or_default()
    });
    Ok(Running {
        binary,
        child,
        output,
        started: Instant::now(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MESSAGES: &str = r#"{"reason":"compiler-artifact","manifest_path":"/r/tests/Cargo.toml","target":{"name":"hub","kind":["test"]},"profile":{"test":true},"executable":"/t/debug/deps/hub-1"}
{"reason":"compiler-artifact","manifest_path":"/r/tests/Cargo.toml","target":{"name":"parley_tests","kind":["lib"]},"profile":{"test":false},"executable":null}
{"reason":"compiler-artifact","manifest_path":"/r/edge/Cargo.toml","target":{"name":"parley_edge","kind":["lib"]},"profile":{"test":true},"executable":"/t/debug/deps/parley_edge-2"}
{"reason":"build-finished","success":true}"#;

    fn binary(name: &str) -> TestBinary {
        TestBinary {
            name: name.into(),
            executable: PathBuf::from("/x"),
            package_dir: PathBuf::from("/r"),
        }
    }

    #[test]
    fn finds_the_test_executables_and_their_packages() {
        let found = from_cargo_messages(MESSAGES);
        assert_eq!(
            found,
            [
                TestBinary {
                    name: "tests/hub".into(),
                    executable: "/t/debug/deps/hub-1".into(),
                    package_dir: "/r/tests".into()
                },
                TestBinary {
                    name: "edge/parley_edge".into(),
                    executable: "/t/debug/deps/parley_edge-2".into(),
                    package_dir: "/r/edge".into()
                },
            ]
        );
    }

    #[test]
    fn starts_unknown_then_slowest_binaries_first() {
        let times = parse_times(&format_times(&BTreeMap::from([
            ("tests/hub".to_owned(), 12.0),
            ("tests/widget".to_owned(), 95.5),
            ("edge/parley_edge".to_owned(), 0.2),
        ])));
        let order: Vec<String> = slowest_first(
            vec![
                binary("edge/parley_edge"),
                binary("tests/hub"),
                binary("tests/new"),
                binary("tests/widget"),
            ],
            &times,
        )
        .into_iter()
        .map(|b| b.name)
        .collect();
        assert_eq!(
            order,
            ["tests/new", "tests/widget", "tests/hub", "edge/parley_edge"]
        );
    }
}
