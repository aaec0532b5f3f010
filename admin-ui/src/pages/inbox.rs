use crate::api::{explain, use_api};
use crate::components::conversation_list::ConversationList;
use crate::components::conversation_view::ConversationView;
use crate::components::filters_bar::FiltersBar;
use crate::feed::use_feed;
use crate::filter::{InboxFilter, merge_live, step_selection};
use crate::route::{href, navigate, use_router};
use leptos::prelude::*;
use leptos::task::spawn_local;
use parley_shared_types::auth::TeamMember;
use parley_shared_types::conversation::Conversation;
use parley_shared_types::hub::ServerEvent;
use parley_shared_types::label::Label;
use parley_shared_types::message::Message;
use parley_shared_types::widget::Widget;
use wasm_bindgen::JsCast;

pub fn render() -> AnyView {
    view! { <InboxPage /> }.into_any()
}

/// The agents' inbox: filtered conversations, kept live by the workspace feed, beside the
/// selected conversation (`#/inbox/<id>`). j/k or the arrow keys move between them.
#[component]
pub fn InboxPage() -> impl IntoView {
    let api = use_api();
    let feed = use_feed();
    let selected = use_router().rest();
    let me = api.my_id();
    let filter = RwSignal::new(InboxFilter::default());
    let conversations = RwSignal::new(Vec::<Conversation>::new());
    let loading = RwSignal::new(true);
    let error = RwSignal::new(None::<String>);
    let team = RwSignal::new(Vec::<TeamMember>::new());
    let widgets = RwSignal::new(Vec::<Widget>::new());
    let labels = RwSignal::new(Vec::<Label>::new());
    let generation = StoredValue::new(0u64);

    spawn_local(async move {
        let members = api.team().await;
        if team.is_disposed() {
            return;
        }
        if let Ok(members) = members {
            team.set(members);
        }
        if let Ok(list) = api.widgets().await {
            widgets.try_set(list);
        }
        if let Ok(list) = api.labels().await {
            labels.try_set(list);
        }
    });

    Effect::new({
        let me = me.clone();
        move |_| {
            let filter = filter.get();
            let me = me.clone();
            let this = generation.get_value() + 1;
            generation.set_value(this);
            loading.set(true);
            spawn_local(async move {
                let result = api.conversations(filter.query(&me)).await;
                if loading.is_disposed() || generation.get_value() != this {
                    return;
                }
                loading.set(false);
                match result {
                    Ok(page) => {
                        error.set(None);
                        conversations.set(
                            page.data
                                .into_iter()
                                .filter(|c| filter.matches(c, &me))
                                .collect(),
                        );
                    }
                    Err(e) => error.set(Some(explain(&e))),
                }
            });
        }
    });

    feed.subscribe({
        let me = me.clone();
        move |event| match event {
            ServerEvent::ConversationStarted(c) | ServerEvent::ConversationUpdated(c) => {
                filter.with_untracked(|f| {
                    conversations.update(|list| merge_live(list, c.clone(), f, &me));
                });
            }
            // An admin deleted it, here or elsewhere: it leaves the list and the screen.
            ServerEvent::ConversationDeleted(gone) => {
                conversations.update(|list| list.retain(|c| c.id != gone.conversation_id));
                if selected.with_untracked(|s| s.as_deref() == Some(gone.conversation_id.as_str()))
                {
                    navigate(&href("inbox", None));
                }
            }
            _ => {}
        }
    });

    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || typing_in_a_field(&ev) {
            return;
        }
        let step = match ev.key().as_str() {
            "j" | "ArrowDown" => 1,
            "k" | "ArrowUp" => -1,
            _ => return,
        };
        ev.prevent_default();
        let ids: Vec<String> =
            conversations.with_untracked(|list| list.iter().map(|c| c.id.clone()).collect());
        if let Some(next) = step_selection(&ids, selected.get_untracked().as_deref(), step) {
            navigate(&href("inbox", Some(&next)));
        }
    });
    on_cleanup(move || keys.remove());

    // The feed does not announce messages; the open conversation's hub keeps its row current.
    let on_message = Callback::new(move |message: Message| {
        conversations.update(|list| {
            if let Some(c) = list
                .iter_mut()
                .find(|c| c.id == message.conversation_id && message.seq >= c.message_count)
            {
                c.message_count = c.message_count.max(message.seq);
                c.last_message = Some(message.content);
                c.last_message_at = Some(message.created_at);
            }
        });
    });

    view! {
        <div class="inbox" class:has-selection=move || selected.with(Option::is_some)>
            <aside class="inbox-list" aria-label="Conversations">
                <FiltersBar filter widgets labels />
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                <ConversationList conversations selected team loading />
                <p class="hint">"j / k or ↑ / ↓ move between conversations"</p>
            </aside>
            <section class="inbox-detail">
                {move || match selected.get() {
                    Some(id) => view! { <ConversationView id team labels on_message /> }.into_any(),
                    None => {
                        view! {
                            <p class="empty-state">
                                "Pick a conversation on the left. New ones appear here as visitors start them."
                            </p>
                        }
                            .into_any()
                    }
                }}
            </section>
        </div>
    }
}

/// Whether a key press belongs to a text field rather than to the inbox's shortcuts.
fn typing_in_a_field(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.closest("[contenteditable]").ok().flatten().is_some()
        })
}
