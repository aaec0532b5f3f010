//! Bots, their AI integrations and knowledge sources (RocketFlow chatbots + knowledge sources,
//! ChatbotPlatform integrations), and ChatBotKit's `meta` on every resource.

use crate::validate::{FieldErrors, MAX_NAME_CHARS, Validator, is_uuid};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub const DEFAULT_BOT_WELCOME: &str = "Hi! I'm a bot. Ask me anything, or ask for a human.";
/// Promises no time: when nobody is online it must still be true beside the offline banner.
pub const DEFAULT_HANDOFF_MESSAGE: &str =
    "I'm handing you over to a human colleague. They will reply here as soon as they can.";
/// Phrases that, in a visitor's message, ask for a person instead of the bot.
pub const DEFAULT_HANDOFF_KEYWORDS: [&str; 4] = ["human", "agent", "real person", "operator"];
pub const DEFAULT_MAX_TOKENS: u32 = 500;
pub const MAX_MAX_TOKENS: u32 = 8192;
pub const MAX_SYSTEM_PROMPT_CHARS: usize = 4000;
pub const MAX_DESCRIPTION_CHARS: usize = 500;
/// Serialized size limit of any resource's `meta`.
pub const MAX_META_BYTES: usize = 4096;
/// Default context window of an OpenAI-compatible model, in tokens.
pub const DEFAULT_CONTEXT_WINDOW: u32 = 8192;
pub const MIN_CONTEXT_WINDOW: u32 = 256;
pub const MAX_KNOWLEDGE_TEXT_CHARS: usize = 200_000;
pub const MAX_FAQ_PAIRS: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum BotStatus {
    /// Answering normally.
    Active,
    /// Its integration failed last time; `lastError` says why. Conversations go to humans.
    Error,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ResponseStyle {
    #[default]
    Friendly,
    Concise,
    Formal,
}

/// What the bot does after drafting a reply in a developer chat (FlowGen's human input mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HumanInputMode {
    /// Replies go out at once.
    #[default]
    Never,
    /// Each reply waits for a person's confirmation (`POST /api/chats/{id}/input`).
    Always,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct BotSettings {
    pub welcome_message: String,
    pub response_style: ResponseStyle,
    pub max_tokens: u32,
    pub system_prompt: String,
    /// The integration that answers; `null` is the built-in engine.
    pub integration_id: Option<String>,
    /// When to hand a conversation to a human.
    pub handoff: HandoffRules,
    pub human_input_mode: HumanInputMode,
}

impl Default for BotSettings {
    fn default() -> Self {
        BotSettings {
            welcome_message: DEFAULT_BOT_WELCOME.to_owned(),
            response_style: ResponseStyle::default(),
            max_tokens: DEFAULT_MAX_TOKENS,
            system_prompt: String::new(),
            integration_id: None,
            handoff: HandoffRules::default(),
            human_input_mode: HumanInputMode::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct HandoffRules {
    /// A visitor message containing one of these (case-insensitive) goes to a human.
    pub keywords: Vec<String>,
    /// Also hand off when the bot finds nothing relevant to answer with.
    pub on_unknown: bool,
    /// What the bot says when it hands over.
    pub message: String,
}

impl Default for HandoffRules {
    fn default() -> Self {
        HandoffRules {
            keywords: DEFAULT_HANDOFF_KEYWORDS.map(str::to_owned).to_vec(),
            on_unknown: false,
            message: DEFAULT_HANDOFF_MESSAGE.to_owned(),
        }
    }
}

impl HandoffRules {
    /// Whether a visitor's message asks for a person.
    pub fn asks_for_human(&self, message: &str) -> bool {
        let message = message.to_lowercase();
        self.keywords.iter().any(|keyword| {
            let keyword = keyword.trim().to_lowercase();
            !keyword.is_empty() && contains_word(&message, &keyword)
        })
    }
}

/// `needle` in `text` not inside a longer word ("agent" in "agents" counts, in "reagent" not).
fn contains_word(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(at, _)| {
        text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Bot {
    pub id: String,
    pub workspace_id: String,
    pub name: String,
    pub description: String,
    pub status: BotStatus,
    pub last_error: Option<String>,
    pub settings: BotSettings,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub meta: Map<String, Value>,
    pub created_at: String,
    pub updated_at: String,
    /// On `GET /api/bots/{id}` only, as RocketFlow's chatbot details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub knowledge_sources: Option<Vec<KnowledgeSource>>,
}

/// Partial settings: only what is given changes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BotSettingsInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub welcome_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_style: Option<ResponseStyle>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_tokens: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_prompt: Option<String>,
    /// `null` switches back to the built-in engine.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "double_option"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = "uuid"))]
    pub integration_id: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handoff: Option<HandoffRules>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub human_input_mode: Option<HumanInputMode>,
}

impl BotSettingsInput {
    pub fn apply_to(self, settings: &mut BotSettings) {
        let BotSettingsInput {
            welcome_message,
            response_style,
            max_tokens,
            system_prompt,
            integration_id,
            handoff,
            human_input_mode,
        } = self;
        if let Some(v) = welcome_message {
            settings.welcome_message = v;
        }
        if let Some(v) = response_style {
            settings.response_style = v;
        }
        if let Some(v) = max_tokens {
            settings.max_tokens = v;
        }
        if let Some(v) = system_prompt {
            settings.system_prompt = v;
        }
        if let Some(v) = integration_id {
            settings.integration_id = v;
        }
        if let Some(v) = handoff {
            settings.handoff = v;
        }
        if let Some(v) = human_input_mode {
            settings.human_input_mode = v;
        }
    }

    fn check(&self, check: &mut Validator) {
        if let Some(text) = &self.welcome_message {
            check.text("settings.welcomeMessage", text, MAX_DESCRIPTION_CHARS);
        }
        if let Some(tokens) = self.max_tokens
            && !(1..=MAX_MAX_TOKENS).contains(&tokens)
        {
            check.fail(
                "settings.maxTokens",
                format!("must be between 1 and {MAX_MAX_TOKENS}"),
            );
        }
        if let Some(prompt) = &self.system_prompt {
            check.max_chars("settings.systemPrompt", prompt, MAX_SYSTEM_PROMPT_CHARS);
        }
        if let Some(Some(id)) = &self.integration_id
            && !is_uuid(id)
        {
            check.fail("settings.integrationId", "must be a UUID or null");
        }
        if let Some(handoff) = &self.handoff {
            check.text(
                "settings.handoff.message",
                &handoff.message,
                MAX_DESCRIPTION_CHARS,
            );
            if handoff.keywords.len() > 50 {
                check.fail("settings.handoff.keywords", "at most 50 keywords");
            }
        }
    }
}

/// How a resource's `meta` changes (ChatBotKit): `meta` replaces it, `$update` merges into it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MetaChange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub meta: Option<Map<String, Value>>,
    #[serde(default, rename = "$update", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub update: Option<Map<String, Value>>,
}

impl MetaChange {
    /// The metadata after this change: replaced first, then merged key by key.
    pub fn apply(&self, existing: Map<String, Value>) -> Map<String, Value> {
        let mut meta = self.meta.clone().unwrap_or(existing);
        if let Some(update) = &self.update {
            meta.extend(update.clone());
        }
        meta
    }

    pub(crate) fn check(&self, check: &mut Validator) {
        for (field, map) in [("meta", &self.meta), ("$update", &self.update)] {
            if let Some(map) = map {
                let bytes = serde_json::to_string(map).map_or(usize::MAX, |s| s.len());
                if bytes > MAX_META_BYTES {
                    check.fail(
                        field,
                        format!("must be at most {MAX_META_BYTES} bytes of JSON (got {bytes})"),
                    );
                }
            }
        }
    }
}

/// `POST /api/bots` (name required) and `PATCH /api/bots/{id}` (only what changes).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct BotInput {
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 100, pattern = r"\S")
    )]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<BotSettingsInput>,
    #[serde(flatten)]
    pub meta: MetaChange,
}

