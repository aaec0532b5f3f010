//! `cargo xtask bench`: sizes of what browsers and Cloudflare load (raw, gzip, brotli bytes),
//! latencies (p50/p99) and hub fan-out throughput against a fresh local `wrangler dev`, and
//! widget timings measured inside headless Chromium. Figures vary by machine; rerun to compare.

use parley_shared_types::hub::ServerEvent;
use parley_shared_types::message::{Message, SendMessageRequest, SenderType};
use parley_tests::process::repo_root;
use parley_tests::{Api, Browser, HostPage, HubClient, Server};
use std::io::Write;
use std::time::{Duration, Instant};

/// The visitor rate limit is 60/min per IP; every message phase stays under it.
const MESSAGES: usize = 25;
const HEALTH_REQUESTS: usize = 200;
const FANOUT_CLIENTS: usize = 20;
const WIDGET_LOADS: usize = 10;

#[tokio::main]
async fn main() {
    sizes();
    let server = Server::start().await.unwrap_or_else(|e| panic!("{e}"));
    let api = Api::new(&server.base_url);
    health_latency(&api).await;
    message_latency(&api, &server).await;
    fanout(&api, &server).await;
    widget_timings(&server).await;
}

fn sizes() {
    println!("\nSizes (bytes)                                   raw      gzip    brotli");
    let groups: [(&str, &[&str]); 5] = [
        (
            "widget loader (paid before the chat opens)",
            &["dist/widget.js"],
        ),
        ("widget app: JS glue", &["dist/widget/parley_widget.js"]),
        ("widget app: wasm", &["dist/widget/parley_widget_bg.wasm"]),
        (
            "whole widget (loader + glue + wasm + CSS)",
            &[
                "dist/widget.js",
                "dist/widget/parley_widget.js",
                "dist/widget/parley_widget_bg.wasm",
            ],
        ),
        (
            "admin UI (html + css + glue + wasm)",
            &[
                "dist/admin/index.html",
                "dist/admin/admin.css",
                "dist/admin/parley_admin.js",
                "dist/admin/parley_admin_bg.wasm",
            ],
        ),
    ];
    for (name, files) in groups.iter().chain([&(
        "edge Worker (js + wasm)",
        &["edge/build/index.js", "edge/build/index_bg.wasm"][..],
    )]) {
        let (raw, gzip, brotli) = files
            .iter()
            .map(|f| compressed(f))
            .fold((0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2));
        println!("  {name:<44} {raw:>8} {gzip:>9} {brotli:>9}");
    }
}

/// Each file compressed on its own, as a CDN serves it.
fn compressed(file: &str) -> (usize, usize, usize) {
    let bytes = std::fs::read(repo_root().join(file))
        .unwrap_or_else(|e| panic!("{file}: {e}; run `cargo xtask build`"));
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes).unwrap();
    let gzip = gz.finish().unwrap().len();
    let mut brotli = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut bytes.as_slice(), &mut brotli, &params).unwrap();
    (bytes.len(), gzip, brotli.len())
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let at =
        |q: f64| samples[((samples.len() as f64 * q).ceil() as usize).clamp(1, samples.len()) - 1];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "  {name:<44} p50 {:>7.2} ms   p99 {:>7.2} ms   (n={})",
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

fn message(content: String) -> SendMessageRequest {
    SendMessageRequest {
        content,
        sender_type: SenderType::Visitor,
        sender_id: "bench".into(),
        client_message_id: None,
    }
}

/// POST latency and POST → ReceiveMessage on another client.
async fn message_latency(api: &Api, server: &Server) {
    let conversation = uuid::Uuid::new_v4().to_string();
    let mut agent =
        HubClient::connect(&server.ws_url(&format!("/hubs/chat?conversationId={conversation}")))
            .await
            .unwrap();
    let path = format!("/api/conversations/{conversation}/messages");
    let (mut posts, mut deliveries) = (Vec::new(), Vec::new());
    for i in 0..MESSAGES {
        let started = Instant::now();
        let sent: Message = api
            .post(&path, &message(format!("message {i}")))
            .await
            .expect_status(201);
        posts.push(started.elapsed());
        let ServerEvent::ReceiveMessage(received) = agent.next_event().await.unwrap();
        deliveries.push(started.elapsed());
        assert_eq!(received.id, sent.id);
    }
    report("POST message (room append)", posts);
    report("message → other hub client (end to end)", deliveries);
}

/// Deliveries per second from one room to many sockets.
async fn fanout(api: &Api, server: &Server) {
    let conversation = uuid::Uuid::new_v4().to_string();
    let url = server.ws_url(&format!("/hubs/chat?conversationId={conversation}"));
    let mut clients = Vec::new();
    for _ in 0..FANOUT_CLIENTS {
        clients.push(HubClient::connect(&url).await.unwrap());
    }
    let path = format!("/api/conversations/{conversation}/messages");
    let started = Instant::now();
    let readers: Vec<_> = clients
        .into_iter()
        .map(|mut client| {
            tokio::spawn(async move {
                for _ in 0..MESSAGES {
                    client.next_event().await.unwrap();
                }
            })
        })
        .collect();
    for i in 0..MESSAGES {
        let _: Message = api
            .post(&path, &message(format!("fan-out {i}")))
            .await
            .expect_status(201);
    }
    for reader in readers {
        reader.await.unwrap();
    }
    let deliveries = FANOUT_CLIENTS * MESSAGES;
    let secs = started.elapsed().as_secs_f64();
    println!(
        "\nThroughput\n  hub fan-out: {MESSAGES} messages × {FANOUT_CLIENTS} sockets = {deliveries} deliveries in {:.2} s = {:.0} deliveries/s",
        secs,
        deliveries as f64 / secs
    );
}

/// Script insertion → launcher drawn, and click → panel rendered, timed in the page itself.
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
