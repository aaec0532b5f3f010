//! The OpenAPI 3.1 description of this API, generated from the handlers' `#[utoipa::path]`
//! annotations and the shared types (so it cannot drift from them), served at
//! `/api/openapi.json`; `/api/docs` is Swagger UI on it, served from this deployment's own
//! static files.
//!
//! A new route: annotate its handler with `#[utoipa::path(…, responses(…, Problems))]` and add
//! it to `paths(…)` below; its types need `cfg_attr(feature = "openapi", derive(ToSchema))`.

use super::dialects::chatbotkit;
use super::dialects::rocketflow;
use super::extract::Params;
use super::problem::Problems;
use super::{
    admin, agent_loops, analytics, api_keys, attachments, auth, billing, bots, canned_responses,
    channels, chat, chats, contacts, conversations, dev, follow_up, health, hub, integrations,
    knowledge, labels, messages, ratings, sub_accounts, users, webhooks, widgets,
};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use parley_shared_types::agent_loop::AgentLoopCompleted;
use parley_shared_types::chat::ChatStreamEvent;
use parley_shared_types::chatbotkit::{CbkError, CbkStreamEvent};
use parley_shared_types::problem::{ErrorCode, Problem};
use parley_shared_types::rocketflow::{ErrorEnvelope, WebhookPayload as RocketFlowPayload};
use std::cell::RefCell;
use std::collections::HashMap;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

/// The security scheme names (also spelt out in `security(…)` above, which takes literals).
const BEARER: &str = "bearer";
const API_KEY: &str = "apiKey";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Parley API",
        description = "Live chat and AI chatbot platform at the edge. Errors are RFC 9457 problem JSON with a stable `code` and a `traceId`. Authenticated answers carry X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset; 429 adds Retry-After. Lists take page + limit (alias per_page) or cursor, and answer JSON lines for `Accept: application/jsonl`."
    ),
    paths(
        auth::sign_up, auth::verify, auth::token, auth::current_user, dev::outbox,
        health::get,
        api_keys::list, api_keys::create, api_keys::revoke,
        webhooks::list, webhooks::create, webhooks::get, webhooks::update, webhooks::remove,
        webhooks::deliveries, webhooks::send_test, webhooks::rotate_secret,
        users::list, users::create, users::update, users::remove,
        widgets::list, widgets::create, widgets::get, widgets::update, widgets::config,
        widgets::rotate_identity_secret, widgets::remove_identity_secret, widgets::check_identity,
        widgets::admin_list, widgets::admin_create,
        conversations::start, conversations::list, conversations::get, conversations::close,
        conversations::assign, conversations::reopen, conversations::admin_list,
        conversations::hand_off, conversations::remove, conversations::of_bot, ratings::rate,
        labels::list, labels::create, labels::get, labels::update, labels::remove,
        labels::attach, labels::detach,
        canned_responses::list, canned_responses::create, canned_responses::get,
        canned_responses::update, canned_responses::remove,
        contacts::list, contacts::get, contacts::update, contacts::remove, contacts::export,
        sub_accounts::list, sub_accounts::create, sub_accounts::get, sub_accounts::update,
        sub_accounts::remove,
        chatbotkit::partner::list, chatbotkit::partner::create, chatbotkit::partner::fetch,
        chatbotkit::partner::update, chatbotkit::partner::delete,
        analytics::bot, analytics::agents,
        billing::plans, billing::current, billing::checkout, billing::portal, billing::add_agent,
        billing::remove_agent, billing::invoices, billing::checkout_paymob, billing::checkout_fawry,
        billing::stripe_webhook, billing::paymob_callback, billing::fawry_notification,
        bots::list, bots::create, bots::get, bots::update, bots::remove,
        integrations::list, integrations::create, integrations::get, integrations::update,
        integrations::remove,
        channels::list, channels::create, channels::get, channels::update, channels::remove,
        channels::telegram_update, channels::inbound,
        knowledge::list, knowledge::create, knowledge::get, knowledge::replace, knowledge::chunks, knowledge::remove,
        agent_loops::list, agent_loops::create, agent_loops::get, agent_loops::update,
        agent_loops::remove, agent_loops::run, agent_loops::executions, agent_loops::execution,
        agent_loops::cancel,
        chat::send, chat::history,
        chats::list, chats::create, chats::get, chats::remove, chats::messages, chats::send,
        chats::input,
        messages::create, messages::list, messages::mark_read,
        attachments::upload, attachments::download,
        follow_up::subscribe, follow_up::resume, follow_up::unsubscribe_page, follow_up::unsubscribe,
        admin::conversation_stats, admin::message_stats, admin::widget_stats, admin::daily,
        hub::negotiate, hub::connect,
        rocketflow::send_message, rocketflow::history, rocketflow::list_chatbots,
        rocketflow::get_chatbot, rocketflow::analytics, rocketflow::create_webhook,
        spec, docs,
        chatbotkit::spec,
        chatbotkit::bots::list, chatbotkit::bots::create, chatbotkit::bots::fetch,
        chatbotkit::bots::update, chatbotkit::bots::delete,
        chatbotkit::conversations::list, chatbotkit::conversations::create,
        chatbotkit::conversations::fetch, chatbotkit::conversations::update,
        chatbotkit::conversations::delete, chatbotkit::conversations::messages,
        chatbotkit::complete::complete,
        chatbotkit::datasets::list, chatbotkit::datasets::create, chatbotkit::datasets::fetch,
        chatbotkit::datasets::update, chatbotkit::datasets::delete,
    ),
    components(schemas(Problem, ErrorCode, AgentLoopCompleted, ChatStreamEvent, SpecDocument, ErrorEnvelope, RocketFlowPayload, CbkError, CbkStreamEvent)),
    tags((name = "RocketFlow", description = "RocketFlow's API (base URL `/v1`): snake_case bodies, errors as `{\"error\": {\"code\", \"message\", \"details\"}}`, `X-RateLimit-Reset` as a Unix time. A webhook created with `POST /v1/webhooks` receives `RocketFlowWebhookPayload` bodies, signed with `Parley-Signature`.")),
    modifiers(&Security, &CreatesNeedNames, &RunAs),
    security(("bearer" = []), ("apiKey" = [])),
)]
pub struct ApiDoc;

