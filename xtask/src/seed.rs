//! The demo workspace `cargo xtask dev` seeds: an admin, three agents, one widget and the bot that
//! answers it from a FAQ about Parley, API keys and webhooks with a delivery log, with fixed
//! ids so the demo page stays valid across runs.
//! Re-seeding leaves existing rows alone; the FAQ's index is rewritten, so it stays the seed's.

use parley_shared_types::bot::{BotSettings, FaqPair};
use parley_shared_types::webhook::{DeliveryStatus, WebhookDialect, WebhookEvent};
use password_hash::{Ident, PasswordHasher, SaltString, rand_core::OsRng};
use pbkdf2::{Params, Pbkdf2};

pub const WORKSPACE_ID: &str = "5f0c3a52-6d1e-4c6b-9b1a-2f1d7e0c9a01";
pub const WIDGET_ID: &str = "9b2d4e61-3f5a-4e7c-8d2b-6a4c1e8f0b02";
pub const ADMIN: Login = Login {
    email: "admin@demo.parley.dev",
    password: "parley-demo-admin",
};
pub const AGENT: Login = Login {
    email: "agent@demo.parley.dev",
    password: "parley-demo-agent",
};
/// Two more agents, whose logins only the demo history uses: it writes as them, so the demo
/// logins' own request quotas are untouched when someone signs in right after it.
pub const SAM: Login = Login {
    email: "sam@demo.parley.dev",
    password: "parley-demo-sam",
};
pub const RILEY: Login = Login {
    email: "riley@demo.parley.dev",
    password: "parley-demo-riley",
};
const ADMIN_ID: &str = "c41e8a73-0b6d-4f2e-9a5c-3d7b1f9e2c03";
const AGENT_ID: &str = "e85f9b04-1c7e-4a3f-8b6d-4e8c2a0f3d04";
const SAM_ID: &str = "f3a1c5e7-2b4d-4c6e-8a0f-1e3c5a7b9d07";
const RILEY_ID: &str = "a9c7e5b3-1d2f-4a6c-9e8b-7f5d3b1a0c08";
pub const BOT_ID: &str = "3a7c9e15-8b2d-4f60-a1e4-5c9b7d3f2a05";
const FAQ_SOURCE_ID: &str = "b6e2f4a8-0c3d-4e7b-9f15-7a2c8e4d6b06";
const FAQ_TITLE: &str = "Parley FAQ";

/// What the demo bot knows, as (question, answer). The README's demo section suggests
/// questions these answer. No question says "human" or "agent": a visitor writing one of the
/// bot's handoff keywords is handed to a person instead of answered.
pub const FAQ: [(&str, &str); 12] = [
    (
        "What is Parley? What does Parley do?",
        "Parley is an open-source live chat and AI chatbot platform for websites. With Parley, visitors chat in a small widget, your team answers from the admin inbox, and a bot like me answers first from your own knowledge.",
    ),
    (
        "How do I embed or install the chat widget on my website?",
        "Paste one script tag before </body> on every page of your site that should have the chat. The admin UI's Widgets page shows the tag with your widget id and a copy button; it loads widget.js from your own host.",
    ),
    (
        "How much does it cost? What plans and pricing are there?",
        "It is open source and free to self-host on your own Cloudflare account. Hosted plans and pricing are not published yet; this answer is a placeholder for them.",
    ),
    (
        "Where is my data stored? Data location and privacy",
        "Everything stays in your own Cloudflare account: conversations in Durable Objects, accounts, widgets and bot knowledge in D1, and widget settings cached in KV. Nothing goes to a third party unless you add an AI integration.",
    ),
    (
        "How do I reach your support team or a person?",
        "Press \"Talk to a human\" under the messages, or write \"human\". The bot stops and the least busy online teammate takes the conversation.",
    ),
    (
        "Can my team take over a conversation from the bot?",
        "Yes. In the admin inbox, open the conversation and press \"Take over\", or simply reply: the bot stops answering and the conversation is yours.",
    ),
    (
        "How does the bot know what to answer? Knowledge sources",
        "Admins teach a bot on the Bots page: FAQ pairs, plain text, or a web page address that is fetched for it. The built-in engine answers from that knowledge, shows its sources, and says so when it does not know.",
    ),
    (
        "Can I connect OpenAI or another AI model?",
        "Yes. Add an integration on the Bots page with any OpenAI-compatible Chat Completions endpoint, its model and API key. The key is stored as a secret and never shown again. Without one, the built-in engine works offline.",
    ),
    (
        "Will the chat widget make my pages slower?",
        "No. The loader is about 2 KB and draws the launcher at once; the chat itself loads only when the visitor opens it or the browser is idle, inside a Shadow DOM so your page's styles are untouched.",
    ),
    (
        "What happens when nobody is online? Offline messages",
        "The widget shows the offline message and visitors can still write. Their messages are kept and your team sees them in the inbox when it is back.",
    ),
    (
        "Is there an API for developers?",
        "Yes: a REST API for conversations, messages, widgets and bots, a SignalR-compatible real-time hub at /hubs/chat, and POST /api/chat to ask a bot directly with streamed answers.",
    ),
    (
        "How do I run it locally for development?",
        "Run cargo xtask dev: it installs what is missing, builds, seeds this demo workspace and starts the server at http://127.0.0.1:8787 with wrangler dev.",
    ),
];

