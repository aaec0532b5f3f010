//! The demo's history: two weeks of visitors asking the demo bot, some handed to the team,
//! answered, closed and rated. It is written through the API, with the development server's
//! clock set to each past day (`PUT /api/dev/clock`), so the inbox, the dashboard and the
//! Analytics screen open on realistic data made by the same code as live traffic.

use crate::run::{Failure, Result};
use crate::seed;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

/// How many past days get conversations.
const DAYS: u32 = 14;
/// How often one call waits out a 429 before the history gives up.
const RATE_LIMIT_RETRIES: u32 = 5;
/// How long the bot may take to answer before the history gives up on it.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(20);

/// What demo visitors ask that the demo bot's FAQ answers, in their own words.
const ANSWERED: [&str; 9] = [
    "How do I install the chat widget on my website?",
    "how do i embed the widget",
    "Where is my data stored?",
    "Can I connect OpenAI?",
    "How much does it cost?",
    "What plans and pricing do you have?",
    "Does the widget make my site slower?",
    "Is there an API for developers?",
    "Can my team take over a conversation from the bot?",
];

/// What the FAQ does not answer. (None says "agent" or "human": those words hand the
/// conversation to people before the bot is asked.)
const UNANSWERED: [&str; 4] = [
    "Do you integrate with Shopify?",
    "Can I export my conversations to a spreadsheet?",
    "Is there a mobile app for my support staff?",
    "Do you support single sign-on with Okta?",
];

/// What the team says when it takes a conversation over.
const REPLIES: [&str; 4] = [
    "Hi, thanks for waiting! Let me look into that for you.",
    "Good question. Yes, and I've sent the details to your email.",
    "Happy to help. Could you tell me which plan you're on?",
    "Thanks for reaching out, that's sorted now.",
];

/// Returning customers the demo site identifies (`Parley.identify`: user id, name, email), so
/// the Contacts screen and a conversation's other conversations have something to show.
const CUSTOMERS: [(&str, &str, &str); 4] = [
    ("cust-1001", "Grace Hopper", "grace@example.com"),
    ("cust-1002", "Ada Lovelace", "ada@example.com"),
    ("cust-1003", "Alan Turing", "alan@example.com"),
    ("cust-1004", "Katherine Johnson", "katherine@example.com"),
];

/// What the demo widget sends when a conversation starts: the page, and who the visitor is
/// when the site knows (`customer`, an index into [`CUSTOMERS`]).
fn metadata(customer: Option<usize>) -> Value {
    match customer.and_then(|i| CUSTOMERS.get(i)) {
        Some((user_id, name, email)) => {
            json!({ "page": "/pricing", "userId": user_id, "name": name, "email": email })
        }
        None => json!({ "page": "/pricing" }),
    }
}

struct Api {
    base: String,
    agent: ureq::Agent,
    /// The address calls come from: each conversation's visitor has their own.
    client_ip: std::cell::Cell<std::net::Ipv4Addr>,
}

impl Api {
    fn new(base: &str) -> Api {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build();
        Api {
            base: base.to_owned(),
            agent: config.into(),
            client_ip: std::cell::Cell::new(std::net::Ipv4Addr::new(10, 0, 0, 1)),
        }
    }

    /// `method` on `path`, from the address `client_ip` (wrangler dev passes
    /// `CF-Connecting-IP` through, so each demo visitor counts against its own per-IP limit);
    /// a 429 is waited out as its `Retry-After` says.
    fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Result<Value> {
        let authorization = token.map(|token| ("authorization", format!("Bearer {token}")));
        self.call_with(method, path, authorization.as_slice(), body)
    }