impl BotInput {
    pub fn validate(&self, creating: bool) -> Result<(), FieldErrors> {
        let mut check = Validator::new();
        match &self.name {
            Some(name) => {
                check.text("name", name, MAX_NAME_CHARS);
            }
            None if creating => check.fail("name", "is required"),
            None => {}
        }
        if let Some(description) = &self.description {
            check.max_chars("description", description, MAX_DESCRIPTION_CHARS);
        }
        if let Some(settings) = &self.settings {
            settings.check(&mut check);
        }
        self.meta.check(&mut check);
        check.finish()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum IntegrationKind {
    /// Answers from the bot's knowledge with no network and no keys.
    Builtin,
    /// Any OpenAI-compatible Chat Completions endpoint.
    Openai,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum IntegrationStatus {
    Active,
    Error,
}

/// An AI backend connection. The API key is write-only: responses say only whether one is set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Integration {
    pub id: String,
    pub bot_id: String,
    pub kind: IntegrationKind,
    pub name: String,
    pub base_url: Option<String>,
    pub model: Option<String>,
    pub context_window: u32,
    pub has_api_key: bool,
    pub status: IntegrationStatus,
    pub last_error: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub meta: Map<String, Value>,
    pub created_at: String,
    pub updated_at: String,
}

/// `POST /api/bots/{botId}/integrations` and `PATCH /api/integrations/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct IntegrationInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<IntegrationKind>,
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 100, pattern = r"\S")
    )]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// e.g. `https://api.openai.com/v1`; `/chat/completions` is appended.
    #[cfg_attr(feature = "openapi", schema(pattern = "^https?://"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 100, pattern = r"\S")
    )]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key: Option<String>,
    #[cfg_attr(feature = "openapi", schema(minimum = 256))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_window: Option<u32>,
    #[serde(flatten)]
    pub meta: MetaChange,
}

