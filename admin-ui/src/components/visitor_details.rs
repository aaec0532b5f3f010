use crate::history::short_time;
use leptos::prelude::*;
use parley_shared_types::conversation::Conversation;
use serde_json::Value;

/// What is known about the visitor: id, where they were, and the metadata the widget sent.
#[component]
pub fn VisitorDetails(conversation: Conversation) -> impl IntoView {
    let text = |value: &Value| match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let page = conversation
        .metadata
        .get("page")
        .or_else(|| conversation.metadata.get("url"))
        .map(text);
    let referrer = conversation.metadata.get("referrer").map(text);
    let others = conversation
        .metadata
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "page" | "url" | "referrer"))
        .map(|(k, v)| {
            view! {
                <dt>{k.clone()}</dt>
                <dd>{text(v)}</dd>
            }
        })
        .collect_view();
    view! {
        <aside class="visitor-details" aria-label="Visitor details">
            <h3>"Visitor"</h3>
            <dl>
                <dt>"Visitor id"</dt>
                <dd id="visitor-id">{conversation.visitor_id.clone()}</dd>
                <dt>"Page"</dt>
                <dd>{page.unwrap_or_else(|| "—".into())}</dd>
                <dt>"Referrer"</dt>
                <dd>{referrer.unwrap_or_else(|| "—".into())}</dd>
                <dt>"Started"</dt>
                <dd>{short_time(&conversation.started_at)}</dd>
                <dt>"Channel"</dt>
                <dd>{conversation.channel.clone()}</dd>
                <dt>"Messages"</dt>
                <dd>{conversation.message_count}</dd>
                {others}
            </dl>
        </aside>
    }
}