    /// [`Api::call`] with any headers (a platform's signature instead of a token).
    fn call_with(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, String)],
        body: Option<Value>,
    ) -> Result<Value> {
        let body = body.as_ref().map_or_else(String::new, Value::to_string);
        self.send(
            method,
            path,
            headers,
            ("application/json", body.into_bytes()),
        )
    }

    /// A request with a body of any type (a file's bytes), retried while rate limited.
    fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, String)],
        (content_type, body): (&str, Vec<u8>),
    ) -> Result<Value> {
        let what = format!("{method} {path}");
        let fail = |e: &dyn std::fmt::Display| {
            Failure::new("writing the demo history", format!("{what}: {e}"))
        };
        let url = format!("{}{path}", self.base);
        for _ in 0..RATE_LIMIT_RETRIES {
            let mut request = ureq::http::Request::builder()
                .method(method)
                .uri(&url)
                .header("cf-connecting-ip", self.client_ip.get().to_string())
                .header("content-type", content_type);
            for (name, value) in headers {
                request = request.header(*name, value);
            }
            let request = request.body(body.clone()).map_err(|e| fail(&e))?;
            let mut response = self.agent.run(request).map_err(|e| fail(&e))?;
            let status = response.status().as_u16();
            if status == 429 {
                let wait = response
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok()?.parse().ok())
                    .unwrap_or(1);
                std::thread::sleep(Duration::from_secs(wait));
                continue;
            }
            let text = response.body_mut().read_to_string().map_err(|e| fail(&e))?;
            if !(200..300).contains(&status) {
                return Err(fail(&format!("{status} {text}")));
            }
            return Ok(serde_json::from_str(&text).unwrap_or(Value::Null));
        }
        Err(fail(&"still rate limited after waiting"))
    }

    fn set_clock(&self, now: Option<&str>) -> Result {
        self.call("PUT", "/api/dev/clock", None, Some(json!({ "now": now })))
            .map(drop)
    }

    fn sign_in(&self, login: &seed::Login) -> Result<Member> {
        let grant = json!({ "email": login.email, "password": login.password });
        let session = self.call(
            "POST",
            "/auth/v1/token?grant_type=password",
            None,
            Some(grant),
        )?;
        let text = |value: &Value| value.as_str().unwrap_or_default().to_owned();
        Ok(Member {
            token: text(&session["accessToken"]),
            id: text(&session["user"]["id"]),
        })
    }
}

/// A signed-in member of the demo team.
struct Member {
    token: String,
    id: String,
}

/// One scripted conversation: who asks (a known customer, or an anonymous visitor), what,
/// whether they then ask for a person, the stars they give (0: none), and the minutes until
/// a person replies and until it is closed.
struct Script {
    customer: Option<usize>,
    question: &'static str,
    wants_a_person: bool,
    stars: u64,
    reply_after: u32,
    close_after: u32,
}

/// The `index`th conversation of the day `days_ago`: a fixed mix, so every run writes the
/// same history.
fn script(days_ago: u32, index: u32) -> Script {
    let turn = (days_ago * 7 + index * 3) as usize;
    let (question, wants_a_person, stars) = match turn % 5 {
        0 | 1 => (ANSWERED[turn % ANSWERED.len()], false, [5, 4, 0][turn % 3]),
        2 => (
            ANSWERED[(turn + 4) % ANSWERED.len()],
            true,
            [4, 5, 3][turn % 3],
        ),
        _ => (
            UNANSWERED[turn % UNANSWERED.len()],
            true,
            [2, 4, 0, 5][turn % 4],
        ),
    };
    let reply_after = 1 + (turn as u32 * 5) % 11;
    Script {
        customer: Some(turn % 7).filter(|&i| i < CUSTOMERS.len()),
        question,
        wants_a_person,
        stars,
        reply_after,
        close_after: reply_after + 4 + (turn as u32 * 7) % 26,
    }
}

/// How many conversations the day `days_ago` gets: busier on weekdays.
fn conversations_on(days_ago: u32) -> u32 {
    3 + (days_ago * 5) % 4
}