impl IntegrationInput {
    /// `kind` is what the integration is (or becomes); `creating` requires the basics.
    pub fn validate(&self, kind: IntegrationKind, creating: bool) -> Result<(), FieldErrors> {
        let mut check = Validator::new();
        if let Some(name) = &self.name {
            check.text("name", name, MAX_NAME_CHARS);
        }
        if let Some(url) = &self.base_url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            check.fail("baseUrl", "must be an http(s) URL");
        }
        if let Some(model) = &self.model {
            check.text("model", model, MAX_NAME_CHARS);
        }
        if let Some(key) = &self.api_key {
            check.max_chars("apiKey", key, 500);
        }
        if let Some(window) = self.context_window
            && window < MIN_CONTEXT_WINDOW
        {
            check.fail(
                "contextWindow",
                format!("must be at least {MIN_CONTEXT_WINDOW} tokens"),
            );
        }
        if creating && kind == IntegrationKind::Openai {
            for (field, given) in [
                ("baseUrl", self.base_url.is_some()),
                ("model", self.model.is_some()),
            ] {
                if !given {
                    check.fail(field, "is required for an OpenAI-compatible integration");
                }
            }
        }
        self.meta.check(&mut check);
        check.finish()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum KnowledgeKind {
    Text,
    Faq,
    /// A web page, fetched at the edge and reduced to text.
    Website,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum KnowledgeStatus {
    Processing,
    Active,
    Error,
}

impl KnowledgeStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            KnowledgeStatus::Processing => "processing",
            KnowledgeStatus::Active => "active",
            KnowledgeStatus::Error => "error",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct KnowledgeSource {
    pub id: String,
    pub bot_id: String,
    #[serde(rename = "type")]
    pub kind: KnowledgeKind,
    pub title: String,
    pub url: Option<String>,
    pub status: KnowledgeStatus,
    /// Why it is in `error`.
    pub error: Option<String>,
    pub chunk_count: u32,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub meta: Map<String, Value>,
    pub created_at: String,
    pub updated_at: String,
}

/// `GET /api/knowledge-sources/{id}/chunks`: the text the bot searches, chunk by chunk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KnowledgeChunks {
    pub chunks: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FaqPair {
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 1000, pattern = r"\S")
    )]
    pub question: String,
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 10000, pattern = r"\S")
    )]
    pub answer: String,
}

/// `POST /api/bots/{botId}/knowledge-sources`: `text` needs `content`, `faq` needs `faqs`,
/// `website` needs `url`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct KnowledgeSourceInput {
    #[serde(rename = "type")]
    pub kind: KnowledgeKind,
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 100, pattern = r"\S")
    )]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 500))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub faqs: Option<Vec<FaqPair>>,
    #[cfg_attr(feature = "openapi", schema(pattern = "^https?://", max_length = 2000))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub meta: Option<Map<String, Value>>,
}

impl KnowledgeSourceInput {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut check = Validator::new();
        if let Some(title) = &self.title {
            check.text("title", title, MAX_NAME_CHARS);
        }
        match self.kind {
            KnowledgeKind::Text => match &self.content {
                Some(content) => {
                    check.text("content", content, MAX_KNOWLEDGE_TEXT_CHARS);
                }
                None => check.fail("content", "is required for text"),
            },
            KnowledgeKind::Faq => match &self.faqs {
                Some(faqs) if faqs.is_empty() => check.fail("faqs", "must not be empty"),
                Some(faqs) if faqs.len() > MAX_FAQ_PAIRS => {
                    check.fail("faqs", format!("at most {MAX_FAQ_PAIRS} pairs"))
                }
                Some(faqs) => {
                    for (i, pair) in faqs.iter().enumerate() {
                        check.text(&format!("faqs[{i}].question"), &pair.question, 1000);
                        check.text(&format!("faqs[{i}].answer"), &pair.answer, 10_000);
                    }
                }
                None => check.fail("faqs", "is required for faq"),
            },
            KnowledgeKind::Website => match &self.url {
                Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
                    check.max_chars("url", url, 2000);
                }
                Some(_) => check.fail("url", "must be an http(s) URL"),
                None => check.fail("url", "is required for website"),
            },
        }
        MetaChange {
            meta: self.meta.clone(),
            update: None,
        }
        .check(&mut check);
        check.finish()
    }
}

