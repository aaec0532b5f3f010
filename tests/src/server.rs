//! A real `wrangler dev` (workerd with local D1, KV, Durable Objects and rate limits) on a free
//! port, with a fresh `--persist-to` directory and the D1 migrations applied.

use crate::process::{Guarded, free_port, log_tail, repo_root};
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;
use tempfile::TempDir;
use tokio::sync::OnceCell;

const READY_TIMEOUT: Duration = Duration::from_secs(120);

pub struct Server {
    pub base_url: String,
    pub log: PathBuf,
    persist: PathBuf,
    process: std::sync::Mutex<Guarded>,
    /// wrangler dev's arguments, for a restart on the same port and state.
    args: Vec<String>,
    _state: TempDir,
}

static SHARED: OnceCell<Server> = OnceCell::const_new();

impl Server {
    /// CPU seconds wrangler dev and its workerd have used so far.
    pub fn cpu_seconds(&self) -> f64 {
        self.process
            .lock()
            .map_or(0.0, |process| process.cpu_seconds())
    }

    /// One server for the whole test binary: tests isolate themselves by the ids they create.
    pub async fn shared() -> &'static Server {
        SHARED
            .get_or_init(|| async { Server::start().await.unwrap_or_else(|e| panic!("{e}")) })
            .await
    }

    pub async fn start() -> crate::Result<Server> {
        Server::start_in("development").await
    }

    /// A server whose `ENVIRONMENT` is `environment` and that reads no `.dev.vars` secrets
    /// unless it is `development` (as `wrangler dev` in a checkout does).
    pub async fn start_in(environment: &str) -> crate::Result<Server> {
        Server::start_with_secrets(environment, &[]).await
    }

    /// Like [`start_in`](Self::start_in), with Worker secrets (as `wrangler secret put` sets
    /// them) for a non-development server.
    pub async fn start_with_secrets(
        environment: &str,
        secrets: &[(&str, &str)],
    ) -> crate::Result<Server> {
        Server::start_configured(environment, secrets, &[]).await
    }

    /// A development server with these settings as `--var`s (where a local fake stands in
    /// for a provider: its base URL and keys; `wrangler dev` reads secrets as vars too).
    pub async fn start_with_vars(vars: &[(&str, &str)]) -> crate::Result<Server> {
        Server::start_configured("development", &[], vars).await
    }

    async fn start_configured(
        environment: &str,
        secrets: &[(&str, &str)],
        vars: &[(&str, &str)],
    ) -> crate::Result<Server> {
        let root = repo_root();
        let built = root.join("edge/build/index.js");
        if !built.exists() {
            return Err(format!(
                "{} is missing: run `cargo xtask build` (or `cargo xtask test`) first",
                built.display()
            ));
        }
        let state = TempDir::with_prefix("parley-wrangler-").map_err(|e| e.to_string())?;
        let persist = state.path().join("state");
        let log = state.path().join("wrangler.log");
        apply_migrations(&persist)?;

        let port = free_port();
        let secrets_file = state.path().join("secrets.env");
        let secrets: String = secrets
            .iter()
            .map(|(name, value)| format!("{name}={value}\n"))
            .collect();
        std::fs::write(&secrets_file, secrets).map_err(|e| e.to_string())?;
        let mut args: Vec<String> = [
            "dev",
            "--ip",
            "127.0.0.1",
            "--port",
            &port.to_string(),
            "--inspector-port",
            &free_port().to_string(),
            "--persist-to",
            &persist.display().to_string(),
            "--show-interactive-dev-session=false",
            "--var",
            &format!("ENVIRONMENT:{environment}"),
            // Webhook retries after 0.2 s, 0.4 s, …, so tests see them without waiting minutes.
            "--var",
            "WEBHOOK_RETRY_BASE_MS:200",
            "--log-level",
            "info",
        ]
        .map(str::to_owned)
        .to_vec();
        for (name, value) in vars {
            args.extend(["--var".to_owned(), format!("{name}:{value}")]);
        }
        if environment != "development" {
            args.extend(["--env-file".to_owned(), secrets_file.display().to_string()]);
        }
        let base_url = format!("http://127.0.0.1:{port}");
        let process = launch(&args, &log, &base_url).await?;
        Ok(Server {
            base_url,
            log,
            persist,
            process: std::sync::Mutex::new(process),
            args,
            _state: state,
        })
    }

    /// Kills wrangler dev and everything it started at once (SIGKILL: no shutdown, as in a
    /// crash or a machine lost), then starts it again on the same port and persisted state.
    pub async fn crash_and_restart(&self) -> crate::Result<()> {
        self.process
            .lock()
            .map_err(|_| "the server's process lock is poisoned")?
            .kill_now();
        let process = launch(&self.args, &self.log, &self.base_url).await?;
        *self
            .process
            .lock()
            .map_err(|_| "the server's process lock is poisoned")? = process;
        Ok(())
    }

    /// Sets this development server's clock to `now` (RFC 3339), or back to the real time
    /// (`PUT /api/dev/clock`; the Worker and its objects all read it).
    pub async fn set_clock(&self, now: Option<&str>) {
        let set: serde_json::Value = crate::Api::new(&self.base_url)
            .put("/api/dev/clock", &serde_json::json!({ "now": now }))
            .await
            .expect_status(200);
        if let Some(now) = now {
            assert!(
                set["now"]
                    .as_str()
                    .unwrap_or_default()
                    .starts_with(&now[..16]),
                "{set}"
            );
        }
    }

    /// The hub's WebSocket URL.
    pub fn ws_url(&self, path_and_query: &str) -> String {
        format!(
            "{}{path_and_query}",
            self.base_url.replacen("http", "ws", 1)
        )
    }

    /// Rows a read-only SQL query finds in this server's local D1, for checking what was
    /// (not) written behind the API.
    pub fn query_d1(&self, sql: &str) -> crate::Result<Vec<serde_json::Value>> {
        let output = self.d1_command(sql).output();
        d1_rows(output.map_err(|e| format!("run wrangler d1 execute: {e}"))?)
    }

    /// [`query_d1`](Self::query_d1) without blocking the test's runtime, which meanwhile keeps
    /// minding its connections: one the server closed while the query ran is then dropped,
    /// not reused for the test's next request (and failed).
    pub async fn query_d1_async(&self, sql: &str) -> crate::Result<Vec<serde_json::Value>> {
        let output = tokio::process::Command::from(self.d1_command(sql))
            .output()
            .await;
        d1_rows(output.map_err(|e| format!("run wrangler d1 execute: {e}"))?)
    }

    fn d1_command(&self, sql: &str) -> Command {
        let mut command = Command::new("wrangler");
        command
            .args(["d1", "execute", "DB", "--local", "--json", "--persist-to"])
            .arg(&self.persist)
            .args(["--command", sql])
            .current_dir(repo_root())
            .env("PATH", crate::process::tool_path())
            .envs(wrangler_env());
        command
    }

    /// Whether the local R2 bucket of attachments holds `key` (`<conversationId>/<fileId>`),
    /// read by wrangler itself rather than through the Worker.
    pub async fn attachment_stored(&self, key: &str) -> bool {
        let output = tokio::process::Command::new("wrangler")
            .args(["r2", "object", "get", &format!("parley-attachments/{key}")])
            .args(["--local", "--pipe", "--persist-to"])
            .arg(&self.persist)
            .current_dir(repo_root())
            .env("PATH", crate::process::tool_path())
            .envs(wrangler_env())
            .output()
            .await
            .expect("run wrangler r2 object get");
        output.status.success() && !output.stdout.is_empty()
    }

    /// Whether wrangler is still running (a crashed server explains many failures).
    pub fn alive(&self) -> bool {
        !self.process.lock().map(|mut p| p.exited()).unwrap_or(true)
    }
}