/// PBKDF2-SHA256 rounds: the most Workers' WebCrypto accepts, so the edge verifies natively.
pub const PBKDF2_ROUNDS: u32 = 100_000;

pub struct Login {
    pub email: &'static str,
    pub password: &'static str,
}

/// A PHC string: `$pbkdf2-sha256$i=100000,l=32$<salt>$<hash>`.
pub fn password_hash(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    let params = Params {
        rounds: PBKDF2_ROUNDS,
        output_length: 32,
    };
    Pbkdf2
        .hash_password_customized(
            password.as_bytes(),
            Some(Ident::new_unwrap("pbkdf2-sha256")),
            None,
            params,
            &salt,
        )
        .expect("PBKDF2 with fixed, valid parameters")
        .to_string()
}

/// `Parley-Signature` for `body` sent at `timestamp`: `t=<unix>,v1=<hex HMAC-SHA256(secret,
/// "<t>.<body>")>`, as a platform signs what it sends a webhook channel.
pub fn parley_signature(secret: &str, timestamp: i64, body: &str) -> String {
    use hmac::{Hmac, Mac};
    let mut mac =
        Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key");
    mac.update(format!("{timestamp}.{body}").as_bytes());
    let digest: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    format!("t={timestamp},v1={digest}")
}

fn text(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// The seed as SQL for `wrangler d1 execute --file`.
pub fn sql(now: &str) -> String {
    let user = |id: &str, login: &Login, name: &str, role: &str| {
        format!(
            "INSERT OR IGNORE INTO users (id, workspace_id, email, name, role, password_hash, created_at) VALUES ({}, {}, {}, {}, {}, {}, {});\n",
            text(id),
            text(WORKSPACE_ID),
            text(login.email),
            text(name),
            text(role),
            text(&password_hash(login.password)),
            text(now)
        )
    };
    let mut sql = format!(
        "INSERT OR IGNORE INTO workspaces (id, name, created_at) VALUES ({}, 'Demo Workspace', {});\n",
        text(WORKSPACE_ID),
        text(now)
    );
    sql += &user(ADMIN_ID, &ADMIN, "Ada Admin", "admin");
    sql += &user(AGENT_ID, &AGENT, "Alex Agent", "agent");
    sql += &user(SAM_ID, &SAM, "Sam Support", "agent");
    sql += &user(RILEY_ID, &RILEY, "Riley Rivera", "agent");
    sql += &format!(
        "INSERT OR IGNORE INTO widgets (id, workspace_id, name, title, welcome_message, ai_enabled, theme_color, auto_assign, offline_message, created_at) \
         VALUES ({}, {}, 'Demo site widget', 'Parley support', 'Hi! How can we help you today?', 0, '#4f46e5', 1, \
         'We''re offline right now. Leave a message and we''ll respond ASAP.', {});\n",
        text(WIDGET_ID),
        text(WORKSPACE_ID),
        text(now)
    );
    sql += &bot_sql(now);
    sql += &developer_sql(now);
    // On Growth for a year, so every demo feature (bots, seats, API rates) works. A demo made
    // before billing existed got the sign-up trial from the migration: it is replaced; a plan
    // paid in the demo since is kept.
    sql += &format!(
        "INSERT INTO subscriptions (workspace_id, plan_id, status, billing_interval, period_start, period_end, updated_at) \
         VALUES ({ws}, 'plan-growth', 'active', 'annual', {now}, strftime('%Y-%m-%dT%H:%M:%SZ', {now}, '+1 year'), {now}) \
         ON CONFLICT (workspace_id) DO UPDATE SET plan_id = excluded.plan_id, status = excluded.status, \
         billing_interval = excluded.billing_interval, period_start = excluded.period_start, \
         period_end = excluded.period_end, updated_at = excluded.updated_at \
         WHERE subscriptions.status = 'trialing';\n",
        ws = text(WORKSPACE_ID),
        now = text(now)
    );
    sql += &sub_account_sql(now);
    sql += &agent_loop_sql(now);
    sql
}

/// The demo bot, its FAQ indexed as the edge indexes FAQ sources (one chunk per pair:
/// `"{question}\n{answer}"` under the source's title), and the demo widget switched to it once
/// (a widget given a bot by hand keeps it).
fn bot_sql(now: &str) -> String {
    let settings = BotSettings {
        welcome_message: "Hi! I'm Parley Assistant. Ask me about Parley, or ask for a human."
            .to_owned(),
        ..BotSettings::default()
    };
    let settings = serde_json::to_string(&settings).expect("settings serialize");
    let mut sql = format!(
        "INSERT OR IGNORE INTO bots (id, workspace_id, name, description, status, settings, meta, created_at, updated_at) \
         VALUES ({}, {}, 'Parley Assistant', 'Answers questions about Parley from its FAQ', 'active', {}, '{{}}', {now}, {now});\n",
        text(BOT_ID),
        text(WORKSPACE_ID),
        text(&settings),
        now = text(now)
    );
    sql += &format!(
        "INSERT OR IGNORE INTO knowledge_sources (id, workspace_id, bot_id, kind, title, url, status, error, chunk_count, meta, created_at, updated_at) \
         VALUES ({}, {}, {}, 'faq', {}, NULL, 'active', NULL, {}, '{{}}', {now}, {now});\n",
        text(FAQ_SOURCE_ID),
        text(WORKSPACE_ID),
        text(BOT_ID),
        text(FAQ_TITLE),
        FAQ.len(),
        now = text(now)
    );
    sql += &format!(
        "DELETE FROM knowledge_chunks WHERE source_id = {};\n",
        text(FAQ_SOURCE_ID)
    );
    for pair in faq() {
        sql += &format!(
            "INSERT INTO knowledge_chunks (content, title, bot_id, source_id, url) VALUES ({}, {}, {}, {}, NULL);\n",
            text(&format!("{}\n{}", pair.question, pair.answer)),
            text(FAQ_TITLE),
            text(BOT_ID),
            text(FAQ_SOURCE_ID)
        );
    }
    sql += &format!(
        "UPDATE widgets SET ai_enabled = 1, bot_id = {} WHERE id = {} AND bot_id IS NULL;\n",
        text(BOT_ID),
        text(WIDGET_ID)
    );
    sql
}

/// A demo sub-account: its id, name, email, metadata, and its conversations and AI responses
/// in the current billing period.
struct SeededSubAccount {
    id: &'static str,
    name: &'static str,
    email: &'static str,
    meta: &'static str,
    conversations: u32,
    ai_responses: u32,
}

const SUB_ACCOUNTS: [SeededSubAccount; 2] = [
    SeededSubAccount {
        id: "3c1e9a7d-2b4f-4d8e-9a61-5e7f0b2c4d11",
        name: "Northwind Shop",
        email: "owner@northwind.example",
        meta: r#"{"customerId":"nw-1042","tier":"pro"}"#,
        conversations: 37,
        ai_responses: 52,
    },
    SeededSubAccount {
        id: "7a2f4c8e-1d3b-4e6a-8c5f-9b0d2e4f6a12",
        name: "Contoso Travel",
        email: "it@contoso.example",
        meta: r#"{"customerId":"ct-2210","tier":"starter"}"#,
        conversations: 12,
        ai_responses: 9,
    },
];

/// Two sub-accounts of the demo workspace with some use this billing period (counted in the
/// period the demo's plan is in), so the Sub-accounts screen and the billing breakdown open
/// on data.
fn sub_account_sql(now: &str) -> String {
    let mut sql = String::new();
    for child in &SUB_ACCOUNTS {
        sql += &format!(
            "INSERT OR IGNORE INTO workspaces (id, name, created_at) VALUES ({id}, {}, {created});
             INSERT OR IGNORE INTO sub_accounts (id, parent_id, email, meta, created_at, updated_at)              VALUES ({id}, {}, {}, {}, {created}, {created});
             INSERT OR IGNORE INTO usage_periods (workspace_id, period_start, conversations, ai_responses)              SELECT {id}, period_start, {}, {} FROM subscriptions WHERE workspace_id = {};
",
            text(child.name),
            text(WORKSPACE_ID),
            text(child.email),
            text(child.meta),
            child.conversations,
            child.ai_responses,
            text(WORKSPACE_ID),
            id = text(child.id),
            created = ago(now, "-20 days"),
        );
    }
    sql
}

/// A demo agent loop's past run: its id, how it started and ended, and its steps as
/// `(tool, input, output, error)`.
struct SeededRun {
    id: &'static str,
    trigger: &'static str,
    status: &'static str,
    reason: Option<&'static str>,
    output: Option<&'static str>,
    started: &'static str,
    steps: &'static [(
        &'static str,
        &'static str,
        &'static str,
        Option<&'static str>,
    )],
}

