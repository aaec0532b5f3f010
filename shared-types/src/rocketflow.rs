//! RocketFlow's wire dialect (seed `000_…`), served under `/v1`: its snake_case bodies, its
//! error envelope and its webhook payload, each made from Parley's own types, so the dialect
//! only renames what Parley already answers.

use crate::analytics::{BotAnalytics, Granularity, TopQuestion};
use crate::bot::{Bot, BotStatus, KnowledgeKind, KnowledgeStatus, ResponseStyle, Source};
use crate::chat::{ChatHistory, ChatMessage, ChatRequest, ChatResponse, MAX_SESSION_ID_CHARS};
use crate::message::MAX_MESSAGE_CHARS;
use crate::problem::{ErrorCode, Problem};
use crate::validate::{FieldErrors, Validator};
use crate::webhook::{CreatedWebhook, WebhookEvent};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

/// Where RocketFlow clients point their base URL: `https://<parley>/v1`.
pub const BASE_PATH: &str = "/v1";
/// What RocketFlow's error details say of a field that is missing.
pub const REQUIRED: &str = "required";

/// `POST /v1/chat`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = RocketFlowChatRequest))]
pub struct SendMessageRequest {
    /// Missing reads as empty, so its absence is reported as RocketFlow reports it.
    #[serde(default)]
    pub message: String,
    /// A Parley bot id.
    #[serde(default)]
    pub chatbot_id: String,
    /// Continues a session; a new one starts when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Kept with the session (the latest one given) and given to the bot with each message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub context: Option<Map<String, Value>>,
}

impl SendMessageRequest {
    /// RocketFlow's field names; a missing `message` or `chatbot_id` is [`REQUIRED`].
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut check = Validator::new();
        for (field, value) in [("message", &self.message), ("chatbot_id", &self.chatbot_id)] {
            if value.trim().is_empty() {
                check.fail(field, REQUIRED);
            }
        }
        check.max_chars("message", &self.message, MAX_MESSAGE_CHARS);
        for (field, value) in [("session_id", &self.session_id), ("user_id", &self.user_id)] {
            if let Some(value) = value {
                check.text(field, value, MAX_SESSION_ID_CHARS);
            }
        }
        check.finish()
    }

    pub fn into_native(self) -> ChatRequest {
        ChatRequest {
            message: self.message,
            bot_id: self.chatbot_id,
            session_id: self.session_id,
            user_id: self.user_id,
            context: self.context,
        }
    }
}

/// The answer to [`SendMessageRequest`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = RocketFlowChatResponse))]
pub struct SendMessageResponse {
    pub response: String,
    pub session_id: String,
    pub message_id: String,
    pub timestamp: String,
    pub sources: Vec<Source>,
}

impl From<ChatResponse> for SendMessageResponse {
    fn from(answer: ChatResponse) -> Self {
        SendMessageResponse {
            response: answer.response,
            session_id: answer.session_id,
            message_id: answer.message_id,
            timestamp: answer.timestamp,
            sources: answer.sources,
        }
    }
}

/// `GET /v1/chat/history/{session_id}`: messages are `{id, type, content, timestamp,
/// sources}` in both dialects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = RocketFlowChatHistory))]
pub struct History {
    pub messages: Vec<ChatMessage>,
    pub total: u64,
    pub has_more: bool,
}

impl From<ChatHistory> for History {
    fn from(history: ChatHistory) -> Self {
        History {
            messages: history.messages,
            total: history.total,
            has_more: history.has_more,
        }
    }
}

/// A chatbot as `GET /v1/chatbots` lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = RocketFlowChatbot))]
pub struct Chatbot {
    pub id: String,
    pub name: String,
    pub description: String,
    pub status: BotStatus,
    pub created_at: String,
    pub updated_at: String,
}