/// JWTs and API keys as bearer tokens, and API keys in `X-API-KEY` (or `Authorization: Token`).
struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            BEARER,
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An agent's or admin's access token (JWT from /auth/v1/token), or an API key (pk_live_… / pk_test_…)",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            API_KEY,
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-API-KEY",
                "An API key; `Authorization: Token <key>` is accepted too",
            ))),
        );
    }
}

/// Creating a bot or a widget needs its `name`, which its input (shared with the update,
/// where everything is optional) cannot require: each create's body says so on top of it.
struct CreatesNeedNames;

/// The operations whose body must carry a `name` (each `POST`).
const NAMED_CREATES: [&str; 3] = ["/api/bots", "/api/widgets", "/api/admin/widgets"];

impl Modify for CreatesNeedNames {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::schema::{AllOfBuilder, ObjectBuilder};
        for path in NAMED_CREATES {
            let bodies = openapi
                .paths
                .paths
                .get_mut(path)
                .and_then(|item| item.post.as_mut())
                .and_then(|create| create.request_body.as_mut());
            for content in bodies
                .into_iter()
                .flat_map(|body| body.content.values_mut())
            {
                if let Some(input) = content.schema.take() {
                    let named = AllOfBuilder::new()
                        .item(input)
                        .item(ObjectBuilder::new().required("name"))
                        .build();
                    content.schema = Some(utoipa::openapi::Schema::AllOf(named).into());
                }
            }
        }
    }
}

/// `X-RunAs-UserId` (ChatBotKit's user assumption): every operation that takes a credential
/// takes it, so it is described on each.
struct RunAs;

impl Modify for RunAs {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        let header = ParameterBuilder::new()
            .name("X-RunAs-UserId")
            .parameter_in(ParameterIn::Header)
            .description(Some(
                "Acts in this sub-account of the caller's workspace (an admin's token or an \
                 API key of the parent account; a read-only key stays read-only). An id that \
                 is not a sub-account of the caller's workspace answers 404.",
            ))
            .schema(Some(ObjectBuilder::new().schema_type(Type::String).format(
                Some(utoipa::openapi::SchemaFormat::Custom("uuid".into())),
            )))
            .build();
        for item in openapi.paths.paths.values_mut() {
            for operation in [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.patch,
                &mut item.delete,
            ]
            .into_iter()
            .flatten()
            {
                let public = operation
                    .security
                    .as_ref()
                    .is_some_and(|schemes| schemes.iter().all(|s| s == &Default::default()));
                if !public {
                    operation
                        .parameters
                        .get_or_insert_with(Vec::new)
                        .push(header.clone());
                }
            }
        }
    }
}