/// A demo agent loop for the demo bot (built-in engine: it runs offline) with its past runs.
struct SeededLoop {
    id: &'static str,
    name: &'static str,
    instructions: &'static str,
    tools: &'static str,
    allowed_hosts: &'static str,
    planned_steps: &'static str,
    runs: &'static [SeededRun],
}

const FAQ_SEARCH_OUTPUT: &str = r#"{"results":[{"title":"Parley FAQ","content":"How do I embed or install the chat widget on my website?\nPaste one script tag before </body> on every page of your site that should have the chat.","relevance":0.83}]}"#;

const AGENT_LOOPS: [SeededLoop; 2] = [
    SeededLoop {
        id: "4d2b6f8a-3c1e-4a7d-9b5f-0e8c2a4f6b21",
        name: "FAQ coverage check",
        instructions: "Check that the bot can still answer the questions visitors ask most: embedding the widget, pricing and where data is stored.",
        tools: r#"["search_knowledge"]"#,
        allowed_hosts: "[]",
        planned_steps: r#"[{"tool":"search_knowledge","input":{"query":"embed the widget on my site"}},{"tool":"search_knowledge","input":{"query":"how much does it cost"}},{"tool":"search_knowledge","input":{"query":"where is my data stored"}}]"#,
        runs: &[
            SeededRun {
                id: "8e4a2c6f-1b3d-4f5a-8c7e-9d0b1a2c3e31",
                trigger: "manual",
                status: "succeeded",
                reason: None,
                output: Some("Ran 3 planned steps."),
                started: "-2 days",
                steps: &[
                    (
                        "search_knowledge",
                        r#"{"query":"embed the widget on my site"}"#,
                        FAQ_SEARCH_OUTPUT,
                        None,
                    ),
                    (
                        "search_knowledge",
                        r#"{"query":"how much does it cost"}"#,
                        r#"{"results":[{"title":"Parley FAQ","content":"How much does it cost? What plans and pricing are there?\nIt is open source and free to self-host on your own Cloudflare account.","relevance":0.9}]}"#,
                        None,
                    ),
                    (
                        "search_knowledge",
                        r#"{"query":"where is my data stored"}"#,
                        r#"{"results":[{"title":"Parley FAQ","content":"Where is my data stored? Data location and privacy\nEverything stays in your own Cloudflare account.","relevance":0.88}]}"#,
                        None,
                    ),
                ],
            },
            SeededRun {
                id: "2f6c8a0e-4d1b-4e3f-9a5c-7b8d9e0f1a32",
                trigger: "manual",
                status: "canceled",
                reason: Some("canceled"),
                output: None,
                started: "-26 hours",
                steps: &[(
                    "search_knowledge",
                    r#"{"query":"embed the widget on my site"}"#,
                    FAQ_SEARCH_OUTPUT,
                    None,
                )],
            },
        ],
    },
    SeededLoop {
        id: "6a8c0e2f-5b3d-4c1a-8e7f-1d2b3c4a5e41",
        name: "Status page watch",
        instructions: "Read the status page; if something is down, look up what the FAQ tells visitors about outages.",
        tools: r#"["search_knowledge","http_request"]"#,
        allowed_hosts: r#"["status.example.com"]"#,
        planned_steps: r#"[{"tool":"http_request","input":{"method":"GET","url":"https://status.example.com/api/v2/status.json"}},{"tool":"search_knowledge","input":{"query":"what happens when nobody is online"}}]"#,
        runs: &[SeededRun {
            id: "9b1d3f5a-7c2e-4b6d-8f0a-2c4e6a8b0d42",
            trigger: "manual",
            status: "failed",
            reason: Some("tool_failed"),
            output: None,
            started: "-5 hours",
            steps: &[(
                "http_request",
                r#"{"method":"GET","url":"https://status.example.com/api/v2/status.json"}"#,
                "null",
                Some(
                    "the request to https://status.example.com/api/v2/status.json failed: could not connect",
                ),
            )],
        }],
    },
];

