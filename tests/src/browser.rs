//! Headless Chromium through chromedriver (one per test binary), driven with fantoccini.

use crate::process::{Guarded, free_port, log_tail};
use fantoccini::{Client, ClientBuilder};
use serde_json::json;
use std::path::PathBuf;
use std::time::Duration;
use tokio::sync::OnceCell;

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

struct Driver {
    url: String,
    _process: Guarded,
    _dir: tempfile::TempDir,
}

static DRIVER: OnceCell<Driver> = OnceCell::const_new();

async fn driver() -> crate::Result<&'static Driver> {
    DRIVER
        .get_or_try_init(|| async {
            let dir = tempfile::TempDir::with_prefix("parley-chromedriver-")
                .map_err(|e| e.to_string())?;
            let log: PathBuf = dir.path().join("chromedriver.log");
            let port = free_port();
            let process = Guarded::spawn(CHROMEDRIVER, &[format!("--port={port}")], &log, &[])
                .map_err(|e| {
                    format!("{e} (is chromium-driver installed? `cargo xtask test` installs it)")
                })?;
            let url = format!("http://127.0.0.1:{port}");
            for _ in 0..100 {
                if reqwest::get(format!("{url}/status")).await.is_ok() {
                    return Ok(Driver {
                        url,
                        _process: process,
                        _dir: dir,
                    });
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(format!(
                "chromedriver did not start:\n{}",
                log_tail(&log, 20)
            ))
        })
        .await
}

/// One browser session with its own fresh profile; call [`Browser::close`] at the end.
pub struct Browser {
    pub client: Client,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub async fn start() -> crate::Result<Browser> {
        let driver = driver().await?;
        let profile =
            tempfile::TempDir::with_prefix("parley-chromium-").map_err(|e| e.to_string())?;
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,900",
        ]
        .map(str::to_owned)
        .into_iter()
        .chain([format!("--user-data-dir={}", profile.path().display())])
        .collect::<Vec<_>>();
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({ "binary": CHROMIUM, "args": args }),
        );
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&driver.url)
            .await
            .map_err(|e| format!("start a Chromium session: {e}"))?;
        Ok(Browser {
            client,
            _profile: profile,
        })
    }

    /// Evaluates `script` (a function body using `arguments`) until it returns a non-null value.
    pub async fn wait_for(&self, what: &str, script: &str) -> crate::Result<serde_json::Value> {
        self.wait_for_within(what, script, Duration::from_secs(20))
            .await
    }

    /// [`wait_for`](Self::wait_for) for something that may take longer, e.g. a poll.
    pub async fn wait_for_within(
        &self,
        what: &str,
        script: &str,
        patience: Duration,
    ) -> crate::Result<serde_json::Value> {
        let deadline = tokio::time::Instant::now() + patience;
        loop {
            let value = self
                .client
                .execute(script, vec![])
                .await
                .map_err(|e| format!("{what}: {e}"))?;
            if !value.is_null() {
                return Ok(value);
            }
            if tokio::time::Instant::now() > deadline {
                return Err(format!("timed out waiting for {what}"));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// An element that `script` returns (e.g. one inside a shadow root, which CSS selectors
    /// from the document cannot reach), for real clicks and keystrokes.
    pub async fn element(
        &self,
        what: &str,
        script: &str,
    ) -> crate::Result<fantoccini::elements::Element> {
        let value = self.wait_for(what, script).await?;
        let id = value
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(|v| v.as_str())
            .ok_or_else(|| format!("{what}: the script returned {value}, not an element"))?;
        Ok(fantoccini::elements::Element::from_element_id(
            self.client.clone(),
            id.to_owned().into(),
        ))
    }

    pub async fn close(self) -> crate::Result<()> {
        self.client.close().await.map_err(|e| e.to_string())
    }
}
