//! ChatBotKit's wire dialect (`/v1`): its resources, lists, completion stream and error
//! envelope, as its API and Node SDK name them. Each converts to or from Parley's own types;
//! the rules (lengths, metadata size) stay those of the native inputs.

use crate::bot::{BotInput, BotSettingsInput, KnowledgeKind, KnowledgeSourceInput, MetaChange};
use crate::page::ListQuery;
use crate::validate::{FieldErrors, MAX_NAME_CHARS, Validator};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A sub-account (`/v1/partner/user/…`): a child workspace of the caller's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CbkPartnerUser {
    /// What `X-RunAs-UserId` takes.
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub meta: Map<String, Value>,
    /// Milliseconds since the Unix epoch.
    pub created_at: i64,
    pub updated_at: i64,
}

/// A bot: Parley's bot; `backstory` is its system prompt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CbkBot {
    pub id: String,
    pub name: String,
    pub description: String,
    pub backstory: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub meta: Map<String, Value>,
    /// Milliseconds since the Unix epoch, as ChatBotKit writes times.
    pub created_at: i64,
    pub updated_at: i64,
}

/// `POST /v1/bot/create` and `POST /v1/bot/{botId}/update`: what is sent changes; `meta`
/// replaces the metadata, `$update` merges into it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CbkBotInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backstory: Option<String>,
    #[serde(flatten)]
    pub meta: MetaChange,
}

impl From<CbkBotInput> for BotInput {
    fn from(input: CbkBotInput) -> Self {
        BotInput {
            name: input.name,
            description: input.description,
            settings: input.backstory.map(|backstory| BotSettingsInput {
                system_prompt: Some(backstory),
                ..BotSettingsInput::default()
            }),
            meta: input.meta,
        }
    }
}

/// A conversation: a Parley developer chat with a bot (the sessions of `/api/chat` and
/// `/api/chats`), answered by that bot's engine and knowledge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CbkConversation {
    pub id: String,
    pub name: String,
    pub bot_id: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub meta: Map<String, Value>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// `POST /v1/conversation/create` (`botId` required: a Parley chat is always with a bot) and
/// `POST /v1/conversation/{conversationId}/update` (`name` and metadata).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CbkConversationInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(format = "uuid"))]
    pub bot_id: Option<String>,
    #[serde(flatten)]
    pub meta: MetaChange,
}

impl CbkConversationInput {
    /// A chat's rules: creating needs the `botId`; metadata stays within its bound.
    pub fn validate(&self, creating: bool) -> Result<(), FieldErrors> {
        let mut check = Validator::new();
        check_bot_id(
            &mut check,
            self.bot_id.as_deref(),
            creating,
            "a conversation",
        );
        if let Some(name) = &self.name {
            check.text("name", name, MAX_NAME_CHARS);
        }
        self.meta.check(&mut check);
        check.finish()
    }
}

/// A dataset: one Parley knowledge source of its bot (`botId`), learned from `text`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CbkDataset {
    pub id: String,
    pub name: String,
    pub bot_id: String,
    /// How many records (chunks) the bot learned from it.
    pub records: u32,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub meta: Map<String, Value>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// `POST /v1/dataset/create` (`botId` and `text` required) and
/// `POST /v1/dataset/{datasetId}/update` (a new `text` is learned in place of the old).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CbkDatasetInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(format = "uuid"))]
    pub bot_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(flatten)]
    pub meta: MetaChange,
}

impl CbkDatasetInput {
    /// A text knowledge source's rules: creating needs the `botId` and the `text`.
    pub fn validate(&self, creating: bool) -> Result<(), FieldErrors> {
        let mut check = Validator::new();
        check_bot_id(&mut check, self.bot_id.as_deref(), creating, "a dataset");
        if creating && self.text.is_none() {
            check.fail("text", "is required: what the bot learns");
        }
        if let Some(name) = &self.name {
            check.text("name", name, MAX_NAME_CHARS);
        }
        if let Some(source) = self.knowledge(None) {
            check.merge(source.validate());
        }
        self.meta.check(&mut check);
        check.finish()
    }

    /// The text knowledge source this dataset's `text` makes, named by `name`.
    pub fn knowledge(&self, name: Option<String>) -> Option<KnowledgeSourceInput> {
        let text = self.text.clone()?;
        Some(KnowledgeSourceInput {
            kind: KnowledgeKind::Text,
            title: name,
            content: Some(text),
            faqs: None,
            url: None,
            meta: None,
        })
    }
}

/// `botId` names the bot `what` belongs to: needed to create it, never changed after.
fn check_bot_id(check: &mut Validator, bot_id: Option<&str>, creating: bool, what: &str) {
    match (bot_id, creating) {
        (Some(bot_id), true) => {
            check.uuid("botId", bot_id);
        }
        (None, true) => check.fail("botId", format!("is required: {what} is of one bot")),
        (Some(_), false) => check.fail("botId", format!("{what} stays with its bot")),
        (None, false) => {}
    }
}

/// Who wrote a message: the caller (`user`) or the bot side (`bot`, also a person's reply).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum CbkMessageType {
    User,
    Bot,
}