/// Two agent loops of the demo bot with a few past runs and their steps, so the Agent loops
/// screen opens on data; pressing Run runs them for real (offline: the status page of the
/// second is not reachable, so its run fails with the reason, as the seeded one did).
fn agent_loop_sql(now: &str) -> String {
    let mut sql = String::new();
    for seeded in &AGENT_LOOPS {
        sql += &format!(
            "INSERT OR IGNORE INTO agent_loops (id, workspace_id, bot_id, name, instructions, tools, allowed_hosts, max_steps, every_minutes, planned_steps, created_at, updated_at) \
             VALUES ({}, {}, {}, {}, {}, {}, {}, 10, NULL, {}, {created}, {created});\n",
            text(seeded.id),
            text(WORKSPACE_ID),
            text(BOT_ID),
            text(seeded.name),
            text(seeded.instructions),
            text(seeded.tools),
            text(seeded.allowed_hosts),
            text(seeded.planned_steps),
            created = ago(now, "-3 days"),
        );
        for run in seeded.runs {
            let started = ago(now, run.started);
            // Each run took a couple of seconds.
            let finished = format!(
                "strftime('%Y-%m-%dT%H:%M:%SZ', {}, {}, '+2 seconds')",
                text(now),
                text(run.started)
            );
            sql += &format!(
                "INSERT OR IGNORE INTO agent_loop_executions (id, workspace_id, loop_id, status, reason, trigger, engine, step_count, tokens, output, created_at, started_at, finished_at) \
                 VALUES ({}, {}, {}, {}, {}, {}, 'builtin', {}, 0, {}, {started}, {started}, {finished});\n",
                text(run.id),
                text(WORKSPACE_ID),
                text(seeded.id),
                text(run.status),
                run.reason.map_or("NULL".to_owned(), text),
                text(run.trigger),
                run.steps.len(),
                run.output.map_or("NULL".to_owned(), text),
            );
            for (index, (tool, input, output, error)) in run.steps.iter().enumerate() {
                let status = if error.is_some() {
                    "failed"
                } else {
                    "succeeded"
                };
                sql += &format!(
                    "INSERT OR IGNORE INTO agent_loop_steps (execution_id, step_index, kind, tool, input, output, status, error, tokens, duration_ms, started_at) \
                     VALUES ({}, {}, 'tool', {}, {}, {}, {}, {}, 0, {}, {started});\n",
                    text(run.id),
                    index + 1,
                    text(tool),
                    text(input),
                    text(output),
                    text(status),
                    error.map_or("NULL".to_owned(), text),
                    40 + 25 * index,
                );
            }
        }
    }
    sql
}