/// `GET /api/openapi.json`: this API's OpenAPI 3.1 description (`?document=` for one API).
#[utoipa::path(get, path = "/api/openapi.json", tag = "reference", operation_id = "openApiSpec",
    security(()), params(SpecQuery),
    responses((status = 200, description = "This OpenAPI 3.1 document, or the part `document` names", content_type = "application/json", body = Object), Problems))]
pub async fn spec(Params(query): Params<SpecQuery>) -> Response {
    whole_or_part(query.document)
}

/// One API of the spec: Parley's own, or a dialect's (its operations' tag).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum SpecDocument {
    Parley,
    Rocketflow,
    Chatbotkit,
    /// Agent loops: apart from Parley's document, which Swagger UI stops rendering past about
    /// 125 operations.
    Automation,
}

impl SpecDocument {
    fn has(self, tag: &str) -> bool {
        match self {
            SpecDocument::Parley => !matches!(tag, "RocketFlow" | "ChatBotKit" | "agent loops"),
            SpecDocument::Rocketflow => tag == "RocketFlow",
            SpecDocument::Chatbotkit => tag == "ChatBotKit",
            SpecDocument::Automation => tag == "agent loops",
        }
    }
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SpecQuery {
    /// Only this API's operations (the reference page shows one at a time).
    document: Option<SpecDocument>,
}

/// The spec, whole or only `document`'s operations (with every schema).
pub fn whole_or_part(document: Option<SpecDocument>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        document_text(document),
    )
        .into_response()
}

/// The spec is fixed at build time, so each of its documents is written once per isolate and
/// kept for the isolate's life (five texts at most): serializing it was most of a request's
/// time.
fn document_text(document: Option<SpecDocument>) -> &'static str {
    thread_local! {
        static SPEC: serde_json::Value = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
        static TEXTS: RefCell<HashMap<Option<SpecDocument>, &'static str>> = RefCell::default();
    }
    if let Some(text) = TEXTS.with(|texts| texts.borrow().get(&document).copied()) {
        return text;
    }
    let text = SPEC.with(|spec| match document {
        None => spec.to_string(),
        Some(document) => part(spec.clone(), document).to_string(),
    });
    let text: &'static str = Box::leak(text.into_boxed_str());
    TEXTS.with(|texts| texts.borrow_mut().insert(document, text));
    text
}

/// `spec` with only the operations whose first tag belongs to `document`.
fn part(mut spec: serde_json::Value, document: SpecDocument) -> serde_json::Value {
    if let Some(paths) = spec["paths"].as_object_mut() {
        for item in paths.values_mut() {
            if let Some(operations) = item.as_object_mut() {
                operations.retain(|_, operation| {
                    operation["tags"][0]
                        .as_str()
                        .is_some_and(|tag| document.has(tag))
                });
            }
        }
        paths.retain(|_, item| item.as_object().is_some_and(|o| !o.is_empty()));
    }
    spec
}

/// `GET /api/docs`: the interactive reference (Swagger UI, "try it out"); it reads the spec
/// from `/api/openapi.json` and its viewer from `/api-docs/`, never from another host.
#[utoipa::path(get, path = "/api/docs", tag = "reference", operation_id = "apiDocs",
    security(()),
    responses((status = 200, description = "An interactive API reference (Swagger UI)", content_type = "text/html", body = String), Problems))]