impl From<&Bot> for Chatbot {
    fn from(bot: &Bot) -> Self {
        Chatbot {
            id: bot.id.clone(),
            name: bot.name.clone(),
            description: bot.description.clone(),
            status: bot.status,
            created_at: bot.created_at.clone(),
            updated_at: bot.updated_at.clone(),
        }
    }
}

/// `GET /v1/chatbots`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = RocketFlowChatbotList))]
pub struct ChatbotList {
    pub chatbots: Vec<Chatbot>,
    pub total: u64,
}

/// `GET /v1/chatbots/{chatbot_id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = RocketFlowChatbotDetails))]
pub struct ChatbotDetails {
    #[serde(flatten)]
    pub chatbot: Chatbot,
    pub settings: ChatbotSettings,
    pub knowledge_sources: Vec<KnowledgeSourceSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = RocketFlowChatbotSettings))]
pub struct ChatbotSettings {
    pub welcome_message: String,
    pub response_style: ResponseStyle,
    pub max_tokens: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = RocketFlowKnowledgeSource))]
pub struct KnowledgeSourceSummary {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: KnowledgeKind,
    /// The page a `website` source was read from; `null` for text and FAQ sources.
    pub url: Option<String>,
    pub status: KnowledgeStatus,
}

impl From<Bot> for ChatbotDetails {
    fn from(bot: Bot) -> Self {
        let knowledge_sources = bot
            .knowledge_sources
            .iter()
            .flatten()
            .map(|source| KnowledgeSourceSummary {
                id: source.id.clone(),
                kind: source.kind,
                url: source.url.clone(),
                status: source.status,
            })
            .collect();
        ChatbotDetails {
            chatbot: Chatbot::from(&bot),
            settings: ChatbotSettings {
                welcome_message: bot.settings.welcome_message,
                response_style: bot.settings.response_style,
                max_tokens: bot.settings.max_tokens,
            },
            knowledge_sources,
        }
    }
}

/// `GET /v1/analytics/chatbots/{chatbot_id}`: the seed's figures plus the granularity and
/// Parley's rates (definitions in [`crate::analytics`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = RocketFlowAnalytics))]
pub struct Analytics {
    pub period: AnalyticsPeriod,
    pub granularity: Granularity,
    pub metrics: AnalyticsMetrics,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = RocketFlowAnalyticsPeriod))]
pub struct AnalyticsPeriod {
    pub start_date: String,
    pub end_date: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = RocketFlowAnalyticsMetrics))]
pub struct AnalyticsMetrics {
    pub total_conversations: u64,
    pub total_messages: u64,
    /// Seconds; `null` without answers.
    pub average_response_time: Option<f64>,
    /// 1–5; `null` without ratings.
    pub user_satisfaction: Option<f64>,
    pub top_questions: Vec<TopQuestion>,
    pub total_questions: u64,
    pub handoff_rate: f64,
    pub unanswered_rate: f64,
}

impl From<BotAnalytics> for Analytics {
    fn from(report: BotAnalytics) -> Self {
        let metrics = report.metrics;
        Analytics {
            period: AnalyticsPeriod {
                start_date: report.period.start_date,
                end_date: report.period.end_date,
            },
            granularity: report.granularity,
            metrics: AnalyticsMetrics {
                total_conversations: metrics.total_conversations,
                total_messages: metrics.total_messages,
                average_response_time: metrics.average_response_time,
                user_satisfaction: metrics.user_satisfaction,
                top_questions: metrics.top_questions,
                total_questions: metrics.total_questions,
                handoff_rate: metrics.handoff_rate,
                unanswered_rate: metrics.unanswered_rate,
            },
        }
    }
}

/// The answer to `POST /v1/webhooks` (whose body, `{url, events, secret}`, is Parley's
/// `CreateWebhookRequest`): the only time the secret is shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = RocketFlowWebhook))]
pub struct Webhook {
    pub id: String,
    pub url: String,
    pub events: Vec<WebhookEvent>,
    pub secret: String,
    pub active: bool,
    pub created_at: String,
}