/// A moment `offset` from `now` (an SQLite modifier: `-3 days`), as the edge writes times.
fn ago(now: &str, offset: &str) -> String {
    format!(
        "strftime('%Y-%m-%dT%H:%M:%SZ', {}, {})",
        text(now),
        text(offset)
    )
}

/// The demo's developer platform, so the Developers screen opens on data: two API keys (one
/// in use) and two webhooks with a delivery history. None of it works from outside: the keys'
/// stored hashes are not SHA-256 of any key (so no secret opens them), and the webhooks point at
/// example.com, which nobody receives for: the CRM hook is paused, the alerts hook hears only of
/// integration failures, which the demo's built-in engine does not have. Resuming the CRM hook
/// shows real failed deliveries in its log.
fn developer_sql(now: &str) -> String {
    let key = |id: &str, name: &str, environment: &str, scope: &str, created: &str, used: &str| {
        format!(
            "INSERT OR IGNORE INTO api_keys (id, workspace_id, name, environment, scope, prefix, secret_hash, created_at, last_used_at) \
             VALUES ({}, {}, {}, {}, {}, {}, {}, {created}, {used});\n",
            text(id),
            text(WORKSPACE_ID),
            text(name),
            text(environment),
            text(scope),
            text(&format!("pk_{environment}_{}", &id[..4])),
            text(&format!("seeded without a secret: {id}")),
        )
    };
    let mut sql = key(
        CRM_KEY_ID,
        "CRM sync",
        "live",
        "read",
        &ago(now, "-13 days"),
        &ago(now, "-1 hours"),
    );
    sql += &key(
        STAGING_KEY_ID,
        "Staging test suite",
        "test",
        "full",
        &ago(now, "-6 days"),
        "NULL",
    );
    let webhook = |id: &str,
                   url: &str,
                   events: &[WebhookEvent],
                   active: bool,
                   created: &str,
                   dialect: WebhookDialect| {
        let events = serde_json::to_string(events).expect("events serialize");
        // Random, and kept by later seeds (INSERT OR IGNORE): it signs nothing anyone receives.
        let secret = format!("whsec_{}", SaltString::generate(&mut OsRng).as_str());
        format!(
            "INSERT OR IGNORE INTO webhooks (id, workspace_id, url, events, secret, active, created_at, dialect) \
             VALUES ({}, {}, {}, {}, {}, {}, {created}, {});\n",
            text(id),
            text(WORKSPACE_ID),
            text(url),
            text(&events),
            text(&secret),
            i32::from(active),
            text(dialect.as_str()),
        )
    };
    sql += &webhook(
        CRM_WEBHOOK_ID,
        "https://crm.example.com/hooks/parley",
        &[
            WebhookEvent::ConversationStarted,
            WebhookEvent::ConversationEnded,
            WebhookEvent::ConversationRated,
        ],
        false,
        &ago(now, "-13 days"),
        WebhookDialect::Parley,
    );
    sql += &webhook(
        ALERTS_WEBHOOK_ID,
        "https://alerts.example.com/parley",
        &[
            WebhookEvent::IntegrationFailed,
            WebhookEvent::ChannelDisconnected,
        ],
        true,
        &ago(now, "-6 days"),
        WebhookDialect::Parley,
    );
    // Made through RocketFlow's `/v1/webhooks` by a team moving over from RocketFlow; paused
    // until their receiver is ready.
    sql += &webhook(
        ROCKETFLOW_WEBHOOK_ID,
        "https://support-tools.example.com/webhooks/rocketflow",
        &[
            WebhookEvent::MessageReceived,
            WebhookEvent::ConversationStarted,
        ],
        false,
        &ago(now, "-2 days"),
        WebhookDialect::Rocketflow,
    );
    for delivery in DELIVERIES {
        sql += &delivery_sql(now, &delivery);
    }
    sql
}