/// The rows `wrangler d1 execute --json` answered.
fn d1_rows(output: std::process::Output) -> crate::Result<Vec<serde_json::Value>> {
    let stdout = String::from_utf8_lossy(&output.stdout);
    let answer: serde_json::Value = serde_json::from_str(&stdout).map_err(|e| {
        format!(
            "wrangler d1 execute answered ({e}): {stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        )
    })?;
    Ok(answer[0]["results"].as_array().cloned().unwrap_or_default())
}

/// Starts wrangler dev and waits until it answers at `base_url`.
async fn launch(args: &[String], log: &std::path::Path, base_url: &str) -> crate::Result<Guarded> {
    let mut process = Guarded::spawn("wrangler", args, log, &wrangler_env())?;
    let http = reqwest::Client::new();
    let deadline = tokio::time::Instant::now() + READY_TIMEOUT;
    loop {
        if let Ok(response) = http.get(format!("{base_url}/api/health")).send().await
            && (response.status() == 200 || response.status() == 503)
        {
            return Ok(process);
        }
        if process.exited() || tokio::time::Instant::now() > deadline {
            return Err(format!(
                "wrangler dev did not become ready on {base_url}:\n{}",
                log_tail(log, 40)
            ));
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

fn wrangler_env() -> Vec<(&'static str, String)> {
    vec![
        ("WRANGLER_SEND_METRICS", "false".into()),
        ("CI", "true".into()),
        ("NO_COLOR", "1".into()),
    ]
}

fn apply_migrations(persist: &std::path::Path) -> crate::Result<()> {
    let output = Command::new("wrangler")
        .args(["d1", "migrations", "apply", "DB", "--local", "--persist-to"])
        .arg(persist)
        .current_dir(repo_root())
        .env("PATH", crate::process::tool_path())
        .envs(wrangler_env())
        .output()
        .map_err(|e| format!("run wrangler d1 migrations apply: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "wrangler d1 migrations apply failed:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}
