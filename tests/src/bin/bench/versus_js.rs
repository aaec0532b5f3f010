//! Parley against the plainest JavaScript Durable Object chat (`tests/baseline/`), with the
//! same probe for both in one run: sender and receivers in this process, one clock. Parley's
//! messages go over its hub (`SendMessage` on the sender's authenticated socket) and over
//! REST, each with its rules (rate limit, `seq`, de-duplication, D1 summary, webhooks); the
//! baseline's over its socket. CPU per message is what the runtime's processes (wrangler dev
//! and workerd) spent from a burst's first message to its last arrival, divided by the
//! messages delivered.

use futures_util::{SinkExt, StreamExt};
use parley_shared_types::hub::ServerEvent;
use parley_shared_types::message::{Message, SendMessageRequest};
use parley_tests::baseline::BaselineChat;
use parley_tests::fixtures::{Team, Visitor};
use parley_tests::{HubClient, Server};
use std::time::{Duration, Instant};
use tokio::sync::mpsc;
use tokio_tungstenite::connect_async;
use tokio_tungstenite::tungstenite::Message as WsMessage;

/// One latency scenario: `rooms` rooms, each with one sender and `receivers` receivers, each
/// sender writing `rate` messages a second, `messages` in all per room.
#[derive(Clone, Copy)]
pub struct Scenario {
    pub name: &'static str,
    pub rooms: usize,
    pub receivers: usize,
    pub rate: f64,
    pub messages: usize,
}

pub const SCENARIOS: [Scenario; 3] = [
    Scenario {
        name: "send → other socket, 1 room, 10 msg/s",
        rooms: 1,
        receivers: 1,
        rate: 10.0,
        messages: 40,
    },
    Scenario {
        name: "send → other socket, 10 rooms × 2 msg/s",
        rooms: 10,
        receivers: 1,
        rate: 2.0,
        messages: 8,
    },
    Scenario {
        name: "one room, 50 receivers, 5 msg/s",
        rooms: 1,
        receivers: 50,
        rate: 5.0,
        messages: 20,
    },
];

/// Messages each room's sender bursts (Parley's visitor stays under 60 requests a minute).
pub const BURST: usize = 50;

/// A message was received: which one (`room:n`) and when.
type Arrival = (String, Instant);

/// How Parley's sender writes.
#[derive(Clone, Copy)]
enum Via {
    Hub,
    Rest,
}

pub async fn run(server: &Server) {
    let chat = BaselineChat::start()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    println!("\nParley vs a plain JS Durable Object chat (same probe, same run)");
    println!(
        "  {:<46} {:>22}   {:>22}   {:>22}",
        "", "JS DO chat", "Parley (hub send)", "Parley (REST send)"
    );
    for scenario in SCENARIOS {
        let js = js_latency(&chat, scenario).await;
        let hub = parley_latency(server, scenario, Via::Hub).await;
        let rest = parley_latency(server, scenario, Via::Rest).await;
        println!(
            "  {:<46} {}   {}   {}",
            scenario.name,
            percentiles(js),
            percentiles(hub),
            percentiles(rest)
        );
    }
    for rooms in [1, 10] {
        let js = js_burst(&chat, rooms).await;
        let hub = parley_burst(server, rooms, Via::Hub).await;
        let rest = parley_burst(server, rooms, Via::Rest).await;
        println!(
            "  {:<46} {}   {}   {}",
            format!("burst into {rooms} room(s), persisted + delivered"),
            js,
            hub,
            rest
        );
    }
    let js = bare_requests(&chat.base_url).await;
    for (name, path) in [
        (
            "a request that does no I/O (page / 404)",
            "/api/no-such-route",
        ),
        (
            "… (page / openapi.json after the first)",
            "/api/openapi.json",
        ),
    ] {
        let parley = bare_requests(&format!("{}{path}", server.base_url)).await;
        println!(
            "  {:<46} {}   {:>22}   {}",
            name,
            percentiles(js.clone()),
            "",
            percentiles(parley)
        );
    }
}

/// A burst's messages a second, and the runtime's CPU per message it cost.
struct Burst {
    per_second: f64,
    cpu_ms_per_message: f64,
}

/// Reads the runtime's CPU and the clock from the burst's first message to its last arrival:
/// setting up its rooms (signing up, hashing a password, connecting) is not the messages'.
struct Stopwatch<F: Fn() -> f64> {
    cpu_seconds: F,
    cpu: f64,
    started: Instant,
}

impl<F: Fn() -> f64> Stopwatch<F> {
    fn start(cpu_seconds: F) -> Self {
        Stopwatch {
            cpu: cpu_seconds(),
            started: Instant::now(),
            cpu_seconds,
        }
    }

