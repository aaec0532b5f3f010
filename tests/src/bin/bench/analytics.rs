//! Analytics answer time over 1 000 and then 100 000 stored messages: reports read day
//! rollups, so the time must not grow with the messages. The messages go in over the hub,
//! the visitor, the agent and the admin of each room writing at once; the development clock
//! moves a minute on between rounds, as each writer's per-room send window is a minute's. A
//! team socket the moved clock asks to reconnect (every 5 minutes) reconnects, as clients do,
//! and resends by `clientMessageId`.

use super::report;
use futures_util::future::join_all;
use parley_shared_types::analytics::{AgentAnalytics, BotAnalytics};
use parley_tests::fixtures::{PASSWORD, REFUNDS, Team, sign_in};
use parley_tests::{Api, HubClient, Server};
use serde_json::json;
use std::time::{Duration, Instant};

const ROOMS: usize = 100;
/// What each writer may send into one room in a minute (the REST send's limits).
const VISITOR_PER_MINUTE: usize = 60;
const USER_PER_MINUTE: usize = 100;
const SAMPLES: usize = 30;

/// One room's writers on their sockets.
struct Room {
    writers: Vec<Writer>,
}

/// A socket on the room: whose it is (the visitor's token, or a member's, whose token is
/// renewed as the clock moves), from which address, so it can reconnect.
struct Writer {
    conversation_id: String,
    client_ip: String,
    token: Credential,
    hub: HubClient,
}

enum Credential {
    Visitor(String),
    /// The index of a team member, whose current token the round carries.
    Member(usize),
}

impl Writer {
    async fn connect(
        server: &Server,
        conversation_id: &str,
        client_ip: &str,
        token: Credential,
        tokens: &[String],
    ) -> Writer {
        let url = hub_url(server, conversation_id, &token, tokens);
        Writer {
            conversation_id: conversation_id.to_owned(),
            client_ip: client_ip.to_owned(),
            hub: HubClient::connect_from(&url, client_ip).await.unwrap(),
            token,
        }
    }

    /// Sends `count` messages, one after another, each stored before the next; a socket the
    /// server closed (a team socket is re-checked every 5 minutes) reconnects and resends.
    async fn send(&mut self, server: &Server, count: usize, tokens: &[String]) {
        for _ in 0..count {
            let client_message_id = uuid::Uuid::new_v4().to_string();
            loop {
                let sent = self
                    .hub
                    .send_message(&self.conversation_id, "a message", Some(&client_message_id))
                    .await;
                match sent {
                    Ok(Ok(_)) => break,
                    Ok(Err(refused)) => panic!("refused: {refused}"),
                    Err(_) => {
                        let url = hub_url(server, &self.conversation_id, &self.token, tokens);
                        self.hub = HubClient::connect_from(&url, &self.client_ip)
                            .await
                            .unwrap();
                    }
                }
            }
        }
    }
}

fn hub_url(
    server: &Server,
    conversation_id: &str,
    token: &Credential,
    tokens: &[String],
) -> String {
    let token = match token {
        Credential::Visitor(token) => token,
        Credential::Member(index) => &tokens[*index],
    };
    server.ws_url(&format!(
        "/hubs/chat?access_token={token}&conversationId={conversation_id}"
    ))
}

/// A team member who writes or reads, and how to sign them in again.
struct Member {
    email: String,
    api: Api,
}

