use crate::history::short_time;
use leptos::prelude::*;
use parley_shared_types::conversation::Conversation;
use serde_json::Value;

/// How the visitor rated the conversation: `★★★★☆ 4 of 5 · "comment"`, or a dash.
fn rating_text(score: Option<u8>, comment: Option<&str>) -> String {
    let Some(score) = score.filter(|s| (1..=5).contains(s)) else {
        return "—".to_owned();
    };
    let stars = "★".repeat(usize::from(score)) + &"☆".repeat(usize::from(5 - score));
    match comment {
        Some(comment) => format!("{stars} {score} of 5 · “{comment}”"),
        None => format!("{stars} {score} of 5"),
    }
}

/// Whether the site proved who the visitor says they are: Parley sets `identityVerified`
/// when the page claimed a `userId`.
fn identity_text(metadata: &serde_json::Map<String, Value>) -> &'static str {
    match metadata.get("identityVerified").and_then(Value::as_bool) {
        Some(true) => "Verified by the site",
        Some(false) => "Claimed, not verified",
        None => "Anonymous",
    }
}

/// What is known about the visitor: id, where they were, how they rated the conversation,
/// and the metadata the widget sent.
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
    let rating = rating_text(conversation.rating, conversation.rating_comment.as_deref());
    let identity = identity_text(&conversation.metadata);
    let others = conversation
        .metadata
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "page" | "url" | "referrer" | "identityVerified"))
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
                <dt>"Rating"</dt>
                <dd id="visitor-rating">{rating}</dd>
                <dt>"Identity"</dt>
                <dd id="visitor-identity">{identity}</dd>
                <dt>"Replies by email"</dt>
                <dd id="visitor-follow-up">
                    {conversation.follow_up_email.clone().unwrap_or_else(|| "—".into())}
                </dd>
                {others}
            </dl>
        </aside>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test(unsupported = test)]
    fn a_rating_reads_as_stars_with_its_comment() {
        assert_eq!(rating_text(None, None), "—");
        assert_eq!(rating_text(Some(4), None), "★★★★☆ 4 of 5");
        assert_eq!(rating_text(Some(2), Some("slow")), "★★☆☆☆ 2 of 5 · “slow”");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn verified_and_claimed_identities_read_apart() {
        let metadata = |value: Value| value.as_object().cloned().unwrap();
        let verified = metadata(serde_json::json!({"userId": "u", "identityVerified": true}));
        let claimed = metadata(serde_json::json!({"userId": "u", "identityVerified": false}));
        assert_eq!(identity_text(&verified), "Verified by the site");
        assert_eq!(identity_text(&claimed), "Claimed, not verified");
        assert_eq!(identity_text(&serde_json::Map::new()), "Anonymous");
    }

    #[wasm_bindgen_test]
    fn the_agent_sees_where_replies_are_emailed() {
        let conversation = |email: Option<&str>| -> Conversation {
            serde_json::from_value(serde_json::json!({
                "id": "c", "workspaceId": "w", "widgetId": "wg", "visitorId": "v",
                "assignedAgentId": null, "status": "open", "channel": "web", "metadata": {},
                "startedAt": "2026-12-07T10:00:00Z", "closedAt": null, "lastMessage": null,
                "lastMessageAt": null, "messageCount": 1, "followUpEmail": email
            }))
            .unwrap()
        };
        let shown = |conversation: Conversation| {
            let container = crate::test_page::container();
            leptos::mount::mount_to(container.clone(), move || {
                view! { <VisitorDetails conversation /> }
            })
            .forget();
            let row = container
                .query_selector("#visitor-follow-up")
                .unwrap()
                .unwrap();
            row.text_content().unwrap().trim().to_owned()
        };
        assert_eq!(
            shown(conversation(Some("ana@example.com"))),
            "ana@example.com"
        );
        assert_eq!(shown(conversation(None)), "—");
    }
}