/// Where an answer came from (RocketFlow): `relevance` is 0–1, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Source {
    pub title: String,
    pub url: Option<String>,
    pub relevance: f64,
}

/// Tells a present-but-null field (`"integrationId": null`) from an absent one.
pub(crate) mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(
        value: &Option<Option<T>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        value.as_ref().and_then(Option::as_ref).serialize(s)
    }

    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(d).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn meta_replaces_and_update_merges() {
        let existing = json!({"a": 1, "b": 2}).as_object().unwrap().clone();
        let merge: MetaChange =
            serde_json::from_value(json!({"$update": {"b": 3, "c": 4}})).unwrap();
        assert_eq!(
            Value::Object(merge.apply(existing.clone())),
            json!({"a": 1, "b": 3, "c": 4})
        );
        let replace: MetaChange = serde_json::from_value(json!({"meta": {"z": true}})).unwrap();
        assert_eq!(
            Value::Object(replace.apply(existing.clone())),
            json!({"z": true})
        );
        assert_eq!(MetaChange::default().apply(existing.clone()), existing);
    }

    #[test]
    fn bot_input_reads_meta_and_update_beside_its_fields() {
        let input: BotInput = serde_json::from_value(json!({
            "name": "Support", "meta": {"team": "eu"}, "$update": {"tier": 2},
            "settings": {"integrationId": null, "maxTokens": 200}
        }))
        .unwrap();
        assert_eq!(input.meta.meta.as_ref().unwrap()["team"], "eu");
        assert_eq!(input.meta.update.as_ref().unwrap()["tier"], 2);
        let settings = input.settings.clone().unwrap();
        assert_eq!(settings.integration_id, Some(None));
        let mut current = BotSettings {
            integration_id: Some("x".into()),
            ..BotSettings::default()
        };
        settings.apply_to(&mut current);
        assert_eq!((current.integration_id, current.max_tokens), (None, 200));
        assert!(input.validate(true).is_ok());
    }

    #[test]
    fn bot_input_rejections() {
        let errors = BotInput {
            settings: Some(BotSettingsInput {
                max_tokens: Some(0),
                integration_id: Some(Some("nope".into())),
                ..Default::default()
            }),
            ..Default::default()
        }
        .validate(true)
        .unwrap_err();
        assert_eq!(
            errors.keys().collect::<Vec<_>>(),
            ["name", "settings.integrationId", "settings.maxTokens"]
        );
    }

    #[test]
    fn handoff_keywords_match_whole_words_at_the_start() {
        let rules = HandoffRules::default();
        assert!(rules.asks_for_human("Can I talk to a HUMAN please?"));
        assert!(rules.asks_for_human("agents?"));
        assert!(!rules.asks_for_human("what reagent do you use"));
        assert!(!rules.asks_for_human("how do refunds work"));
    }

    #[test]
    fn knowledge_input_needs_what_its_type_needs() {
        let website: KnowledgeSourceInput =
            serde_json::from_value(json!({"type": "website", "url": "ftp://x"})).unwrap();
        assert!(website.validate().unwrap_err().contains_key("url"));
        let faq: KnowledgeSourceInput = serde_json::from_value(json!({
            "type": "faq", "faqs": [{"question": "Q?", "answer": " "}]
        }))
        .unwrap();
        assert!(faq.validate().unwrap_err().contains_key("faqs[0].answer"));
        let text: KnowledgeSourceInput =
            serde_json::from_value(json!({"type": "text", "content": "Refunds take 5 days."}))
                .unwrap();
        assert!(text.validate().is_ok());
    }

    #[test]
    fn openai_integrations_need_an_endpoint_and_model() {
        let errors = IntegrationInput::default()
            .validate(IntegrationKind::Openai, true)
            .unwrap_err();
        assert_eq!(errors.keys().collect::<Vec<_>>(), ["baseUrl", "model"]);
        assert!(
            IntegrationInput::default()
                .validate(IntegrationKind::Builtin, true)
                .is_ok()
        );
    }
}