pub async fn docs() -> Response {
    (
        [(header::CACHE_CONTROL, "no-cache")],
        Html(include_str!("docs.html")),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_one_apis_operations() {
        let whole: serde_json::Value = serde_json::to_value(ApiDoc::openapi()).unwrap();
        let count = |spec: &serde_json::Value| -> usize {
            spec["paths"]
                .as_object()
                .unwrap()
                .values()
                .map(|item| item.as_object().unwrap().len())
                .sum()
        };
        let documents = [
            SpecDocument::Parley,
            SpecDocument::Rocketflow,
            SpecDocument::Chatbotkit,
            SpecDocument::Automation,
        ];
        let parts: Vec<usize> = documents
            .iter()
            .map(|d| count(&part(whole.clone(), *d)))
            .collect();
        assert!(parts.iter().all(|n| *n > 0), "{parts:?}");
        assert_eq!(
            parts.iter().sum::<usize>(),
            count(&whole),
            "each operation in one document"
        );
        let rocketflow = part(whole.clone(), SpecDocument::Rocketflow);
        assert!(
            rocketflow["paths"]
                .as_object()
                .unwrap()
                .keys()
                .all(|p| p.starts_with("/v1/"))
        );
    }

    #[test]
    fn every_operation_has_a_unique_id_and_answers_problems() {
        let spec = serde_json::to_value(ApiDoc::openapi()).unwrap();
        assert_eq!(spec["openapi"], "3.1.0");
        let mut ids = std::collections::HashSet::new();
        for (path, item) in spec["paths"].as_object().unwrap() {
            for (method, operation) in item.as_object().unwrap() {
                let id = operation["operationId"].as_str().unwrap();
                assert!(ids.insert(id.to_owned()), "{method} {path}: duplicate {id}");
                // A dialect's operations answer in its own envelope, Parley's in problems;
                // ChatBotKit has no 422: its invalid values are a 400 in its envelope.
                let documented = match operation["tags"][0].as_str() {
                    Some("RocketFlow") => {
                        operation["responses"]["400"]["content"]["application/json"]["schema"]["$ref"]
                            == "#/components/schemas/RocketFlowError"
                    }
                    Some("ChatBotKit") => operation["responses"]["400"].is_object(),
                    _ => operation["responses"]["422"].is_object(),
                };
                assert!(documented, "{method} {path} documents its problems");
            }
        }
        assert!(ids.len() > 40, "{} operations", ids.len());
    }

    /// Keys sorted at every level: the committed file reads the same whichever order the
    /// build's `serde_json` keeps maps in.
    fn sorted(value: serde_json::Value) -> serde_json::Value {
        use serde_json::Value;
        match value {
            Value::Object(map) => {
                let entries: std::collections::BTreeMap<String, Value> =
                    map.into_iter().map(|(k, v)| (k, sorted(v))).collect();
                Value::Object(entries.into_iter().collect())
            }
            Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
            other => other,
        }
    }

    /// The SDKs in `clients/` are generated from `clients/openapi.json`; this keeps that file
    /// the spec the Worker serves. `cargo xtask clients` runs it with `PARLEY_WRITE_SPEC` set
    /// to write the file, then regenerates the clients from it.
    #[test]
    fn the_clients_are_generated_from_the_served_spec() {
        let manifest = std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(
            || env!("CARGO_MANIFEST_DIR").into(),
            std::path::PathBuf::from,
        );
        let file = manifest.join("../clients/openapi.json");
        let spec = sorted(serde_json::to_value(ApiDoc::openapi()).unwrap());
        if std::env::var_os("PARLEY_WRITE_SPEC").is_some() {
            let text = serde_json::to_string_pretty(&spec).unwrap() + "\n";
            std::fs::write(&file, text).unwrap();
        }
        let committed: Option<serde_json::Value> = std::fs::read_to_string(&file)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok());
        assert!(
            committed.as_ref() == Some(&spec),
            "{} is not the spec the edge serves: run `cargo xtask clients`",
            file.display()
        );
    }

    #[test]
    fn creating_a_bot_or_a_widget_requires_its_name_and_updating_does_not() {
        let spec = serde_json::to_value(ApiDoc::openapi()).unwrap();
        let body = |path: &str, method: &str| {
            spec["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]
                .clone()
        };
        for path in NAMED_CREATES {
            assert_eq!(
                body(path, "post")["allOf"][1]["required"],
                serde_json::json!(["name"]),
                "POST {path}"
            );
        }
        assert!(
            body("/api/bots/{id}", "patch")["allOf"][1]
                .get("required")
                .is_none()
        );
        assert!(body("/api/widgets/{id}", "put")["$ref"].is_string());
    }
}