impl From<CreatedWebhook> for Webhook {
    fn from(created: CreatedWebhook) -> Self {
        let hook = created.webhook;
        Webhook {
            id: hook.id,
            url: hook.url,
            events: hook.events,
            secret: created.secret,
            active: hook.active,
            created_at: hook.created_at,
        }
    }
}

/// What a webhook created through `/v1/webhooks` receives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = RocketFlowWebhookPayload))]
pub struct WebhookPayload {
    pub event: WebhookEvent,
    pub data: WebhookData,
    pub timestamp: String,
}

/// The seed's `data`; what an event has no value for is `null` (a conversation event has no
/// message, a widget conversation no chatbot unless a bot answers it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = RocketFlowWebhookData))]
pub struct WebhookData {
    pub message_id: Option<String>,
    pub chatbot_id: Option<String>,
    pub session_id: Option<String>,
    pub user_id: Option<String>,
    pub content: Option<String>,
    pub timestamp: String,
}

impl WebhookPayload {
    /// RocketFlow's payload for an event whose Parley `data` is `native`: a chat session's
    /// event (`sessionId`, `botId`, `userId`, `messageId`), a conversation's message (`id`,
    /// `conversationId`, `senderId`) or a conversation (`id`, `visitorId`, `botId`).
    pub fn from_native(event: WebhookEvent, native: &Value, timestamp: &str) -> Self {
        let text = |keys: &[&str]| {
            keys.iter()
                .find_map(|key| native.get(*key).and_then(Value::as_str))
                .map(str::to_owned)
        };
        let about_a_message = matches!(
            event,
            WebhookEvent::MessageReceived | WebhookEvent::MessageSent | WebhookEvent::BotMessage
        );
        let (message_keys, session_keys): (&[&str], &[&str]) = if about_a_message {
            (&["messageId", "id"], &["sessionId", "conversationId"])
        } else {
            (&["messageId"], &["sessionId", "conversationId", "id"])
        };
        WebhookPayload {
            event,
            data: WebhookData {
                message_id: text(message_keys),
                chatbot_id: text(&["botId"]),
                session_id: text(session_keys),
                user_id: text(&["userId", "visitorId", "senderId"]),
                content: text(&["content"]),
                timestamp: text(&["timestamp", "createdAt", "startedAt"])
                    .unwrap_or_else(|| timestamp.to_owned()),
            },
            timestamp: timestamp.to_owned(),
        }
    }
}

/// RocketFlow's error codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = RocketFlowErrorCode))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RocketFlowCode {
    InvalidRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    RateLimited,
    ServerError,
}

impl RocketFlowCode {
    pub const ALL: [RocketFlowCode; 6] = [
        RocketFlowCode::InvalidRequest,
        RocketFlowCode::Unauthorized,
        RocketFlowCode::Forbidden,
        RocketFlowCode::NotFound,
        RocketFlowCode::RateLimited,
        RocketFlowCode::ServerError,
    ];