/// Writes the history (and today's open conversations) unless the demo bot already has
/// some; returns how many conversations were written.
pub fn write(base: &str) -> Result<u32> {
    let api = Api::new(base);
    let admin = api.sign_in(&seed::ADMIN)?;
    let team = [
        api.sign_in(&seed::SAM)?,
        api.sign_in(&seed::AGENT)?,
        api.sign_in(&seed::RILEY)?,
    ];
    let report = api.call(
        "GET",
        &format!("/api/analytics/bots/{}", seed::BOT_ID),
        Some(&admin.token),
        None,
    )?;
    if report["metrics"]["totalConversations"]
        .as_u64()
        .unwrap_or(0)
        > 0
    {
        return Ok(0);
    }
    let today = time::OffsetDateTime::now_utc().date();
    let mut written = 0;
    let outcome = (|| {
        for days_ago in (1..=DAYS).rev() {
            let day = today - time::Duration::days(i64::from(days_ago));
            for index in 0..conversations_on(days_ago) {
                // Spread over the working day from 09:00.
                let at = |minutes: u32| {
                    let total = 9 * 60 + index * 83 + minutes;
                    format!("{day}T{:02}:{:02}:00Z", total / 60, total % 60)
                };
                let [_, _, a, b] = (days_ago * 100 + index).to_be_bytes();
                api.client_ip.set(std::net::Ipv4Addr::new(10, 77, a, b));
                converse(&api, &team, &script(days_ago, index), at)?;
                written += 1;
            }
        }
        Ok(())
    })();
    // Whatever happened, the server goes back to the real time.
    api.set_clock(None)?;
    outcome?;
    let today = open_today(&api, &team)?;
    agent_tools(&api, &admin, &team[1], &today)?;
    let from_the_app = app_channel(&api, &admin)?;
    Ok(written + 2 + from_the_app)
}

/// People who write from the demo company's mobile app, through a webhook channel.
const APP_USERS: [(&str, &str, &str); 2] = [
    (
        "app-user-5521",
        "Priya Natarajan",
        "Can I connect OpenAI to the bot?",
    ),
    (
        "app-user-7310",
        "Jonas Weber",
        "What happens when nobody is online?",
    ),
];

/// A webhook channel for the demo bot (the demo company's mobile app, whose server is
/// `demo_app`) and a conversation
/// from each of its [`APP_USERS`], sent as the app's server would: signed with the secret
/// the channel was created with. Answers how many conversations it started.
fn app_channel(api: &Api, admin: &Member) -> Result<u32> {
    let channel = api.call(
        "POST",
        &format!("/api/bots/{}/channels", seed::BOT_ID),
        Some(&admin.token),
        Some(json!({"kind": "webhook", "name": "Acme mobile app", "url": crate::demo_app::url()})),
    )?;
    let secret = channel["secret"].as_str().unwrap_or_default();
    let inbound = format!(
        "/api/channels/{}/inbound",
        channel["id"].as_str().unwrap_or_default()
    );
    for (user_id, name, text) in APP_USERS {
        let body = json!({"userId": user_id, "name": name, "text": text});
        let timestamp = time::OffsetDateTime::now_utc().unix_timestamp();
        let signature = seed::parley_signature(secret, timestamp, &body.to_string());
        api.call_with(
            "POST",
            &inbound,
            &[("parley-signature", signature)],
            Some(body),
        )?;
    }
    Ok(APP_USERS.len() as u32)
}

/// One conversation from `at(0)` on: the bot answers; a visitor who wants a person is given
/// (by the first of `team`) to one of them, who replies; it is closed (by the first, if nobody
/// took it) and maybe rated.
fn converse(api: &Api, team: &[Member; 3], script: &Script, at: impl Fn(u32) -> String) -> Result {
    api.set_clock(Some(&at(0)))?;
    let started = start(api, script.question, script.customer)?;
    wait_for_the_bot(api, &started)?;
    let mut closer = &team[0];
    if script.wants_a_person {
        let person = &team[script.question.len() % team.len()];
        hand_to(api, &started, &team[0], person)?;
        api.set_clock(Some(&at(script.reply_after)))?;
        let reply = REPLIES[script.question.len() % REPLIES.len()];
        say(api, &started, &person.token, reply)?;
        api.set_clock(Some(&at(script.reply_after + 2)))?;
        say(api, &started, &started.visitor, "Great, thank you!")?;
        closer = person;
    }
    api.set_clock(Some(&at(script.close_after)))?;
    let conversation = format!("/api/conversations/{}", started.id);
    api.call(
        "POST",
        &format!("{conversation}/close"),
        Some(&closer.token),
        None,
    )?;
    if script.stars > 0 {
        let rating = json!({ "score": script.stars });
        api.call(
            "POST",
            &format!("{conversation}/rating"),
            Some(&started.visitor),
            Some(rating),
        )?;
    }
    Ok(())
}