    fn stop(self, delivered: usize) -> Burst {
        let cpu = (self.cpu_seconds)() - self.cpu;
        Burst {
            per_second: delivered as f64 / self.started.elapsed().as_secs_f64(),
            cpu_ms_per_message: cpu * 1000.0 / delivered.max(1) as f64,
        }
    }
}

impl std::fmt::Display for Burst {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:>5.0} msg/s {:>5.2} ms CPU",
            self.per_second, self.cpu_ms_per_message
        )
    }
}

fn percentiles(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let at =
        |q: f64| samples[((samples.len() as f64 * q).ceil() as usize).clamp(1, samples.len()) - 1];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!("p50 {:>6.2} p99 {:>7.2} ms", ms(at(0.5)), ms(at(0.99)))
}

/// Latencies from the send times and every receiver's arrivals.
fn latencies(sent: &[(String, Instant)], arrivals: &[Arrival]) -> Vec<Duration> {
    arrivals
        .iter()
        .filter_map(|(key, at)| {
            sent.iter()
                .find(|(k, _)| k == key)
                .map(|(_, started)| at.duration_since(*started))
        })
        .collect()
}

async fn js_socket(
    chat: &BaselineChat,
    room: &str,
) -> tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>> {
    connect_async(chat.room_url(room))
        .await
        .unwrap_or_else(|e| panic!("baseline socket: {e}"))
        .0
}

async fn js_latency(chat: &BaselineChat, scenario: Scenario) -> Vec<Duration> {
    let (arrived, mut arrivals) = mpsc::unbounded_channel::<Arrival>();
    let mut senders = Vec::new();
    for room in 0..scenario.rooms {
        let name = format!("latency-{}-{room}", uuid::Uuid::new_v4().simple());
        for _ in 0..scenario.receivers {
            let mut socket = js_socket(chat, &name).await;
            let arrived = arrived.clone();
            tokio::spawn(async move {
                while let Some(Ok(WsMessage::Text(text))) = socket.next().await {
                    let _ = arrived.send((text.to_string(), Instant::now()));
                }
            });
        }
        senders.push((room, js_socket(chat, &name).await));
    }
    let expected = scenario.rooms * scenario.receivers * scenario.messages;
    let sent = paced(senders, scenario, async |socket, key| {
        socket.send(WsMessage::text(key)).await.unwrap();
    })
    .await;
    let received = collect(&mut arrivals, expected).await;
    latencies(&sent, &received)
}

async fn parley_latency(server: &Server, scenario: Scenario, via: Via) -> Vec<Duration> {
    let team = Team::new(server).await;
    let (arrived, mut arrivals) = mpsc::unbounded_channel::<Arrival>();
    let mut visitors = Vec::new();
    for room in 0..scenario.rooms {
        let visitor = team.visitor().await;
        for _ in 0..scenario.receivers {
            let hub = team.agent_hub(server, visitor.conversation_id()).await;
            forward_messages(hub, arrived.clone());
        }
        let socket = visitor.hub(server).await;
        visitors.push((room, (visitor, socket)));
    }
    let expected = scenario.rooms * scenario.receivers * scenario.messages;
    let sent = paced(visitors, scenario, async |(visitor, socket), key| {
        send(visitor, socket, via, key).await;
    })
    .await;
    let received = collect(&mut arrivals, expected).await;
    latencies(&sent, &received)
}

/// Each room's sender writes the scenario's keys (`room:n`) at its rate, all rooms at once;
/// answers when each key was sent.
async fn paced<S>(
    senders: Vec<(usize, S)>,
    scenario: Scenario,
    send: impl AsyncFn(&mut S, String) + Copy,
) -> Vec<(String, Instant)> {
    let sends = senders.into_iter().map(|(room, mut sender)| async move {
        let mut sent = Vec::new();
        for n in 0..scenario.messages {
            let key = format!("{room}:{n}");
            sent.push((key.clone(), Instant::now()));
            send(&mut sender, key).await;
            tokio::time::sleep(Duration::from_secs_f64(1.0 / scenario.rate)).await;
        }
        sent
    });
    futures_util::future::join_all(sends)
        .await
        .into_iter()
        .flatten()
        .collect()
}

