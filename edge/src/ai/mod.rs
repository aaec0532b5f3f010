//! Answer engines. A bot answers with the built-in engine (its knowledge, no network) unless
//! its settings name an OpenAI-compatible integration. Either way the answer streams through
//! a callback, so the hub and `/api/chat` show it as it is written.

pub mod builtin;
pub mod chunk;
pub mod context;
pub mod html;
pub mod ingest;
pub mod openai;
pub mod retrieval;
pub mod small_talk;
pub mod tool_calling;

use crate::clock::now_rfc3339;
use crate::domain::billing;
use crate::error::ApiResult;
use crate::store::billing::Counter;
use crate::store::{self, bots, bots::BotRow, bots::Health, bots::IntegrationRow};
use crate::webhooks::{self, Defer};
use context::Turn;
use parley_shared_types::bot::{BotSettings, IntegrationKind, ResponseStyle, Source};
use parley_shared_types::webhook::WebhookEvent;
use serde_json::json;
use worker::{D1Database, Env};

/// How the bot did.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Answered,
    /// Its knowledge had nothing on the question: it said so and offered a human.
    Unknown,
    /// Its integration failed (the reason is recorded on the bot); it answered with the
    /// handoff message.
    Failed(Failure),
}

/// Why the model endpoint failed: words safe to show an admin (never the key), and the
/// status it answered with, if it answered, so a caller can tell a provider's rate limit.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub reason: String,
    pub upstream_status: Option<u16>,
}

impl Failure {
    /// The provider refused for its rate limit (429), after Parley's own retries.
    pub fn rate_limited(&self) -> bool {
        self.upstream_status == Some(429)
    }
}

impl From<String> for Failure {
    fn from(reason: String) -> Self {
        Failure {
            reason,
            upstream_status: None,
        }
    }
}

