//! The JavaScript Durable Object chat the bench measures Parley against (`tests/baseline/`),
//! run by its own `wrangler dev` on a free port with a fresh state.

use crate::process::{Guarded, free_port, log_tail, repo_root};
use std::time::Duration;
use tempfile::TempDir;

const READY_TIMEOUT: Duration = Duration::from_secs(120);

pub struct BaselineChat {
    pub base_url: String,
    process: Guarded,
    _state: TempDir,
}

impl BaselineChat {
    pub async fn start() -> crate::Result<BaselineChat> {
        let state = TempDir::with_prefix("parley-baseline-").map_err(|e| e.to_string())?;
        let log = state.path().join("wrangler.log");
        let port = free_port();
        let config = repo_root().join("tests/baseline/wrangler.toml");
        let args: Vec<String> = vec![
            "dev".into(),
            "--config".into(),
            config.display().to_string(),
            "--ip".into(),
            "127.0.0.1".into(),
            "--port".into(),
            port.to_string(),
            "--inspector-port".into(),
            free_port().to_string(),
            "--persist-to".into(),
            state.path().join("state").display().to_string(),
            "--show-interactive-dev-session=false".into(),
        ];
        let env = [
            ("WRANGLER_SEND_METRICS", "false".to_owned()),
            ("CI", "true".to_owned()),
            ("NO_COLOR", "1".to_owned()),
        ];
        let mut process = Guarded::spawn("wrangler", &args, &log, &env)?;
        let base_url = format!("http://127.0.0.1:{port}");
        let deadline = tokio::time::Instant::now() + READY_TIMEOUT;
        while reqwest::get(&base_url).await.is_err() {
            if process.exited() || tokio::time::Instant::now() > deadline {
                return Err(format!(
                    "the baseline chat did not start on {base_url}:\n{}",
                    log_tail(&log, 40)
                ));
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        Ok(BaselineChat {
            base_url,
            process,
            _state: state,
        })
    }

    /// CPU seconds its wrangler dev and workerd have used so far.
    pub fn cpu_seconds(&self) -> f64 {
        self.process.cpu_seconds()
    }

    /// A room's WebSocket URL.
    pub fn room_url(&self, room: &str) -> String {
        format!("{}/rooms/{room}", self.base_url.replacen("http", "ws", 1))
    }
}