const CRM_KEY_ID: &str = "7d41c2e9-5a6b-4f08-9c3e-1b2a4d6f8e10";
const STAGING_KEY_ID: &str = "2be8f5a1-9c7d-4e36-8b40-6d1f3a5c7e11";
const CRM_WEBHOOK_ID: &str = "c6a2e8f4-3b1d-4a7c-9e05-8f2d4b6a1c12";
const ALERTS_WEBHOOK_ID: &str = "4f9b1d7e-6c3a-4b82-a1e5-0d7c9f3b5a13";
const ROCKETFLOW_WEBHOOK_ID: &str = "9e3c5a7b-2d4f-4c16-b8a0-7f1e3d5b9c14";

/// One past delivery of a demo webhook, as the dispatcher would have logged it.
struct SeededDelivery {
    id: &'static str,
    webhook_id: &'static str,
    event: WebhookEvent,
    status: DeliveryStatus,
    attempts: u32,
    last_status_code: Option<u16>,
    last_error: Option<&'static str>,
    /// When it was queued, as an SQLite modifier of now.
    queued: &'static str,
}

const DELIVERIES: [SeededDelivery; 5] = [
    SeededDelivery {
        id: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c21",
        webhook_id: CRM_WEBHOOK_ID,
        event: WebhookEvent::ConversationStarted,
        status: DeliveryStatus::Delivered,
        attempts: 1,
        last_status_code: Some(200),
        last_error: None,
        queued: "-3 days",
    },
    SeededDelivery {
        id: "1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d22",
        webhook_id: CRM_WEBHOOK_ID,
        event: WebhookEvent::ConversationEnded,
        status: DeliveryStatus::Delivered,
        attempts: 3,
        last_status_code: Some(200),
        last_error: None,
        queued: "-70 hours",
    },
    SeededDelivery {
        id: "2c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e23",
        webhook_id: CRM_WEBHOOK_ID,
        event: WebhookEvent::ConversationRated,
        status: DeliveryStatus::Failed,
        attempts: 8,
        last_status_code: Some(503),
        last_error: Some("the receiver answered 503"),
        queued: "-2 days",
    },
    SeededDelivery {
        id: "3d4e5f6a-7b8c-4d9e-9f0a-2b3c4d5e6f24",
        webhook_id: CRM_WEBHOOK_ID,
        event: WebhookEvent::Test,
        status: DeliveryStatus::Delivered,
        attempts: 1,
        last_status_code: Some(200),
        last_error: None,
        queued: "-1 days",
    },
    SeededDelivery {
        id: "4e5f6a7b-8c9d-4e0f-8a1b-3c4d5e6f7a25",
        webhook_id: ALERTS_WEBHOOK_ID,
        event: WebhookEvent::Test,
        status: DeliveryStatus::Delivered,
        attempts: 1,
        last_status_code: Some(204),
        last_error: None,
        queued: "-6 days",
    },
];