impl From<&str> for Failure {
    fn from(reason: &str) -> Self {
        Failure::from(reason.to_owned())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub text: String,
    pub sources: Vec<Source>,
    pub outcome: Outcome,
}

impl Answer {
    /// Whether the bot could not help and a person should be offered or brought in.
    pub fn offers_human(&self) -> bool {
        self.outcome != Outcome::Answered
    }
}

/// Answers `question` as `bot`, given the conversation so far (oldest first).
pub async fn answer(
    env: &Env,
    defer: &dyn Defer,
    bot: &BotRow,
    history: &[Turn],
    question: &str,
    on_token: &mut dyn FnMut(&str),
) -> ApiResult<Answer> {
    // Each answer is one of the plan's AI responses; one not given (a failure) is given back.
    let charged = billing::charge(env, &bot.workspace_id, Counter::AiResponses).await?;
    let answer = engine_answer(env, defer, bot, history, question, on_token).await;
    let given = matches!(&answer, Ok(a) if !matches!(a.outcome, Outcome::Failed(_)));
    if !given {
        charged.refund(env).await;
    }
    answer
}

async fn engine_answer(
    env: &Env,
    defer: &dyn Defer,
    bot: &BotRow,
    history: &[Turn],
    question: &str,
    on_token: &mut dyn FnMut(&str),
) -> ApiResult<Answer> {
    let db = store::db(env)?;
    let settings = bot.settings();
    let retrieved = retrieval::retrieve(&db, &bot.id, question).await?;
    let Some(integration) = openai_integration(&db, bot).await? else {
        return Ok(answer_builtin(&settings, question, &retrieved, on_token));
    };
    let knowledge: Vec<&retrieval::Retrieved> = retrieved
        .iter()
        .filter(|c| c.relevance >= retrieval::ANSWER_RELEVANCE / 2.0)
        .collect();
    let texts: Vec<String> = knowledge.iter().map(|c| c.content.clone()).collect();
    let prompt = context::fit(
        integration.context_window.max(0) as u32,
        settings.max_tokens,
        &system_prompt(&settings),
        &texts,
        history,
        question,
    );
    let used: Vec<retrieval::Retrieved> = knowledge[..prompt.knowledge_used]
        .iter()
        .map(|c| (*c).clone())
        .collect();
    let result = openai::complete(
        crate::outbound::policy(env, crate::outbound::Purpose::Fetch),
        &integration,
        &prompt,
        on_token,
    )
    .await;
    let failure = result.as_ref().err().map(|f| &f.reason);
    record_health(&db, bot, &integration, failure).await?;
    if let Some(reason) = failure {
        let data = json!({ "botId": bot.id, "integrationId": integration.id, "error": reason });
        let event = WebhookEvent::IntegrationFailed;
        webhooks::emit(env, defer, &bot.workspace_id, event, &data);
    }
    Ok(match result {
        Ok(text) => Answer {
            text,
            sources: retrieval::sources(&used),
            outcome: Outcome::Answered,
        },
        Err(failure) => Answer {
            text: settings.handoff.message,
            sources: Vec::new(),
            outcome: Outcome::Failed(failure),
        },
    })
}

/// The bot's OpenAI-compatible integration, if its settings name one; `None` is the built-in
/// engine.
pub async fn openai_integration(
    db: &D1Database,
    bot: &BotRow,
) -> ApiResult<Option<IntegrationRow>> {
    let Some(id) = bot.settings().integration_id else {
        return Ok(None);
    };
    Ok(bots::find_integration(db, &bot.workspace_id, &id)
        .await?
        .filter(|i| i.bot_id == bot.id && i.kind() == IntegrationKind::Openai))
}

fn answer_builtin(
    settings: &BotSettings,
    question: &str,
    retrieved: &[retrieval::Retrieved],
    on_token: &mut dyn FnMut(&str),
) -> Answer {
    let composed = builtin::compose(question, retrieved, settings.response_style);
    let (full, sources, outcome) = match (small_talk::reply(question), composed) {
        // A greeting or thanks is answered as such, citing nothing.
        (Some(reply), _) => (reply.to_owned(), Vec::new(), Outcome::Answered),
        (None, Some(text)) => (text, retrieval::sources(retrieved), Outcome::Answered),
        (None, None) => (builtin::DONT_KNOW.to_owned(), Vec::new(), Outcome::Unknown),
    };
    // The bot's max tokens bound the answer; the built-in engine's tokens are words.
    let mut text = String::new();
    for token in builtin::tokens(&full).take(settings.max_tokens as usize) {
        on_token(token);
        text.push_str(token);
    }
    Answer {
        text: text.trim_end().to_owned(),
        sources,
        outcome,
    }
}

/// Who the bot is: its system prompt, or a support assistant's role.
pub fn role(settings: &BotSettings) -> &str {
    if settings.system_prompt.trim().is_empty() {
        "You are a helpful customer support assistant."
    } else {
        settings.system_prompt.trim()
    }
}

fn system_prompt(settings: &BotSettings) -> String {
    let role = role(settings);
    let style = match settings.response_style {
        ResponseStyle::Friendly => "Answer in a warm, friendly tone.",
        ResponseStyle::Concise => "Answer in as few words as possible.",
        ResponseStyle::Formal => "Answer in a formal, professional tone.",
    };
    format!(
        "{role} {style} Use the numbered knowledge below when it is relevant. If it does not contain the answer, say you don't know and offer to connect the user with a human."
    )
}

/// Puts the bot and integration in `error` with the reason, or back to `active`; writes only
/// when that changes something.
async fn record_health(
    db: &D1Database,
    bot: &BotRow,
    integration: &IntegrationRow,
    failure: Option<&String>,
) -> ApiResult<()> {
    let failure = failure.map(String::as_str);
    let healthy_now = failure.is_none();
    let now = now_rfc3339();
    let reports = [
        (Health::Bot, &bot.id, &bot.status, &bot.last_error),
        (
            Health::Integration,
            &integration.id,
            &integration.status,
            &integration.last_error,
        ),
    ];
    for (of, id, status, last_error) in reports {
        if (status == "active") != healthy_now || last_error.as_deref() != failure {
            bots::set_health(db, of, &bot.workspace_id, id, failure, &now).await?;
        }
    }
    if let Some(reason) = failure {
        worker::console_warn!(
            "bot {} integration {} failed: {reason}",
            bot.id,
            integration.id
        );
    }
    Ok(())
}