pub async fn run(server: &Server) {
    println!("\nAnalytics (reports read day rollups; the answer time must not grow with messages)");
    let mut team = Team::new(server).await;
    let bot = team.bot_knowing("Billing", &[REFUNDS]).await;
    team.answer_with(&bot).await;
    // Each user connects to at most ROOMS / 2 rooms and reads apart from writing: hub
    // connects and requests count against a user's 100 a minute.
    let mut members = vec![
        Member {
            email: team.admin_user.email.clone(),
            api: team.admin.clone(),
        },
        Member {
            email: team.agent_user.email.clone(),
            api: team.agent.clone(),
        },
    ];
    for _ in 0..4 {
        members.push(new_agent(server, &team).await);
    }
    let mut tokens = current_tokens(&members);
    let mut rooms = Vec::new();
    let mut stored = 0;
    for room in 0..ROOMS {
        let visitor = team.visitor().await;
        let id = visitor.conversation_id().to_owned();
        let pair = 2 * (room * 2 / ROOMS);
        let visitor_token = visitor.api.token.clone().unwrap_or_default();
        let mut writers = vec![
            Writer::connect(
                server,
                &id,
                &visitor.api.client_ip,
                Credential::Visitor(visitor_token),
                &tokens,
            )
            .await,
        ];
        for member in [pair, pair + 1] {
            let client_ip = &members[member].api.client_ip;
            writers.push(
                Writer::connect(server, &id, client_ip, Credential::Member(member), &tokens).await,
            );
        }
        // The visitor's question and the bot's answer.
        visitor.say(REFUNDS.0).await;
        writers[0].hub.next_ai_answer().await.unwrap();
        stored += 2;
        rooms.push(Room { writers });
    }
    // Up to 1 000: each room's agent writes the rest (taking over from the bot).
    let per_room = (1_000 - stored) / ROOMS;
    stored += write_round(server, &mut rooms, &[0, per_room, 0], &tokens).await;
    let bot_path = format!("/api/analytics/bots/{}", bot.id);
    measure(&members[4..6], &bot_path, stored).await;

    let mut minutes = 0;
    let filling = Instant::now();
    while stored < 100_000 {
        // A new minute: every writer's send window is full again.
        minutes += 1;
        server.set_clock(Some(&seconds_ahead(61 * minutes))).await;
        // Tokens expire on the server's clock: the moved one too.
        sign_in_again(server, &mut members).await;
        tokens = current_tokens(&members);
        let left = (100_000 - stored) / ROOMS;
        let visitor = left.min(VISITOR_PER_MINUTE);
        let agent = (left - visitor).min(USER_PER_MINUTE);
        let admin = (left - visitor - agent).min(USER_PER_MINUTE);
        stored += write_round(server, &mut rooms, &[visitor, agent, admin], &tokens).await;
        println!(
            "  … {stored} messages stored ({:.0} s)",
            filling.elapsed().as_secs_f64()
        );
    }
    measure(&members[4..6], &bot_path, stored).await;
    server.set_clock(None).await;
}

/// Each room's writers send `counts[i]` messages each, every room at once; returns how many
/// were stored.
async fn write_round(
    server: &Server,
    rooms: &mut [Room],
    counts: &[usize],
    tokens: &[String],
) -> usize {
    let writes = rooms.iter_mut().map(|room| async move {
        let sends = room
            .writers
            .iter_mut()
            .zip(counts)
            .map(|(writer, &count)| async move {
                writer.send(server, count, tokens).await;
                count
            });
        join_all(sends).await.into_iter().sum::<usize>()
    });
    join_all(writes).await.into_iter().sum()
}

fn current_tokens(members: &[Member]) -> Vec<String> {
    members
        .iter()
        .map(|m| m.api.token.clone().unwrap_or_default())
        .collect()
}

async fn sign_in_again(server: &Server, members: &mut [Member]) {
    for member in members {
        let session = sign_in(&Api::new(&server.base_url), &member.email, PASSWORD).await;
        member.api = member.api.with_token(&session.access_token);
    }
}

/// The real time `seconds` from now, as RFC 3339.
fn seconds_ahead(seconds: u64) -> String {
    let at = std::time::SystemTime::now() + Duration::from_secs(seconds);
    let millis = at
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    chrono::DateTime::from_timestamp_millis(millis)
        .unwrap()
        .to_rfc3339()
}

/// A new agent of the team, signed in.
async fn new_agent(server: &Server, team: &Team) -> Member {
    let email = format!("bench-{}@test.parley.dev", uuid::Uuid::new_v4().simple());
    let _: serde_json::Value = team
        .admin
        .post(
            "/api/users",
            &json!({ "email": email, "name": "Writer", "password": PASSWORD, "role": "agent" }),
        )
        .await
        .expect_status(201);
    let session = sign_in(&Api::new(&server.base_url), &email, PASSWORD).await;
    Member {
        email,
        api: Api::new(&server.base_url).with_token(&session.access_token),
    }
}

/// Times both reports, checking the bot's counts every stored message.
async fn measure(readers: &[Member], bot_path: &str, stored: usize) {
    let (mut bot, mut people) = (Vec::new(), Vec::new());
    for i in 0..SAMPLES {
        // Alternate callers: each has its own per-user request quota.
        let api = &readers[i % readers.len()].api;
        let started = Instant::now();
        let report: BotAnalytics = api.get(bot_path).await.expect_status(200);
        bot.push(started.elapsed());
        assert_eq!(report.metrics.total_messages, stored as u64);
        let started = Instant::now();
        let _: AgentAnalytics = api.get("/api/analytics/agents").await.expect_status(200);
        people.push(started.elapsed());
    }
    report(
        &format!("GET /api/analytics/bots/{{id}}, {stored} messages"),
        bot,
    );
    report(
        &format!("GET /api/analytics/agents, {stored} messages"),
        people,
    );
}