fn delivery_sql(now: &str, delivery: &SeededDelivery) -> String {
    let queued = ago(now, delivery.queued);
    let payload = serde_json::json!({
        "id": delivery.id,
        "event": delivery.event,
        "workspaceId": WORKSPACE_ID,
        "timestamp": now,
        "data": { "webhookId": delivery.webhook_id },
    });
    format!(
        "INSERT OR IGNORE INTO webhook_deliveries (id, webhook_id, workspace_id, event, payload, status, attempts, last_status_code, last_error, created_at, updated_at) \
         VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {queued}, {queued});\n",
        text(delivery.id),
        text(delivery.webhook_id),
        text(WORKSPACE_ID),
        text(delivery.event.name()),
        text(&payload.to_string()),
        text(delivery.status.as_str()),
        delivery.attempts,
        delivery
            .last_status_code
            .map_or_else(|| "NULL".to_owned(), |code| code.to_string()),
        delivery.last_error.map_or_else(|| "NULL".to_owned(), text),
    )
}

fn faq() -> Vec<FaqPair> {
    FAQ.iter()
        .map(|(question, answer)| FaqPair {
            question: (*question).to_owned(),
            answer: (*answer).to_owned(),
        })
        .collect()
}

/// The KV key under which the edge caches the demo widget's settings; re-seeding drops it so
/// the widget's switch to the bot is read from D1.
pub fn widget_cache_key() -> String {
    format!("widget:{WIDGET_ID}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use password_hash::{PasswordHash, PasswordVerifier};

    #[test]
    fn hashes_verify_and_carry_their_parameters() {
        let phc = password_hash("correct horse");
        assert!(phc.starts_with("$pbkdf2-sha256$i=100000,l=32$"), "{phc}");
        let parsed = PasswordHash::new(&phc).unwrap();
        assert!(Pbkdf2.verify_password(b"correct horse", &parsed).is_ok());
        assert!(Pbkdf2.verify_password(b"wrong", &parsed).is_err());
        assert_ne!(
            phc,
            password_hash("correct horse"),
            "every hash has its own salt"
        );
    }

    #[test]
    fn the_demo_has_agent_loops_with_runs_whose_steps_are_json() {
        let sql = sql("2026-01-01T00:00:00Z");
        assert_eq!(sql.matches("INSERT OR IGNORE INTO agent_loops ").count(), 2);
        assert!(sql.contains("'failed', 'tool_failed'"));
        for seeded in &AGENT_LOOPS {
            let planned: serde_json::Value = serde_json::from_str(seeded.planned_steps).unwrap();
            assert!(planned.as_array().is_some_and(|steps| !steps.is_empty()));
            for run in seeded.runs {
                for (_, input, output, _) in run.steps {
                    serde_json::from_str::<serde_json::Value>(input).unwrap();
                    serde_json::from_str::<serde_json::Value>(output).unwrap();
                }
            }
        }
    }

    #[test]
    fn seed_has_one_workspace_four_members_in_two_roles_and_a_widget() {
        let sql = sql("2026-01-01T00:00:00Z");
        assert_eq!(sql.matches("INSERT OR IGNORE INTO users").count(), 4);
        assert!(sql.contains("'admin'") && sql.contains("'agent'"));
        assert!(sql.contains(WIDGET_ID));
        assert!(!sql.contains(ADMIN.password), "only hashes are stored");
        assert!(sql.contains("We''re offline"), "quotes are escaped");
        assert!(
            sql.contains("'plan-growth', 'active'"),
            "the demo is on Growth"
        );
    }

    #[test]
    fn the_demo_bot_knows_its_faq_one_chunk_per_pair_and_answers_the_widget() {
        let sql = sql("2026-01-01T00:00:00Z");
        assert!(FAQ.len() >= 10);
        let handoff = parley_shared_types::bot::HandoffRules::default();
        for (question, _) in FAQ {
            assert!(
                !handoff.asks_for_human(question),
                "{question:?} would hand the visitor over instead of being answered"
            );
        }
        assert_eq!(
            sql.matches("INSERT INTO knowledge_chunks").count(),
            FAQ.len()
        );
        assert!(
            sql.find("DELETE FROM knowledge_chunks").unwrap()
                < sql.find("INSERT INTO knowledge_chunks").unwrap(),
            "re-seeding replaces the chunks instead of doubling them"
        );
        assert!(sql.contains(&format!(
            "'faq', 'Parley FAQ', NULL, 'active', NULL, {}",
            FAQ.len()
        )));
        let (question, answer) = FAQ[0];
        assert!(sql.contains(&format!("'{question}\n{answer}'")));
        assert!(sql.contains(&format!("ai_enabled = 1, bot_id = '{BOT_ID}'")));
        let settings_json = sql
            .split("'active', '")
            .nth(1)
            .and_then(|rest| rest.split("', '{}'").next())
            .unwrap()
            .replace("''", "'");
        let settings: BotSettings = serde_json::from_str(&settings_json).unwrap();
        assert!(
            settings
                .welcome_message
                .starts_with("Hi! I'm Parley Assistant")
        );
    }

    #[test]
    fn the_demo_has_two_sub_accounts_with_use_counted_in_its_plans_period() {
        let sql = sql("2026-01-01T00:00:00Z");
        assert_eq!(sql.matches("INSERT OR IGNORE INTO sub_accounts").count(), 2);
        for child in &SUB_ACCOUNTS {
            assert!(sql.contains(&format!("VALUES ('{}', '{WORKSPACE_ID}'", child.id)));
            serde_json::from_str::<serde_json::Value>(child.meta).expect("meta is JSON");
        }
        assert!(
            sql.find("INSERT INTO subscriptions").unwrap()
                < sql.find("INSERT OR IGNORE INTO usage_periods").unwrap(),
            "usage is counted in the period of the plan seeded before it"
        );
    }

    #[test]
    fn the_developers_screen_has_keys_and_webhooks_with_a_log_but_nothing_usable() {
        let sql = sql("2026-01-01T00:00:00Z");
        assert_eq!(sql.matches("INSERT OR IGNORE INTO api_keys").count(), 2);
        for id in [CRM_KEY_ID, STAGING_KEY_ID] {
            assert!(
                sql.contains(&format!("'seeded without a secret: {id}'")),
                "no key's hash is SHA-256 of a key"
            );
        }
        assert_eq!(sql.matches("INSERT OR IGNORE INTO webhooks").count(), 3);
        assert!(
            sql.contains("'rocketflow');"),
            "one speaks RocketFlow's payload"
        );
        assert!(sql.contains("'https://crm.example.com/hooks/parley', '[\"conversation.started\""));
        let statuses: Vec<_> = DELIVERIES.iter().map(|d| d.status).collect();
        for status in [DeliveryStatus::Delivered, DeliveryStatus::Failed] {
            assert!(statuses.contains(&status), "the log shows {status:?}");
        }
        assert!(
            DELIVERIES
                .iter()
                .all(|d| [CRM_WEBHOOK_ID, ALERTS_WEBHOOK_ID].contains(&d.webhook_id))
        );
        assert_eq!(
            sql.matches("INSERT OR IGNORE INTO webhook_deliveries")
                .count(),
            DELIVERIES.len()
        );
        assert!(sql.contains("strftime('%Y-%m-%dT%H:%M:%SZ', '2026-01-01T00:00:00Z', '-2 days')"));
    }
}