    /// The code as the wire writes it (`INVALID_REQUEST`).
    pub fn as_str(self) -> &'static str {
        match self {
            RocketFlowCode::InvalidRequest => "INVALID_REQUEST",
            RocketFlowCode::Unauthorized => "UNAUTHORIZED",
            RocketFlowCode::Forbidden => "FORBIDDEN",
            RocketFlowCode::NotFound => "NOT_FOUND",
            RocketFlowCode::RateLimited => "RATE_LIMITED",
            RocketFlowCode::ServerError => "SERVER_ERROR",
        }
    }

    /// The status the seed gives the code.
    pub fn status(self) -> u16 {
        match self {
            RocketFlowCode::InvalidRequest => 400,
            RocketFlowCode::Unauthorized => 401,
            RocketFlowCode::Forbidden => 403,
            RocketFlowCode::NotFound => 404,
            RocketFlowCode::RateLimited => 429,
            RocketFlowCode::ServerError => 500,
        }
    }

    /// The RocketFlow code of a Parley problem and the status to answer it with: the seed's
    /// status for the seed's codes; what the seed has no code for (a wrong method, a slow
    /// body, a conflict) keeps its own status under `INVALID_REQUEST`.
    pub fn of(code: ErrorCode) -> (RocketFlowCode, u16) {
        let rocketflow = match code {
            ErrorCode::BadRequest
            | ErrorCode::ValidationFailed
            | ErrorCode::MethodNotAllowed
            | ErrorCode::RequestTimeout
            | ErrorCode::Conflict
            | ErrorCode::PayloadTooLarge
            | ErrorCode::UnsupportedMediaType => RocketFlowCode::InvalidRequest,
            ErrorCode::Unauthorized => RocketFlowCode::Unauthorized,
            // Without a paid plan the workspace lacks the permission.
            ErrorCode::Forbidden | ErrorCode::NoSubscription => RocketFlowCode::Forbidden,
            ErrorCode::NotFound => RocketFlowCode::NotFound,
            ErrorCode::RateLimited | ErrorCode::LimitsReached => RocketFlowCode::RateLimited,
            ErrorCode::ServerError => RocketFlowCode::ServerError,
        };
        let status = match code {
            ErrorCode::MethodNotAllowed
            | ErrorCode::RequestTimeout
            | ErrorCode::Conflict
            | ErrorCode::PayloadTooLarge
            | ErrorCode::UnsupportedMediaType => code.status(),
            _ => rocketflow.status(),
        };
        (rocketflow, status)
    }
}

/// `{"error": {"code", "message", "details"}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = RocketFlowError))]
pub struct ErrorEnvelope {
    pub error: ErrorBody,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = RocketFlowErrorBody))]
pub struct ErrorBody {
    pub code: RocketFlowCode,
    pub message: String,
    /// For a bad field, `field` and `reason` (the first; `fields` has every one); always
    /// `trace_id`, which finds the request in Parley's logs.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub details: Value,
}

impl ErrorEnvelope {
    /// The envelope for a Parley problem, and the status to answer it with.
    pub fn from_problem(problem: &Problem) -> (ErrorEnvelope, u16) {
        let (code, status) = RocketFlowCode::of(problem.code);
        let mut details = json!({ "trace_id": problem.trace_id });
        let first = problem
            .errors
            .iter()
            .find_map(|(field, reasons)| Some((field.clone(), reasons.first()?.clone())))
            .or_else(|| missing_field(&problem.detail).map(|f| (f, REQUIRED.to_owned())));
        if let Some((field, reason)) = first {
            details["field"] = json!(field);
            details["reason"] = json!(reason);
        }
        if !problem.errors.is_empty() {
            details["fields"] = json!(problem.errors);
        }
        let body = ErrorBody {
            code,
            message: problem.detail.clone(),
            details,
        };
        (ErrorEnvelope { error: body }, status)
    }
}

