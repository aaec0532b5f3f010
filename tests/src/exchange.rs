//! A visitor and an agent talking in one conversation over a bad network (a
//! [`FaultProxy`](crate::fault_proxy::FaultProxy)): each sends over HTTP and retries with the
//! same `clientMessageId` until the edge acknowledges; each listens on its hub socket and,
//! whenever the socket breaks or goes quiet, reconnects with `lastSeq` (what a real client
//! does). The tally says what every listener lost, got twice or got out of `seq` order, and
//! what the conversation stored once, twice or not at all.

use crate::fixtures::{Team, Visitor, all_messages};
use crate::{Api, HubClient};
use parley_shared_types::hub::ServerEvent;
use parley_shared_types::message::{Message, SendMessageRequest};
use std::collections::{BTreeMap, HashSet};
use std::time::Duration;
use tokio::sync::watch;

/// A request or socket that answers nothing for this long is given up and retried.
const QUIET: Duration = Duration::from_secs(2);
/// How long listeners may take to catch up after the last message was acknowledged.
const CATCH_UP: Duration = Duration::from_secs(60);

#[derive(Debug, Default)]
pub struct ListenerTally {
    pub received: usize,
    pub lost: usize,
    pub duplicated: usize,
    pub out_of_order: usize,
    pub reconnects: usize,
}

#[derive(Debug, Default)]
pub struct ExchangeTally {
    pub sent: usize,
    pub send_retries: usize,
    /// Messages the conversation holds not exactly once (by content), as read directly.
    pub stored_missing: usize,
    pub stored_twice: usize,
    pub visitor: ListenerTally,
    pub agent: ListenerTally,
}

impl ExchangeTally {
    /// Nothing lost, nothing twice, nothing out of order, for every listener and in storage.
    pub fn is_clean(&self) -> bool {
        [&self.visitor, &self.agent]
            .iter()
            .all(|l| l.lost == 0 && l.duplicated == 0 && l.out_of_order == 0)
            && self.stored_missing == 0
            && self.stored_twice == 0
    }
}

impl std::fmt::Display for ExchangeTally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "sent {} messages ({} retried sends); stored: {} missing, {} twice",
            self.sent, self.send_retries, self.stored_missing, self.stored_twice
        )?;
        for (who, l) in [("visitor", &self.visitor), ("agent", &self.agent)] {
            writeln!(
                f,
                "{who} received {}: {} lost, {} duplicated, {} out of order ({} reconnects)",
                l.received, l.lost, l.duplicated, l.out_of_order, l.reconnects
            )?;
        }
        Ok(())
    }
}

/// Sends `total` messages through `proxy_url` (every `agent_every`-th from the agent, the rest
/// from the visitor) while both listen through it; checks storage directly at `direct_url`.
pub async fn exchange(
    direct_url: &str,
    proxy_url: &str,
    team: &Team,
    visitor: &Visitor,
    total: usize,
    agent_every: usize,
) -> ExchangeTally {
    let conversation = visitor.conversation_id().to_owned();
    let ws_base = proxy_url.replacen("http", "ws", 1);
    let (done_tx, done_rx) = watch::channel(None);
    let listen = |token: &Option<String>| {
        let token = token.clone().unwrap_or_default();
        let url = format!("{ws_base}/hubs/chat?access_token={token}&conversationId={conversation}");
        tokio::spawn(listen(url, done_rx.clone()))
    };
    let visitor_listener = listen(&visitor.api.token);
    let agent_listener = listen(&team.agent.token);

    let http = reqwest::Client::builder()
        .timeout(QUIET)
        .build()
        .expect("an HTTP client");
    let through_proxy = |api: &Api| Api {
        base_url: proxy_url.to_owned(),
        http: http.clone(),
        ..api.clone()
    };
    let visitor_api = through_proxy(&visitor.api);
    let agent_api = through_proxy(&team.agent);
    let mut tally = ExchangeTally::default();
    let mut acknowledged = Vec::with_capacity(total);
    for index in 0..total {
        let from_agent = agent_every > 0 && index % agent_every == 0;
        let request = SendMessageRequest {
            client_message_id: Some(format!("m-{index}")),
            ..SendMessageRequest::text(format!("m-{index}"))
        };
        for attempt in 1.. {
            assert!(attempt < 500, "message {index} was never acknowledged");
            // The visitor's per-IP limit would otherwise pace the run: each try is a new
            // address, as a visitor on a flaky mobile network often is.
            let api = if from_agent {
                agent_api.clone()
            } else {
                Api {
                    client_ip: Api::new(proxy_url).client_ip,
                    ..visitor_api.clone()
                }
            };
            match send(&api, &visitor.messages_path(), &request).await {
                Ok(message) => {
                    acknowledged.push(message);
                    break;
                }
                Err(wait) => {
                    tally.send_retries += 1;
                    tokio::time::sleep(wait).await;
                }
            }
        }
    }
    tally.sent = acknowledged.len();
    let last_seq = acknowledged.iter().map(|m| m.seq).max().unwrap_or(0);
    done_tx.send_replace(Some(last_seq));
    let expected: Vec<&str> = acknowledged.iter().map(|m| m.id.as_str()).collect();
    tally.visitor = visitor_listener.await.expect("listener").tally(&expected);
    tally.agent = agent_listener.await.expect("listener").tally(&expected);

    let stored = stored_contents(direct_url, team, &conversation).await;
    for index in 0..total {
        match stored.get(&format!("m-{index}")).copied().unwrap_or(0) {
            0 => tally.stored_missing += 1,
            1 => {}
            _ => tally.stored_twice += 1,
        }
    }
    tally
}

