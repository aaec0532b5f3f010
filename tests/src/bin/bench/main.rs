//! `cargo xtask bench`: sizes of what browsers and Cloudflare load (raw, gzip, brotli bytes),
//! latencies (p50/p99) and throughput against a fresh local `wrangler dev`, and
//! widget timings measured inside headless Chromium. Figures vary by machine; rerun to compare.

mod analytics;
mod billing;
mod versus_js;

use futures_util::StreamExt;
use parley_shared_types::bot::Bot;
use parley_shared_types::hub::ServerEvent;
use parley_shared_types::message::{Message, SendMessageRequest};
use parley_tests::fixtures::{PASSWORD, Team, sign_in};
use parley_tests::sizes::{
    BuildSizes, LOADER, LOADER_BROTLI_BUDGET, WHOLE_WIDGET, WHOLE_WIDGET_BROTLI_BUDGET,
    WIDGET_GLUE, WIDGET_WASM,
};
use parley_tests::{Api, Browser, HostPage, Server};
use serde_json::json;
use std::time::{Duration, Instant};

const HEALTH_REQUESTS: usize = 200;
const WIDGET_LOADS: usize = 10;

/// The bench's sections, in order; `cargo xtask bench versus widget` runs only those named.
const SECTIONS: [&str; 8] = [
    "sizes",
    "health",
    "realtime",
    "versus",
    "bots",
    "widget",
    "billing",
    "analytics",
];

#[tokio::main]
async fn main() {
    let named: Vec<String> = std::env::args().skip(1).collect();
    if let Some(unknown) = named.iter().find(|n| !SECTIONS.contains(&n.as_str())) {
        panic!("no bench section {unknown:?}; the sections are {SECTIONS:?}");
    }
    let run = |section: &str| named.is_empty() || named.iter().any(|n| n == section);
    if run("sizes") {
        sizes();
    }
    let server = Server::start().await.unwrap_or_else(|e| panic!("{e}"));
    let api = Api::new(&server.base_url);
    if run("health") {
        health_latency(&api).await;
    }
    if run("realtime") {
        println!("\nReal-time (each message is persisted by its room, then fanned out)");
        for (rooms, rounds) in [(1, 25), (10, 5), (100, 2)] {
            fanout_latency(&server, rooms, rounds).await;
        }
        room_throughput(&server).await;
    }
    if run("versus") {
        versus_js::run(&server).await;
    }
    if run("bots") {
        bot_answers(&server).await;
    }
    if run("widget") {
        widget_timings(&server).await;
    }
    if run("billing") {
        billing::run(&server).await;
    }
    // Last: it moves the server's clock.
    if run("analytics") {
        analytics::run(&server).await;
    }
}

/// The sizes `cargo xtask build` measured (dist/sizes.json), per file and per group.
fn sizes() {
    let measured = BuildSizes::read().unwrap_or_else(|e| panic!("{e}"));
    println!("\nSizes (bytes)                                     raw      gzip    brotli");
    let rows = vec![
        ("widget loader (paid before the chat opens)", vec![LOADER]),
        ("widget app: JS glue", vec![WIDGET_GLUE]),
        ("widget app: wasm (styles inside)", vec![WIDGET_WASM]),
        ("whole widget (loader + glue + wasm)", WHOLE_WIDGET.to_vec()),
        (
            "admin UI (html + css + glue + wasm)",
            vec![
                "dist/admin/index.html",
                "dist/admin/admin.css",
                "dist/admin/parley_admin.js",
                "dist/admin/parley_admin_bg.wasm",
            ],
        ),
        (
            "edge Worker (js + wasm)",
            vec!["edge/build/index.js", "edge/build/parley_edge_bg.wasm"],
        ),
    ];
    for (name, files) in rows {
        let size = measured.total(&files).unwrap_or_else(|e| panic!("{e}"));
        println!(
            "  {name:<46} {:>8} {:>9} {:>9}",
            size.raw, size.gzip, size.brotli
        );
    }
    println!(
        "  (budget: loader ≤ {LOADER_BROTLI_BUDGET}, whole widget ≤ {WHOLE_WIDGET_BROTLI_BUDGET} brotli)"
    );
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let at =
        |q: f64| samples[((samples.len() as f64 * q).ceil() as usize).clamp(1, samples.len()) - 1];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "  {name:<46} p50 {:>7.2} ms   p99 {:>7.2} ms   (n={})",
        ms(at(0.50)),
        ms(at(0.99)),
        samples.len()
    );
}