/// A visitor's conversation: their token, its id and its messages' path.
struct Started {
    visitor: String,
    id: String,
    messages: String,
}

/// A visitor (maybe a known `customer`) starts a conversation on the demo widget with
/// `question`.
fn start(api: &Api, question: &str, customer: Option<usize>) -> Result<Started> {
    let started = api.call(
        "POST",
        "/api/conversations",
        None,
        Some(json!({ "widgetId": seed::WIDGET_ID, "metadata": metadata(customer) })),
    )?;
    let text = |value: &Value| value.as_str().unwrap_or_default().to_owned();
    let (visitor, id) = (text(&started["visitorToken"]), text(&started["id"]));
    let started = Started {
        messages: format!("/api/conversations/{id}/messages"),
        visitor,
        id,
    };
    say(api, &started, &started.visitor, question)?;
    Ok(started)
}

/// Whoever `token` is writes `content` in the conversation.
fn say(api: &Api, started: &Started, token: &str, content: &str) -> Result {
    let message = json!({ "content": content });
    api.call("POST", &started.messages, Some(token), Some(message))
        .map(drop)
}

/// The visitor asks for a person, and `assigner` gives the conversation to `person`.
fn hand_to(api: &Api, started: &Started, assigner: &Member, person: &Member) -> Result {
    let conversation = format!("/api/conversations/{}", started.id);
    api.call(
        "POST",
        &format!("{conversation}/handoff"),
        Some(&started.visitor),
        None,
    )?;
    let assignment = json!({ "agentId": person.id });
    api.call(
        "POST",
        &format!("{conversation}/assign"),
        Some(&assigner.token),
        Some(assignment),
    )
    .map(drop)
}

/// Today, on the real clock, two conversations stay open for the inbox: one waits for a
/// person (the first returned), and in one Alex is helping.
fn open_today(api: &Api, team: &[Member; 3]) -> Result<[Started; 2]> {
    api.client_ip.set(std::net::Ipv4Addr::new(10, 77, 255, 1));
    // "human" hands it to people at once; nobody is online to take it.
    let charged = start(
        api,
        "Hi! I was charged twice this month, can a human check?",
        Some(0),
    )?;
    api.client_ip.set(std::net::Ipv4Addr::new(10, 77, 255, 2));
    let started = start(api, "Can I move my widget to a new domain?", None)?;
    wait_for_the_bot(api, &started)?;
    let alex = &team[1];
    hand_to(api, &started, &team[0], alex)?;
    let reply = "Sure! Add the new domain to the widget's allowed origins on the Widgets page.";
    say(api, &started, &alex.token, reply)?;
    let follow_up = "Thanks! Does the old domain keep working meanwhile?";
    say(api, &started, &started.visitor, follow_up)?;
    attach_receipt(api, &charged)?;
    ask_replies_by_email(api, &charged)?;
    Ok([charged, started])
}

/// Nobody is online to answer the visitor who was charged twice: she asks for the reply by
/// email, which the inbox's visitor details show.
fn ask_replies_by_email(api: &Api, charged: &Started) -> Result {
    let (_, _, email) = CUSTOMERS[0];
    let request =
        json!({ "email": email, "consent": true, "pageUrl": api.base.clone() + "/demo/" });
    api.call(
        "POST",
        &format!("/api/conversations/{}/follow-up", charged.id),
        Some(&charged.visitor),
        Some(request),
    )
    .map(drop)
}

/// The visitor who was charged twice sends their bank statement's lines, a file in the inbox.
fn attach_receipt(api: &Api, charged: &Started) -> Result {
    let statement =
        "2026-12-01  ACME CHAT PRO  -29.00 USD\n2026-12-01  ACME CHAT PRO  -29.00 USD\n";
    let upload = format!(
        "/api/conversations/{}/attachments?name=statement.txt",
        charged.id
    );
    let authorization = [("authorization", format!("Bearer {}", charged.visitor))];
    let file = api.send(
        "POST",
        &upload,
        &authorization,
        ("text/plain", statement.into()),
    )?;
    let message = json!({ "content": "Here are the two charges.", "attachments": [file["id"]] });
    api.call(
        "POST",
        &charged.messages,
        Some(&charged.visitor),
        Some(message),
    )
    .map(drop)
}