/// Sends `content` as the visitor and waits until it is stored.
async fn send(visitor: &Visitor, socket: &mut HubClient, via: Via, content: String) {
    match via {
        Via::Hub => {
            let stored = socket
                .send_message(visitor.conversation_id(), &content, None)
                .await
                .unwrap_or_else(|e| panic!("hub: {e}"));
            stored.unwrap_or_else(|e| panic!("SendMessage refused: {e}"));
        }
        Via::Rest => {
            let _: Message = visitor
                .api
                .post(&visitor.messages_path(), &SendMessageRequest::text(content))
                .await
                .expect_status(201);
        }
    }
}

/// Sends the content of every `ReceiveMessage` a hub socket gets, with its arrival time.
fn forward_messages(mut hub: HubClient, arrived: mpsc::UnboundedSender<Arrival>) {
    tokio::spawn(async move {
        while let Ok(event) = hub.next_event().await {
            if let ServerEvent::ReceiveMessage(message) = event
                && arrived.send((message.content, Instant::now())).is_err()
            {
                return;
            }
        }
    });
}

/// The first `expected` arrivals, or what came within a minute.
async fn collect(arrivals: &mut mpsc::UnboundedReceiver<Arrival>, expected: usize) -> Vec<Arrival> {
    let mut received = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    while received.len() < expected {
        match tokio::time::timeout_at(deadline, arrivals.recv()).await {
            Ok(Some(arrival)) => received.push(arrival),
            _ => break,
        }
    }
    received
}

/// Messages a second persisted and delivered when each of `rooms` senders writes [`BURST`]
/// messages as fast as it can.
async fn js_burst(chat: &BaselineChat, rooms: usize) -> Burst {
    let (arrived, mut arrivals) = mpsc::unbounded_channel::<Arrival>();
    let mut senders = Vec::new();
    for room in 0..rooms {
        let name = format!("burst-{}-{room}", uuid::Uuid::new_v4().simple());
        let mut receiver = js_socket(chat, &name).await;
        let arrived = arrived.clone();
        tokio::spawn(async move {
            while let Some(Ok(WsMessage::Text(text))) = receiver.next().await {
                let _ = arrived.send((text.to_string(), Instant::now()));
            }
        });
        senders.push((room, js_socket(chat, &name).await));
    }
    let stopwatch = Stopwatch::start(|| chat.cpu_seconds());
    for (room, socket) in &mut senders {
        for n in 0..BURST {
            socket
                .feed(WsMessage::text(format!("{room}:{n}")))
                .await
                .unwrap();
        }
        socket.flush().await.unwrap();
    }
    let received = collect(&mut arrivals, rooms * BURST).await;
    stopwatch.stop(received.len())
}

async fn parley_burst(server: &Server, rooms: usize, via: Via) -> Burst {
    const IN_FLIGHT: usize = 4;
    let team = Team::new(server).await;
    let (arrived, mut arrivals) = mpsc::unbounded_channel::<Arrival>();
    let mut visitors = Vec::new();
    for room in 0..rooms {
        let visitor = team.visitor().await;
        let hub = team.agent_hub(server, visitor.conversation_id()).await;
        forward_messages(hub, arrived.clone());
        let socket = visitor.hub(server).await;
        visitors.push((room, visitor, socket));
    }
    let stopwatch = Stopwatch::start(|| server.cpu_seconds());
    match via {
        // Like the baseline's sender: every message written to the socket at once.
        Via::Hub => {
            for (room, visitor, socket) in &mut visitors {
                for n in 0..BURST {
                    socket
                        .send_message_unanswered(visitor.conversation_id(), &format!("{room}:{n}"))
                        .await
                        .unwrap_or_else(|e| panic!("hub: {e}"));
                }
            }
        }
        Via::Rest => {
            let bursts = visitors.iter().map(|(room, visitor, _)| {
                futures_util::stream::iter(0..BURST)
                    .map(move |n| async move {
                        let _: Message = visitor
                            .api
                            .post(
                                &visitor.messages_path(),
                                &SendMessageRequest::text(format!("{room}:{n}")),
                            )
                            .await
                            .expect_status(201);
                    })
                    .buffer_unordered(IN_FLIGHT)
                    .collect::<Vec<_>>()
            });
            futures_util::future::join_all(bursts).await;
        }
    }
    let received = collect(&mut arrivals, rooms * BURST).await;
    stopwatch.stop(received.len())
}

/// 100 sequential GETs of a URL that does no I/O.
async fn bare_requests(url: &str) -> Vec<Duration> {
    let http = reqwest::Client::new();
    let _ = http.get(url).send().await;
    let mut samples = Vec::new();
    for _ in 0..100 {
        let started = Instant::now();
        let response = http.get(url).send().await.unwrap();
        let _ = response.bytes().await;
        samples.push(started.elapsed());
    }
    samples
}