async fn health_latency(api: &Api) {
    println!("\nLatency against wrangler dev on this machine (local workerd)");
    let mut samples = Vec::new();
    for _ in 0..HEALTH_REQUESTS {
        let started = Instant::now();
        let response = api.http.get(api.url("/api/health")).send().await.unwrap();
        assert!(response.status().is_success());
        samples.push(started.elapsed());
    }
    report("GET /api/health (D1 + KV + 2 DOs)", samples);
}

/// Visitor send → agent socket receive, with `rooms` conversations busy at once.
async fn fanout_latency(server: &Server, rooms: usize, rounds: usize) {
    let team = Team::new(server).await;
    let mut pairs = Vec::new();
    for _ in 0..rooms {
        let visitor = team.visitor().await;
        let agent = team.agent_hub(server, visitor.conversation_id()).await;
        pairs.push((visitor, agent));
    }
    let mut samples = Vec::new();
    for round in 0..rounds {
        let sends = pairs.iter_mut().map(|(visitor, agent)| async move {
            let started = Instant::now();
            let sent = visitor.say(&format!("round {round}")).await;
            loop {
                if let ServerEvent::ReceiveMessage(received) = agent.next_event().await.unwrap()
                    && received.id == sent.id
                {
                    return started.elapsed();
                }
            }
        });
        samples.extend(futures_util::future::join_all(sends).await);
    }
    report(&format!("send → agent socket, {rooms} busy rooms"), samples);
}

/// Messages persisted per second into one room, the visitor and the agent writing at once
/// (each within its rate limit: 60/min per visitor IP, 100/min per user).
async fn room_throughput(server: &Server) {
    const VISITOR_MESSAGES: usize = 55;
    const AGENT_MESSAGES: usize = 95;
    const IN_FLIGHT: usize = 4;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let path = visitor.messages_path();
    let started = Instant::now();
    let send_all = |api: Api, count: usize| {
        let path = path.clone();
        async move {
            futures_util::stream::iter(0..count)
                .map(|i| {
                    let (api, path) = (api.clone(), path.clone());
                    async move {
                        api.post::<_, Message>(
                            &path,
                            &SendMessageRequest::text(format!("message {i}")),
                        )
                        .await
                        .expect_status(201)
                    }
                })
                .buffer_unordered(IN_FLIGHT)
                .collect::<Vec<_>>()
                .await
        }
    };
    let (from_visitor, from_agent) = tokio::join!(
        send_all(visitor.api.clone(), VISITOR_MESSAGES),
        send_all(team.agent.clone(), AGENT_MESSAGES)
    );
    let secs = started.elapsed().as_secs_f64();
    let total = from_visitor.len() + from_agent.len();
    let mut seqs: Vec<u64> = from_visitor
        .iter()
        .chain(&from_agent)
        .map(|m| m.seq)
        .collect();
    seqs.sort();
    assert_eq!(
        seqs,
        (1..=total as u64).collect::<Vec<_>>(),
        "every message persisted once, in one gap-free sequence"
    );
    println!(
        "  {:<46} {:.0} messages/s ({total} in {secs:.2} s, {} writers × {IN_FLIGHT} in flight)",
        "persisted into one room",
        total as f64 / secs,
        2
    );
}