/// One try: the stored message, or how long to wait before the next try.
async fn send(api: &Api, path: &str, request: &SendMessageRequest) -> Result<Message, Duration> {
    let response = api
        .request(reqwest::Method::POST, path)
        .json(request)
        .send()
        .await
        .map_err(|_| Duration::from_millis(50))?;
    match response.status().as_u16() {
        200 | 201 => response.json().await.map_err(|_| Duration::from_millis(50)),
        429 => Err(Duration::from_secs(1)),
        // A cut in the middle of a request can reach the edge as a malformed one.
        400 => Err(Duration::from_millis(50)),
        status => panic!(
            "sending failed with {status}: {}",
            response.text().await.unwrap_or_default()
        ),
    }
}

/// How many times each content is stored, read around the proxy.
async fn stored_contents(
    direct_url: &str,
    team: &Team,
    conversation: &str,
) -> BTreeMap<String, usize> {
    let admin = Api {
        base_url: direct_url.to_owned(),
        ..team.admin.clone()
    };
    let mut counts = BTreeMap::new();
    for message in all_messages(&admin, conversation).await {
        *counts.entry(message.content).or_insert(0) += 1;
    }
    counts
}

struct Heard {
    messages: Vec<Message>,
    reconnects: usize,
}

impl Heard {
    fn tally(&self, expected: &[&str]) -> ListenerTally {
        let mut seen = HashSet::new();
        let mut tally = ListenerTally {
            received: self.messages.len(),
            reconnects: self.reconnects,
            ..ListenerTally::default()
        };
        let mut previous = 0;
        for message in &self.messages {
            if !seen.insert(message.id.as_str()) {
                tally.duplicated += 1;
            }
            if message.seq <= previous {
                tally.out_of_order += 1;
            }
            previous = previous.max(message.seq);
        }
        tally.lost = expected.iter().filter(|id| !seen.contains(*id)).count();
        tally
    }
}

/// Listens until the last acknowledged `seq` (once known) has arrived, reconnecting with
/// `lastSeq` whenever the socket fails or stays quiet.
async fn listen(url: String, done: watch::Receiver<Option<u64>>) -> Heard {
    let mut heard = Heard {
        messages: Vec::new(),
        reconnects: 0,
    };
    let mut last_seq = 0;
    let mut deadline = None;
    loop {
        if let Some(final_seq) = *done.borrow() {
            if last_seq >= final_seq {
                return heard;
            }
            let deadline = *deadline.get_or_insert_with(|| tokio::time::Instant::now() + CATCH_UP);
            if tokio::time::Instant::now() > deadline {
                return heard;
            }
        }
        let resume = format!("{url}&lastSeq={last_seq}");
        let Ok(Ok(mut socket)) = tokio::time::timeout(QUIET, HubClient::connect(&resume)).await
        else {
            heard.reconnects += 1;
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        loop {
            if done.borrow().is_some_and(|final_seq| last_seq >= final_seq) {
                break;
            }
            match tokio::time::timeout(QUIET, socket.next_event()).await {
                Ok(Ok(ServerEvent::ReceiveMessage(message))) => {
                    last_seq = last_seq.max(message.seq);
                    heard.messages.push(message);
                }
                Ok(Ok(_)) => {}
                Ok(Err(_)) | Err(_) => {
                    heard.reconnects += 1;
                    break;
                }
            }
        }
    }
}
