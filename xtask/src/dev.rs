//! `cargo xtask dev`: build, migrate, seed and run Parley on 127.0.0.1 with a demo site.

use crate::run::{Failure, Result, command, root, step};
use crate::toolchain::{Needs, Tools, bootstrap};
use crate::{build, seed};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

const DEFAULT_PORT: u16 = 8787;
const READY_TIMEOUT: Duration = Duration::from_secs(120);

pub fn dev(args: &[String]) -> Result {
    let port = parse_port(args)?;
    crate::plan::announce("dev", &crate::plan::DEV);
    let tools = bootstrap(Needs::BUILD)?;
    build::all(&tools)?;
    let state = root().join(".parley/dev-state");
    let state_arg = state.display().to_string();
    step(
        "applying D1 migrations to the local database (.parley/dev-state)",
        || {
            command(
                "applying migrations",
                tools
                    .command("wrangler")
                    .args([
                        "d1",
                        "migrations",
                        "apply",
                        "DB",
                        "--local",
                        "--persist-to",
                        &state_arg,
                    ])
                    .env("CI", "true"),
                "read wrangler's message above; `rm -rf .parley/dev-state` starts from an empty local database",
            )
        },
    )?;
    step(
        "seeding the demo workspace (admin, agent, widget, and the bot that answers it)",
        || {
            let file = root().join(".parley/seed.sql");
            std::fs::write(&file, seed::sql(&now_rfc3339()))
                .map_err(|e| Failure::new("writing the seed", e.to_string()))?;
            command(
                "seeding",
                tools
                    .command("wrangler")
                    .args([
                        "d1",
                        "execute",
                        "DB",
                        "--local",
                        "--persist-to",
                        &state_arg,
                        "--file",
                    ])
                    .arg(&file),
                "read wrangler's message above; `rm -rf .parley/dev-state` starts from an empty local database",
            )?;
            command(
                "dropping the demo widget's cached settings",
                tools.command("wrangler").args([
                    "kv",
                    "key",
                    "delete",
                    &seed::widget_cache_key(),
                    "--binding",
                    "CACHE",
                    "--local",
                    "--persist-to",
                    &state_arg,
                ]),
                "read wrangler's message above; `rm -rf .parley/dev-state` starts from an empty local state",
            )
        },
    )?;
    step("writing the demo site (dist/demo/index.html)", || {
        write_demo_page(&build::dist().join("demo"))
    })?;
    serve(&tools, port, &state_arg)
}

fn parse_port(args: &[String]) -> Result<u16> {
    match args {
        [] => Ok(DEFAULT_PORT),
        [flag, port] if flag == "--port" => port
            .parse()
            .map_err(|_| Failure::new("reading --port", format!("{port:?} is not a port number"))),
        _ => Err(Failure::new(
            "reading arguments",
            "usage: cargo xtask dev [--port N]",
        )),
    }
}

fn write_demo_page(dir: &Path) -> Result {
    let page = format!(
        r#"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Demo site · Parley</title>
  <style>body {{ font: 17px/1.6 Georgia, serif; max-width: 720px; margin: 48px auto; padding: 0 24px; }} pre {{ white-space: pre-wrap; word-break: break-all; }}</style>
</head>
<body>
  <h1>Acme Widgets</h1>
  <p>This is a customer's website. The chat bubble in the corner is Parley's widget, embedded
  with the one script tag below, exactly as a site owner would paste it.</p>
  <pre>&lt;script src="/widget.js" data-widget-id="{widget}" async&gt;&lt;/script&gt;</pre>
  <script src="/widget.js" data-widget-id="{widget}" async></script>
</body>
</html>
"#,
        widget = seed::WIDGET_ID
    );
    std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(dir.join("index.html"), page))
        .map_err(|e| Failure::new("writing the demo site", e.to_string()))
}

fn serve(tools: &Tools, port: u16, state: &str) -> Result {
    println!("==> starting wrangler dev on http://127.0.0.1:{port}");
    let mut child = tools
        .command("wrangler")
        .args([
            "dev",
            "--ip",
            "127.0.0.1",
            "--port",
            &port.to_string(),
            "--persist-to",
            state,
        ])
        .spawn()
        .map_err(|e| Failure::new("starting wrangler dev", e.to_string()))?;
    let started = Instant::now();
    let health = loop {
        if let Some(answer) = get_status_line(port, "/api/health") {
            break answer;
        }
        if child.try_wait().ok().flatten().is_some() || started.elapsed() > READY_TIMEOUT {
            let _ = child.kill();
            return Err(Failure::new(
                "starting wrangler dev",
                format!(
                    "it did not answer on port {port}; read its output above. Another port: cargo xtask dev --port 8788"
                ),
            ));
        }
        std::thread::sleep(Duration::from_millis(300));
    };
    let base = format!("http://127.0.0.1:{port}");
    crate::demo_app::start();
    println!("==> writing two weeks of demo history through the API (once)");
    match crate::demo_history::write(&base) {
        Ok(0) => println!("    the demo already has its history"),
        Ok(written) => println!("    {written} conversations"),
        // The server still works without it: say why and go on.
        Err(failure) => println!("    skipped: {}: {}", failure.step, failure.fix),
    }
    println!(
        "
  Parley is running (health: {health})

  Demo site with the widget   {base}/demo/
  Admin UI                    {base}/admin/
  Local outbox (sign-up mail) {base}/admin/#/outbox
  Plan, usage and invoices    {base}/admin/#/billing   (the demo is on Growth; payments
                              need the Stripe, Paymob or Fawry settings in README, Billing)
  Health of every binding     {base}/api/health

  Demo admin   {admin} / {admin_pw}
  Demo agent   {agent} / {agent_pw}

  Replies in the demo's in-app chat channel (Acme mobile app, on the bot's screen) are
  printed here as the demo app's server receives them.

  Local data persists in .parley/dev-state. Press Ctrl+C to stop.
",
        admin = seed::ADMIN.email,
        admin_pw = seed::ADMIN.password,
        agent = seed::AGENT.email,
        agent_pw = seed::AGENT.password,
    );
    let status = child
        .wait()
        .map_err(|e| Failure::new("running wrangler dev", e.to_string()))?;
    if status.success() {
        Ok(())
    } else {
        Err(Failure::new(
            "running wrangler dev",
            format!("it exited with {status}"),
        ))
    }
}

/// The status line of a plain HTTP GET, once the server answers at all.
fn get_status_line(port: u16, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").ok()?;
    let mut head = [0u8; 64];
    let read = stream.read(&mut head).ok()?;
    let line = String::from_utf8_lossy(&head[..read])
        .lines()
        .next()?
        .to_owned();
    line.starts_with("HTTP/").then(|| {
        line.split_once(' ')
            .map_or(line.clone(), |(_, rest)| rest.to_owned())
    })
}

fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .expect("now is representable")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_port_flag() {
        assert_eq!(parse_port(&[]).unwrap(), 8787);
        assert_eq!(parse_port(&["--port".into(), "9000".into()]).unwrap(), 9000);
        assert!(parse_port(&["--port".into(), "x".into()]).is_err());
    }
}