/// Script insertion → launcher drawn, and click → panel rendered, timed in the page itself.
/// The built-in engine over 1 000 knowledge chunks: time to the first streamed token and to
/// the whole answer through `/api/chat` (SSE), then answers per second with several callers.
async fn bot_answers(server: &Server) {
    const CHUNKS_PER_SOURCE: usize = 500;
    const SOURCES: usize = 2;
    const QUESTIONS: usize = 30;
    const CALLERS: usize = 4;
    const ANSWERS_PER_CALLER: usize = 25;
    const IN_FLIGHT: usize = 8;
    println!(
        "\nBots (built-in engine, {} knowledge chunks, FTS5 + bm25 in local D1)",
        CHUNKS_PER_SOURCE * SOURCES
    );
    let team = Team::new(server).await;
    let bot: Bot = team
        .admin
        .post("/api/bots", &json!({ "name": "Bench bot" }))
        .await
        .expect_status(201);
    for source in 0..SOURCES {
        let faqs: Vec<_> = (0..CHUNKS_PER_SOURCE)
            .map(|i| {
                let n = source * CHUNKS_PER_SOURCE + i;
                json!({
                    "question": format!("How do I configure option{n} of module{} ?", n % 37),
                    "answer": format!("Open settings, choose module{} and set option{n} to the value you need; it applies at once.", n % 37),
                })
            })
            .collect();
        let _: serde_json::Value = team
            .admin
            .post(
                &format!("/api/bots/{}/knowledge-sources", bot.id),
                &json!({ "type": "faq", "title": format!("Manual {source}"), "faqs": faqs }),
            )
            .await
            .expect_status(201);
    }
    let (mut first_token, mut full_answer) = (Vec::new(), Vec::new());
    for q in 0..QUESTIONS {
        let n = q * 31 % (CHUNKS_PER_SOURCE * SOURCES);
        let question =
            json!({ "message": format!("How do I configure option{n}?"), "botId": bot.id });
        let started = Instant::now();
        let response = team
            .agent
            .request(reqwest::Method::POST, "/api/chat")
            .header("accept", "text/event-stream")
            .json(&question)
            .send()
            .await
            .unwrap();
        let mut body = response.bytes_stream();
        let mut seen = String::new();
        let mut first = None;
        while let Some(chunk) = body.next().await {
            seen.push_str(&String::from_utf8_lossy(&chunk.unwrap()));
            if first.is_none() && seen.contains("event: token") {
                first = Some(started.elapsed());
            }
        }
        assert!(
            seen.contains("event: done") && seen.contains(&format!("option{n} ")),
            "{seen}"
        );
        first_token.push(first.expect("no token streamed"));
        full_answer.push(started.elapsed());
    }
    report("/api/chat SSE: first token", first_token);
    report("/api/chat SSE: whole answer", full_answer);

    let mut callers = Vec::new();
    for i in 0..CALLERS {
        let email = format!(
            "bench-caller-{i}-{}@test.parley.dev",
            uuid::Uuid::new_v4().simple()
        );
        let _: serde_json::Value = team
            .admin
            .post(
                "/api/users",
                &json!({ "email": email, "name": "Caller", "password": PASSWORD, "role": "agent" }),
            )
            .await
            .expect_status(201);
        let session = sign_in(&Api::new(&server.base_url), &email, PASSWORD).await;
        callers.push(Api::new(&server.base_url).with_token(&session.access_token));
    }
    let started = Instant::now();
    let bot_id = &bot.id;
    let asks = callers.iter().flat_map(|api| {
        (0..ANSWERS_PER_CALLER).map(move |i| {
            let question =
                json!({ "message": format!("How do I configure option{i}?"), "botId": bot_id });
            async move {
                api.post::<_, serde_json::Value>("/api/chat", &question)
                    .await
                    .expect_status(200)
            }
        })
    });
    let answered = futures_util::stream::iter(asks)
        .buffer_unordered(IN_FLIGHT)
        .collect::<Vec<_>>()
        .await
        .len();
    let secs = started.elapsed().as_secs_f64();
    println!(
        "  {:<46} {:.1} answers/s ({answered} in {secs:.2} s, {IN_FLIGHT} in flight)",
        "/api/chat (JSON, each with its own session)",
        answered as f64 / secs
    );
}

async fn widget_timings(server: &Server) {
    let page = HostPage::serve(format!(
        "<!doctype html><html><head><meta charset=utf-8><title>bench</title></head><body><script>
         addEventListener('load', () => {{
           const t0 = performance.now();
           const s = document.createElement('script');
           s.src = '{base}/widget.js'; s.dataset.widgetId = 'bench'; s.async = true;
           document.body.append(s);
           const root = () => document.querySelector('parley-widget')?.shadowRoot;
           const launcher = () => {{
             const b = root()?.querySelector('.launcher');
             if (!b) return requestAnimationFrame(launcher);
             window.launcherMs = performance.now() - t0;
             const t1 = performance.now();
             b.click();
             const panel = () => root().querySelector('.parley-welcome')
               ? (window.panelMs = performance.now() - t1) : requestAnimationFrame(panel);
             panel();
           }};
           launcher();
         }});
         </script></body></html>",
        base = server.base_url
    ))
    .await
    .unwrap();
    let browser = Browser::start().await.unwrap();
    let (mut launcher, mut panel) = (Vec::new(), Vec::new());
    for _ in 0..WIDGET_LOADS {
        browser.client.goto(&page.url).await.unwrap();
        let times = browser
            .wait_for(
                "the widget timings",
                "return window.panelMs === undefined ? null : [window.launcherMs, window.panelMs];",
            )
            .await
            .unwrap();
        launcher.push(Duration::from_secs_f64(times[0].as_f64().unwrap() / 1000.0));
        panel.push(Duration::from_secs_f64(times[1].as_f64().unwrap() / 1000.0));
    }
    browser.close().await.unwrap();
    println!("\nWidget in headless Chromium (loopback, HTTP cache warm after the first load)");
    report("script inserted → launcher visible", launcher);
    report("launcher clicked → panel interactive", panel);
}