/// The agent's tools on today's conversations: the workspace's labels (on both), canned
/// responses (the workspace's and one of Alex's own) and a private note of Alex's.
fn agent_tools(
    api: &Api,
    admin: &Member,
    alex: &Member,
    [charged, moving]: &[Started; 2],
) -> Result {
    let mut labels = Vec::new();
    for (name, color) in [
        ("Billing", "#0ea5e9"),
        ("VIP", "#f59e0b"),
        ("Bug", "#ef4444"),
    ] {
        let label = json!({ "name": name, "color": color });
        let created = api.call("POST", "/api/labels", Some(&admin.token), Some(label))?;
        labels.push(created["id"].as_str().unwrap_or_default().to_owned());
    }
    for (started, label) in [(charged, &labels[0]), (moving, &labels[1])] {
        let path = format!("/api/conversations/{}/labels", started.id);
        api.call(
            "POST",
            &path,
            Some(&alex.token),
            Some(json!({ "labelId": label })),
        )?;
    }
    let canned = [
        (
            &admin.token,
            "workspace",
            "greet",
            "Hi {{visitor.name}}, this is {{agent.name}}. How can I help?",
        ),
        (
            &admin.token,
            "workspace",
            "hours",
            "We answer live Monday to Friday, 9:00 to 17:00 UTC.",
        ),
        (
            &admin.token,
            "workspace",
            "domains",
            "Add the new domain to the widget's allowed origins on the Widgets page.",
        ),
        (
            &alex.token,
            "personal",
            "thanks",
            "Thanks for your patience, {{visitor.name}}! Anything else I can do?",
        ),
    ];
    for (token, scope, shortcut, content) in canned {
        let response = json!({ "shortcut": shortcut, "content": content, "scope": scope });
        api.call("POST", "/api/canned-responses", Some(token), Some(response))?;
    }
    let note = json!({ "content": "Long-time customer on Growth; the old domain stays on until Friday.",
                       "private": true });
    api.call("POST", &moving.messages, Some(&alex.token), Some(note))
        .map(drop)
}

/// Waits until the bot's answer is stored.
fn wait_for_the_bot(api: &Api, started: &Started) -> Result {
    let waiting = Instant::now();
    while waiting.elapsed() < ANSWER_TIMEOUT {
        let page = api.call("GET", &started.messages, Some(&started.visitor), None)?;
        let answered = page["data"]
            .as_array()
            .is_some_and(|messages| messages.iter().any(|m| m["senderType"] == "ai"));
        if answered {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err(Failure::new(
        "writing the demo history",
        format!("the demo bot did not answer within {ANSWER_TIMEOUT:?}"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_history_mixes_answers_handoffs_unknowns_and_ratings() {
        let scripts: Vec<Script> = (1..=DAYS)
            .flat_map(|day| (0..conversations_on(day)).map(move |i| script(day, i)))
            .collect();
        assert!(scripts.len() >= 50, "{} conversations", scripts.len());
        let handed = scripts.iter().filter(|s| s.wants_a_person).count();
        let unknown = scripts
            .iter()
            .filter(|s| UNANSWERED.contains(&s.question))
            .count();
        let rated = scripts.iter().filter(|s| s.stars > 0).count();
        assert!(
            handed * 4 > scripts.len() && handed * 4 < scripts.len() * 3,
            "{handed}"
        );
        assert!(
            unknown > 0 && rated * 2 > scripts.len(),
            "{unknown} {rated}"
        );
        let customers: std::collections::BTreeSet<usize> =
            scripts.iter().filter_map(|s| s.customer).collect();
        assert!(
            customers.len() > 1,
            "several returning customers: {customers:?}"
        );
        assert!(
            scripts.iter().any(|s| s.customer.is_none()),
            "and anonymous visitors"
        );
        for stars in 2..=5 {
            assert!(
                scripts.iter().any(|s| s.stars == stars),
                "nobody gave {stars}"
            );
        }
    }
}