/// A conversation's message; a bot's answer names its sources in `meta.sources`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CbkMessage {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: CbkMessageType,
    pub text: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub meta: Map<String, Value>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// Every `/v1/{resource}/list`: the items, and the `cursor` to pass for the next ones
/// (absent after the last).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CbkList<T> {
    pub items: Vec<T>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

/// One line of a list streamed as JSON lines (`Accept: application/jsonl`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", content = "data", rename_all = "lowercase")]
pub enum CbkListLine<T> {
    Item(T),
}

/// A list's query: `cursor` is the id of the last item already seen, `take` the page size.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct CbkListQuery {
    #[cfg_attr(feature = "openapi", param(format = "uuid"))]
    pub cursor: Option<String>,
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    pub take: Option<u32>,
}

impl From<CbkListQuery> for ListQuery {
    fn from(query: CbkListQuery) -> Self {
        ListQuery {
            page: None,
            limit: query.take,
            cursor: query.cursor,
        }
    }
}

/// What create, update and delete answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CbkId {
    pub id: String,
}

/// `POST /v1/conversation/{conversationId}/complete`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CbkCompleteRequest {
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 4000, pattern = r"\S")
    )]
    pub text: String,
}

/// The tokens an exchange used; the built-in engine's tokens are words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CbkUsage {
    pub token: u32,
}

/// Why a completion ended: `stop` when the bot answered, `error` when its engine failed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CbkEnd {
    pub reason: String,
}

/// The bot's answer: the stored message's id and text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CbkCompleteResult {
    pub id: String,
    pub text: String,
    pub usage: CbkUsage,
    pub end: CbkEnd,
}

/// The completion as JSON lines: `token` events as the answer is written, then `result`
/// (or `error`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", content = "data", rename_all = "lowercase")]
pub enum CbkStreamEvent {
    Token { token: String },
    Result(CbkCompleteResult),
    Error(CbkError),
}

/// ChatBotKit's error body: `code` is one of its codes (`NOT_FOUND`, …) or a scoped one
/// (`OPENAI_TOO_MANY_REQUESTS`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CbkError {
    pub message: String,
    pub code: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn inputs_read_chatbotkit_bodies_with_meta_and_update() {
        let bot: CbkBotInput = serde_json::from_value(json!({
            "name": "Support", "backstory": "You help.", "$update": {"tier": 2}
        }))
        .unwrap();
        let native = BotInput::from(bot);
        assert_eq!(native.name.as_deref(), Some("Support"));
        assert_eq!(
            native.settings.unwrap().system_prompt.as_deref(),
            Some("You help.")
        );
        assert_eq!(native.meta.update.unwrap()["tier"], 2);
        assert_eq!(native.meta.meta, None);
    }

    #[test]
    fn stream_events_and_list_lines_have_chatbotkit_shapes() {
        let token = CbkStreamEvent::Token { token: "Hi".into() };
        assert_eq!(
            serde_json::to_value(&token).unwrap(),
            json!({"type": "token", "data": {"token": "Hi"}})
        );
        let result = CbkStreamEvent::Result(CbkCompleteResult {
            id: "m".into(),
            text: "Hi".into(),
            usage: CbkUsage { token: 1 },
            end: CbkEnd {
                reason: "stop".into(),
            },
        });
        assert_eq!(
            serde_json::to_value(&result).unwrap(),
            json!({"type": "result", "data": {"id": "m", "text": "Hi", "usage": {"token": 1},
                   "end": {"reason": "stop"}}})
        );
        let line = CbkListLine::Item(CbkId { id: "x".into() });
        assert_eq!(
            serde_json::to_value(&line).unwrap(),
            json!({"type": "item", "data": {"id": "x"}})
        );
    }

    #[test]
    fn a_dataset_text_is_a_text_knowledge_source() {
        let input = CbkDatasetInput {
            text: Some("We open at nine.".into()),
            ..CbkDatasetInput::default()
        };
        let source = input.knowledge(Some("Hours".into())).unwrap();
        assert_eq!(source.kind, KnowledgeKind::Text);
        assert_eq!(source.title.as_deref(), Some("Hours"));
        assert!(source.validate().is_ok());
        assert!(CbkDatasetInput::default().knowledge(None).is_none());
    }

    #[test]
    fn creating_needs_the_bot_and_updating_keeps_it() {
        let bot_id = "0b5c1a4e-54b1-4f55-9d0a-7f3c2d1e0a9b".to_owned();
        let dataset = CbkDatasetInput {
            bot_id: Some(bot_id.clone()),
            text: Some("We open at nine.".into()),
            ..CbkDatasetInput::default()
        };
        assert!(dataset.validate(true).is_ok());
        let errors = CbkDatasetInput::default().validate(true).unwrap_err();
        assert!(errors.contains_key("botId") && errors.contains_key("text"));
        assert!(dataset.validate(false).unwrap_err().contains_key("botId"));

        let conversation = CbkConversationInput {
            bot_id: Some(bot_id),
            ..CbkConversationInput::default()
        };
        assert!(conversation.validate(true).is_ok());
        assert!(conversation.validate(false).is_err());
        let renamed = CbkConversationInput {
            name: Some("Renamed".into()),
            ..CbkConversationInput::default()
        };
        assert!(renamed.validate(false).is_ok());
        assert!(renamed.validate(true).unwrap_err().contains_key("botId"));
    }
}
