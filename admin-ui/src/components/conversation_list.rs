use crate::components::label_chip::LabelChip;
use crate::components::match_snippet::MatchSnippet;
use crate::history::short_time;
use crate::route::href;
use leptos::prelude::*;
use parley_shared_types::auth::TeamMember;
use parley_shared_types::conversation::Conversation;

/// The agent's name for an assignee id: "You", a team member's name, or "Unassigned".
pub fn assignee_name(team: &[TeamMember], me: &str, agent: Option<&str>) -> String {
    match agent {
        None => "Unassigned".into(),
        Some(id) if id == me => "You".into(),
        Some(id) => team
            .iter()
            .find(|m| m.user.id == id)
            .map_or_else(|| "Another agent".into(), |m| m.user.name.clone()),
    }
}

/// The inbox's conversations, newest first; the selected one is marked `aria-current` and
/// kept in view.
#[component]
pub fn ConversationList(
    conversations: RwSignal<Vec<Conversation>>,
    selected: Memo<Option<String>>,
    team: RwSignal<Vec<TeamMember>>,
    loading: RwSignal<bool>,
) -> impl IntoView {
    let me = crate::api::use_api().my_id();
    Effect::new(move |_| {
        selected.track();
        request_animation_frame(|| {
            if let Some(item) = web_sys::window().and_then(|w| w.document()).and_then(|d| {
                d.query_selector("#conversation-list [aria-current]")
                    .ok()
                    .flatten()
            }) {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                item.scroll_into_view_with_scroll_into_view_options(&options);
            }
        });
    });
    let row = move |c: Conversation| {
        let me = me.clone();
        let id = c.id.clone();
        let current = {
            let id = id.clone();
            move || (selected.get().as_deref() == Some(id.as_str())).then_some("true")
        };
        let agent = c.assigned_agent_id.clone();
        let assignee = move || team.with(|t| assignee_name(t, &me, agent.as_deref()));
        let when = short_time(c.last_message_at.as_deref().unwrap_or(&c.started_at));
        let status = c.status.as_str();
        let bot = c
            .ai_active
            .then(|| view! { <span class="bot-badge">"Bot"</span> });
        let unread = (c.unread_count > 0).then(|| {
            let label = format!("{} unread", c.unread_count);
            view! { <span class="unread-badge" aria-label=label>{c.unread_count}</span> }
        });
        let labels = c
            .labels
            .iter()
            .cloned()
            .map(|label| view! { <LabelChip label /> })
            .collect_view();
        view! {
            <li>
                <a class="conversation-item" href=href("inbox", Some(&id)) aria-current=current>
                    <span class="item-top">
                        <span class="item-visitor">{c.visitor_id.clone()}</span>
                        {unread}
                        <span class="item-time">{when}</span>
                    </span>
                    {match c.search_match.clone() {
                        Some(found) => view! { <MatchSnippet found /> }.into_any(),
                        None => view! {
                            <span class="item-preview">
                                {c.last_message.clone().unwrap_or_else(|| "No messages yet".into())}
                            </span>
                        }.into_any(),
                    }}
                    <span class="item-bottom">
                        <span class=format!("status-badge status-{status}")>{status}</span>
                        {bot}
                        {labels}
                        <span class="item-assignee">{assignee}</span>
                    </span>
                </a>
            </li>
        }
    };
    view! {
        <ul id="conversation-list" aria-busy=move || loading.get().to_string()>
            <For
                each=move || conversations.get()
                key=|c| {
                    (
                        c.id.clone(),
                        c.status.as_str(),
                        c.assigned_agent_id.clone(),
                        c.message_count,
                        c.unread_count,
                        c.ai_active,
                        c.last_message_at.clone(),
                        c.labels.clone(),
                        c.search_match.as_ref().map(|m| (m.message_id.clone(), m.highlights.clone())),
                    )
                }
                children=row
            />
        </ul>
        {move || {
            (!loading.get() && conversations.with(Vec::is_empty))
                .then(|| view! { <p class="empty-state">"No conversations match."</p> })
        }}
    }
}
