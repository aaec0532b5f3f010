//! Background processes (wrangler, chromedriver) that cannot outlive the test binary.

use std::io::Write;
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::Mutex;

/// The repository root (where wrangler.toml lives).
pub fn repo_root() -> PathBuf {
    // Cargo sets the variable when it runs the binary; the compile-time value is only a
    // fallback, because a shared target dir can hold a binary built from another clone.
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    manifest_dir
        .parent()
        .expect("tests/ lives in the repo")
        .to_path_buf()
}

/// PATH with the pinned npm tools (wrangler, node ≥ 22) first.
pub fn tool_path() -> String {
    let bin = repo_root().join("node_modules/.bin");
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// Where test servers listen: below Linux's ephemeral range (32768 and up), from which the
/// kernel takes the local port of every outgoing connection, so a port handed out there could
/// be taken by any connection in the seconds before its server binds it.
const SERVER_PORTS: std::ops::Range<u16> = 20_000..32_000;

/// A port nothing listens on right now and that no test process has handed out before:
/// servers take seconds to bind theirs, and test binaries run side by side, so a bind check
/// alone would let two of them pick the same port and one server answer for both. Each port
/// handed out is held by a lock on a file named after it until this process exits (the OS
/// releases the lock then, even after a crash).
pub fn free_port() -> u16 {
    static HELD: Mutex<Vec<std::fs::File>> = Mutex::new(Vec::new());
    let locks = std::env::temp_dir().join("parley-test-ports");
    std::fs::create_dir_all(&locks).expect("port lock directory");
    let span = SERVER_PORTS.end - SERVER_PORTS.start;
    let first = SERVER_PORTS.start + (std::process::id() % u32::from(span)) as u16;
    let mut held = HELD.lock().expect("port registry");
    for offset in 0..span {
        let port = SERVER_PORTS.start + (first - SERVER_PORTS.start + offset) % span;
        let Ok(lock) = std::fs::File::create(locks.join(port.to_string())) else {
            continue;
        };
        if lock.try_lock().is_ok() && TcpListener::bind(("127.0.0.1", port)).is_ok() {
            held.push(lock);
            return port;
        }
    }
    panic!("no free loopback port in {SERVER_PORTS:?}")
}

/// A listener on a loopback port from [`free_port`], for the servers tests run in-process (the
/// fakes of outside services, host pages). A port free when chosen can still be taken before
/// the bind by a process that does not ask [`free_port`] (a browser, a runtime's helper): then
/// another is tried.
pub async fn loopback_listener() -> crate::Result<(tokio::net::TcpListener, u16)> {
    let mut last_error = String::new();
    for _ in 0..20 {
        let port = free_port();
        match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
            Ok(listener) => return Ok((listener, port)),
            Err(error) => last_error = format!("127.0.0.1:{port}: {error}"),
        }
    }
    Err(last_error)
}

/// A process group that is killed when this handle is dropped or when the test binary exits
/// in any way (even `panic = abort` or SIGKILL): a shell waits on our end of a pipe and kills
/// its whole group when the pipe closes.
pub struct Guarded {
    child: Child,
    lifeline: Option<ChildStdin>,
}

impl Guarded {
    pub fn spawn(
        program: &str,
        args: &[String],
        log: &Path,
        envs: &[(&str, String)],
    ) -> crate::Result<Guarded> {
        // Appended to, so a restarted process's log follows its predecessor's.
        let log_file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .map_err(|e| format!("open {}: {e}", log.display()))?;
        let err_file = log_file.try_clone().map_err(|e| e.to_string())?;
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(r#""$@" </dev/null & read -r _; kill -TERM 0"#)
            .arg("guarded")
            .arg(program)
            .args(args)
            .current_dir(repo_root())
            .env("PATH", tool_path())
            .stdin(Stdio::piped())
            .stdout(log_file)
            .stderr(err_file)
            .process_group(0);
        for (key, value) in envs {
            command.env(key, value);
        }
        let mut child = command
            .spawn()
            .map_err(|e| format!("spawn {program}: {e}"))?;
        let lifeline = child.stdin.take();
        Ok(Guarded { child, lifeline })
    }

    /// Kills the whole process group with SIGKILL (no chance to shut down) and reaps it.
    pub fn kill_now(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.wait();
        self.lifeline = None;
    }

    /// CPU seconds (user + system) the group's live processes have used so far: what a run
    /// of the runtime costs, whatever else the machine does meanwhile.
    pub fn cpu_seconds(&self) -> f64 {
        group_cpu_seconds(self.child.id())
    }

    /// Whether the process is gone (it exited or failed to start).
    pub fn exited(&mut self) -> bool {
        !matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Guarded {
    fn drop(&mut self) {
        if let Some(mut lifeline) = self.lifeline.take() {
            let _ = lifeline.write_all(b"stop\n");
        }
        let _ = self.child.wait();
    }
}

/// The last lines of a log, for failure messages.
pub fn log_tail(log: &Path, lines: usize) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// CPU seconds of every process in process group `group`, from `/proc/<pid>/stat`.
fn group_cpu_seconds(group: u32) -> f64 {
    let ticks_per_second = std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|out| {
            String::from_utf8_lossy(&out.stdout)
                .trim()
                .parse::<f64>()
                .ok()
        })
        .unwrap_or(100.0);
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return 0.0;
    };
    let ticks: u64 = entries
        .filter_map(|entry| std::fs::read_to_string(entry.ok()?.path().join("stat")).ok())
        .filter_map(|stat| cpu_ticks_in_group(&stat, group))
        .sum();
    ticks as f64 / ticks_per_second
}

/// utime + stime of a `/proc/<pid>/stat` line whose process group is `group`.
fn cpu_ticks_in_group(stat: &str, group: u32) -> Option<u64> {
    // The command name may hold spaces; the fields after its closing parenthesis do not.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    // After the name: state(0) ppid(1) pgrp(2) … utime(11) stime(12).
    let in_group = fields.get(2)?.parse::<u32>().ok()? == group;
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok());
    in_group.then(|| Some(ticks(11)? + ticks(12)?)).flatten()
}

#[cfg(test)]
mod cpu_tests {
    use super::cpu_ticks_in_group;

    #[test]
    fn reads_cpu_ticks_of_a_process_in_the_group() {
        let stat =
            "4242 (workerd serve) S 4200 4100 4100 0 -1 4194560 9 0 0 0 150 25 0 0 20 0 12 0 1 2 3";
        assert_eq!(cpu_ticks_in_group(stat, 4100), Some(175));
        assert_eq!(cpu_ticks_in_group(stat, 4200), None);
    }
}