/// The field a JSON reader found missing, from its message ("missing field `chatbot_id`").
fn missing_field(detail: &str) -> Option<String> {
    let (_, rest) = detail.split_once("missing field `")?;
    let (field, _) = rest.split_once('`')?;
    Some(field.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::{AnalyticsPeriod as NativePeriod, BotMetrics, RatingCounts};
    use crate::bot::{BotSettings, KnowledgeSource};

    #[test]
    fn the_seeds_chat_body_reads_and_becomes_parleys() {
        let body = json!({
          "message": "Hello, how can I help you?",
          "chatbot_id": "chatbot_123",
          "session_id": "session_456",
          "user_id": "user_789",
          "context": {
            "page_url": "https://example.com/products",
            "user_agent": "Mozilla/5.0..."
          }
        });
        let request: SendMessageRequest = serde_json::from_value(body).unwrap();
        assert!(request.validate().is_ok());
        let native = request.into_native();
        assert_eq!(native.bot_id, "chatbot_123");
        assert_eq!(native.session_id.as_deref(), Some("session_456"));
        assert_eq!(native.user_id.as_deref(), Some("user_789"));
        assert_eq!(
            native.context.unwrap()["page_url"],
            "https://example.com/products"
        );
    }

    #[test]
    fn missing_fields_are_required_in_rocketflows_names() {
        let request: SendMessageRequest =
            serde_json::from_value(json!({"message": "Hi", "session_id": " "})).unwrap();
        let errors = request.validate().unwrap_err();
        assert_eq!(errors["chatbot_id"], [REQUIRED]);
        assert!(errors.contains_key("session_id"));
        assert!(!errors.contains_key("message"));
    }

    #[test]
    fn a_validation_problem_becomes_invalid_request_with_the_field() {
        let mut errors = FieldErrors::new();
        errors.insert("chatbot_id".into(), vec![REQUIRED.into()]);
        let problem = Problem::new(
            ErrorCode::ValidationFailed,
            "the request is not valid",
            "t-1",
        )
        .with_errors(errors);
        let (envelope, status) = ErrorEnvelope::from_problem(&problem);
        assert_eq!(status, 400);
        let wire = serde_json::to_value(&envelope).unwrap();
        assert_eq!(wire["error"]["code"], "INVALID_REQUEST");
        assert_eq!(wire["error"]["message"], "the request is not valid");
        assert_eq!(wire["error"]["details"]["field"], "chatbot_id");
        assert_eq!(wire["error"]["details"]["reason"], "required");
        assert_eq!(wire["error"]["details"]["trace_id"], "t-1");
    }

    #[test]
    fn a_json_readers_missing_field_is_named_too() {
        let problem = Problem::new(
            ErrorCode::BadRequest,
            "Failed to deserialize the JSON body into the target type: missing field `url` at line 1 column 2",
            "t",
        );
        let (envelope, status) = ErrorEnvelope::from_problem(&problem);
        assert_eq!(
            (envelope.error.code, status),
            (RocketFlowCode::InvalidRequest, 400)
        );
        assert_eq!(envelope.error.details["field"], "url");
        assert_eq!(envelope.error.details["reason"], "required");
    }

    #[test]
    fn codes_are_written_as_the_seed_writes_them() {
        for code in RocketFlowCode::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
        }
    }

    #[test]
    fn every_parley_code_has_a_rocketflow_code() {
        for code in ErrorCode::ALL {
            let (rocketflow, status) = RocketFlowCode::of(code);
            assert!(status >= 400, "{code:?}");
            if RocketFlowCode::ALL
                .iter()
                .any(|c| c.status() == code.status())
            {
                assert_eq!(rocketflow.status(), status, "{code:?}");
            }
        }
        assert_eq!(
            RocketFlowCode::of(ErrorCode::LimitsReached),
            (RocketFlowCode::RateLimited, 429)
        );
        assert_eq!(
            RocketFlowCode::of(ErrorCode::MethodNotAllowed),
            (RocketFlowCode::InvalidRequest, 405)
        );
    }

    #[test]
    fn a_chat_sessions_event_becomes_the_seeds_payload() {
        let native = json!({"sessionId": "session_456", "botId": "b1", "userId": "user_789",
            "messageId": "m1", "content": "Hello, I need help with my order",
            "timestamp": "2024-01-15T10:30:00Z"});
        let payload = WebhookPayload::from_native(
            WebhookEvent::MessageReceived,
            &native,
            "2024-01-15T10:30:01Z",
        );
        assert_eq!(
            serde_json::to_value(&payload).unwrap(),
            json!({"event": "message.received", "data": {"message_id": "m1", "chatbot_id": "b1",
                "session_id": "session_456", "user_id": "user_789",
                "content": "Hello, I need help with my order", "timestamp": "2024-01-15T10:30:00Z"},
                "timestamp": "2024-01-15T10:30:01Z"})
        );
    }

    #[test]
    fn widget_messages_and_conversations_map_their_own_ids() {
        let message = json!({"id": "m2", "conversationId": "c1", "senderId": "v1",
            "content": "hi", "createdAt": "2024-01-15T10:30:00Z"});
        let data = WebhookPayload::from_native(WebhookEvent::MessageReceived, &message, "now").data;
        assert_eq!(
            (
                data.message_id.as_deref(),
                data.session_id.as_deref(),
                data.user_id.as_deref()
            ),
            (Some("m2"), Some("c1"), Some("v1"))
        );
        let conversation = json!({"id": "c1", "visitorId": "v1", "botId": null,
            "startedAt": "2024-01-15T10:00:00Z"});
        let data =
            WebhookPayload::from_native(WebhookEvent::ConversationStarted, &conversation, "now")
                .data;
        assert_eq!(data.message_id, None);
        assert_eq!(data.session_id.as_deref(), Some("c1"));
        assert_eq!(data.chatbot_id, None);
        assert_eq!(data.timestamp, "2024-01-15T10:00:00Z");
    }

    #[test]
    fn chatbot_details_carry_settings_and_knowledge_sources() {
        let source = KnowledgeSource {
            id: "source_123".into(),
            bot_id: "chatbot_123".into(),
            kind: KnowledgeKind::Website,
            title: "Docs".into(),
            url: Some("https://example.com/docs".into()),
            status: KnowledgeStatus::Active,
            error: None,
            chunk_count: 3,
            meta: Map::new(),
            created_at: "2024-01-01T00:00:00Z".into(),
            updated_at: "2024-01-01T00:00:00Z".into(),
        };
        let bot = Bot {
            id: "chatbot_123".into(),
            workspace_id: "w".into(),
            name: "Customer Support Bot".into(),
            description: "AI assistant for customer support".into(),
            status: BotStatus::Active,
            last_error: None,
            settings: BotSettings::default(),
            meta: Map::new(),
            created_at: "2024-01-01T00:00:00Z".into(),
            updated_at: "2024-01-15T10:30:00Z".into(),
            knowledge_sources: Some(vec![source]),
        };
        let wire = serde_json::to_value(ChatbotDetails::from(bot)).unwrap();
        assert_eq!(wire["id"], "chatbot_123");
        assert_eq!(wire["status"], "active");
        assert_eq!(wire["settings"]["response_style"], "friendly");
        assert!(wire["settings"]["welcome_message"].is_string());
        assert!(wire["settings"]["max_tokens"].is_u64());
        assert_eq!(
            wire["knowledge_sources"],
            json!([{"id": "source_123", "type": "website", "url": "https://example.com/docs",
                "status": "active"}])
        );
        assert_eq!(wire["created_at"], "2024-01-01T00:00:00Z");
    }

    #[test]
    fn analytics_keep_the_seeds_names() {
        let report = BotAnalytics {
            period: NativePeriod {
                start_date: "2024-01-01T00:00:00Z".into(),
                end_date: "2024-01-31T23:59:59Z".into(),
            },
            granularity: Granularity::Week,
            metrics: BotMetrics {
                total_conversations: 1250,
                total_messages: 3750,
                average_response_time: Some(1.2),
                user_satisfaction: Some(4.5),
                top_questions: vec![TopQuestion {
                    question: "How do I reset my password?".into(),
                    count: 45,
                }],
                handoff_rate: 0.1,
                unanswered_rate: 0.2,
                total_questions: 900,
                ratings: RatingCounts::default(),
            },
            series: Vec::new(),
        };
        let wire = serde_json::to_value(Analytics::from(report)).unwrap();
        assert_eq!(wire["period"]["start_date"], "2024-01-01T00:00:00Z");
        assert_eq!(wire["metrics"]["total_conversations"], 1250);
        assert_eq!(wire["metrics"]["average_response_time"], 1.2);
        assert_eq!(wire["metrics"]["top_questions"][0]["count"], 45);
    }
}
