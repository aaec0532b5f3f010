use crate::api::{explain, use_api};
use crate::components::contact_conversations::ContactConversations;
use crate::components::conversation_labels::ConversationLabels;
use crate::components::conversation_list::assignee_name;
use crate::components::delete_conversation::DeleteConversation;
use crate::components::message_bubble::{MessageBubble, sender_name};
use crate::components::reply_box::ReplyBox;
use crate::components::visitor_details::VisitorDetails;
use crate::feed::use_feed;
use crate::history::{PAGE_SIZE, insert, last_page, unread_from_visitor};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use parley_shared_types::auth::{Role, TeamMember};
use parley_shared_types::conversation::{Conversation, ConversationStatus};
use parley_shared_types::hub::ServerEvent;
use parley_shared_types::label::Label;
use parley_shared_types::message::{Message, SenderType};
use parley_web_client::hub::HubStatus;
use std::collections::HashSet;
use std::time::Duration;

/// The visitor's typing indicator goes away if no TypingStopped arrives within this.
const TYPING_TIMEOUT: Duration = Duration::from_secs(8);
/// Scrolling this close to the top loads the page before.
const LOAD_OLDER_AT_PX: i32 = 60;

/// One conversation: its history (older pages load when scrolling up), live messages and
/// typing over the app's one hub connection (joined to this conversation), read receipts, the
/// reply box, assignment, close and reopen, taking over from the bot, labels, the visitor's
/// details and their contact's conversations; admins may delete it.
#[component]
pub fn ConversationView(
    id: String,
    team: RwSignal<Vec<TeamMember>>,
    /// The workspace's labels, to put on the conversation.
    labels: RwSignal<Vec<Label>>,
    /// Every message that arrives or is sent here, so the list's preview can follow (never a
    /// private note: it is no visitor's last message).
    on_message: Callback<Message>,
) -> impl IntoView {
    let api = use_api();
    let feed = use_feed();
    let me = api.my_id();
    let conversation = RwSignal::new(None::<Conversation>);
    // Only a change of contact reloads their conversations, not every update of this one.
    let contact_id =
        Memo::new(move |_| conversation.with(|c| c.as_ref().and_then(|c| c.contact_id.clone())));
    let id_for_contact = StoredValue::new(id.clone());
    let messages = RwSignal::new(Vec::<Message>::new());
    let oldest_page = RwSignal::new(1u32);
    let loading_older = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let action_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let visitor_typing = RwSignal::new(false);
    let typing_timer = StoredValue::new_local(None::<TimeoutHandle>);
    let reads_sent = StoredValue::new(HashSet::<String>::new());
    let list_ref = NodeRef::<html::Div>::new();

    let scroll_to_bottom = move || {
        request_animation_frame(move || {
            if let Some(el) = list_ref.try_get_untracked().flatten() {
                el.set_scroll_top(el.scroll_height());
            }
        })
    };
    let near_bottom = move || {
        list_ref
            .try_get_untracked()
            .flatten()
            .is_none_or(|el| el.scroll_height() - el.scroll_top() - el.client_height() < 80)
    };
    // Read receipts for the visitor's messages on screen, each sent once.
    let mark_read = {
        let id = id.clone();
        move || {
            let unread = messages.with_untracked(|list| unread_from_visitor(list));
            for message_id in unread {
                let fresh = reads_sent
                    .try_update_value(|sent| sent.insert(message_id.clone()))
                    .unwrap_or(false);
                if !fresh {
                    continue;
                }
                let id = id.clone();
                spawn_local(async move {
                    if let Ok(read) = api.mark_read(&id, &message_id).await {
                        messages.try_update(|list| insert(list, [read]));
                    }
                });
            }
        }
    };

    let on_event = {
        let mark_read = mark_read.clone();
        let me = me.clone();
        move |event: ServerEvent| match event {
            // Status and assignment changes made elsewhere (reopen is announced only on the
            // feed).
            ServerEvent::ConversationUpdated(c)
                if conversation
                    .with_untracked(|shown| shown.as_ref().is_none_or(|s| c.supersedes(s))) =>
            {
                conversation.set(Some(c));
            }
            ServerEvent::ConversationUpdated(_) => {}
            ServerEvent::ReceiveMessage(message) => {
                let stick = near_bottom() || message.sender_id == me;
                let from_visitor = message.sender_type == SenderType::Visitor;
                if !message.private {
                    on_message.run(message.clone());
                }
                messages.update(|list| insert(list, [message]));
                if from_visitor {
                    visitor_typing.set(false);
                    mark_read();
                }
                if stick {
                    scroll_to_bottom();
                }
            }
            ServerEvent::MessageRead(read) => messages.update(|list| {
                if let Some(m) = list.iter_mut().find(|m| m.id == read.id) {
                    *m = read;
                }
            }),
            ServerEvent::TypingStarted(t) if t.sender_type == SenderType::Visitor => {
                visitor_typing.set(true);
                if let Some(timer) = typing_timer.try_update_value(Option::take).flatten() {
                    timer.clear();
                }
                let timer = set_timeout_with_handle(
                    move || {
                        visitor_typing.try_set(false);
                    },
                    TYPING_TIMEOUT,
                );
                typing_timer.set_value(timer.ok());
            }
            ServerEvent::TypingStopped(t) => {
                let visitor =
                    conversation.with_untracked(|c| c.as_ref().map(|c| c.visitor_id.clone()));
                if visitor.as_deref() == Some(t.sender_id.as_str()) {
                    visitor_typing.set(false);
                }
            }
            ServerEvent::AgentAssigned(assigned) => conversation.update(|c| {
                if let Some(c) = c {
                    c.assigned_agent_id = Some(assigned.agent_id);
                }
            }),
            ServerEvent::ConversationClosed(_) => conversation.update(|c| {
                if let Some(c) = c {
                    c.status = ConversationStatus::Closed;
                }
            }),
            ServerEvent::ConversationReopened(_) => conversation.update(|c| {
                if let Some(c) = c {
                    c.status = ConversationStatus::Open;
                }
            }),
            ServerEvent::ConversationHandedOff(_) => conversation.update(|c| {
                if let Some(c) = c {
                    c.ai_active = false;
                }
            }),
            _ => {}
        }
    };

    // Events of this conversation from the app's connection (joined below).
    feed.subscribe({
        let id = id.clone();
        move |event| {
            if event.conversation_id() == Some(id.as_str()) {
                on_event(event.clone());
            }
        }
    });
    // History first (the newest page), then joining on the hub from the newest seq we hold,
    // so nothing sent in between is missed.
    {
        let id = id.clone();
        let mark_read = mark_read.clone();
        let owner = Owner::current();
        spawn_local(async move {
            let loaded = load(api, &id).await;
            if messages.is_disposed() {
                return;
            }
            let (found, page, page_no) = match loaded {
                Ok(loaded) => loaded,
                Err(e) => {
                    error.set(Some(e));
                    return;
                }
            };
            conversation.set(Some(found));
            messages.update(|list| insert(list, page));
            oldest_page.set(page_no);
            scroll_to_bottom();
            mark_read();
            let last_seq = move || {
                messages
                    .try_with_untracked(|l| l.last().map(|m| m.seq))
                    .flatten()
            };
            if let Some(owner) = owner {
                owner.with(|| feed.join(id, last_seq));
            }
        });
    }
    on_cleanup(move || {
        if let Some(timer) = typing_timer.try_update_value(Option::take).flatten() {
            timer.clear();
        }
    });

    let load_older = {
        let id = id.clone();
        move || {
            let page_no = oldest_page.get_untracked();
            if page_no <= 1 || loading_older.get_untracked() {
                return;
            }
            loading_older.set(true);
            let id = id.clone();
            spawn_local(async move {
                let result = api.messages(&id, page_no - 1, PAGE_SIZE).await;
                if loading_older.is_disposed() {
                    return;
                }
                loading_older.set(false);
                match result {
                    Ok(page) => {
                        let before = list_ref
                            .get_untracked()
                            .map(|el| (el.scroll_height(), el.scroll_top()));
                        messages.update(|list| insert(list, page.data));
                        oldest_page.set(page_no - 1);
                        // Keep the message the agent was looking at where it was.
                        request_animation_frame(move || {
                            if let (Some(el), Some((height, top))) =
                                (list_ref.try_get_untracked().flatten(), before)
                            {
                                el.set_scroll_top(el.scroll_height() - height + top);
                            }
                        });
                    }
                    Err(e) => error.set(Some(explain(&e))),
                }
            });
        }
    };
    let on_scroll = {
        let load_older = load_older.clone();
        move |_| {
            if list_ref
                .get_untracked()
                .is_some_and(|el| el.scroll_top() < LOAD_OLDER_AT_PX)
            {
                load_older();
            }
        }
    };

    let act = {
        let id = id.clone();
        move |action: Action| {
            busy.set(true);
            action_error.set(None);
            let id = id.clone();
            spawn_local(async move {
                let result = match action {
                    Action::Assign(agent) => api.assign(&id, agent).await,
                    Action::Close => api.close(&id).await,
                    Action::Reopen => api.reopen(&id).await,
                    Action::TakeOver => api.take_over(&id).await,
                };
                if busy.is_disposed() {
                    return;
                }
                busy.set(false);
                match result {
                    Ok(c) => conversation.set(Some(c)),
                    Err(e) => action_error.set(Some(explain(&e))),
                }
            });
        }
    };

    // What `{{visitor.name}}` stands for: the name the visitor gave, if any.
    let visitor_name = Signal::derive(move || {
        conversation.with(|c| {
            c.as_ref()
                .and_then(|c| c.metadata.get("name"))
                .and_then(|name| name.as_str())
                .map(str::to_owned)
        })
    });
    let closed = Signal::derive(move || {
        conversation.with(|c| {
            c.as_ref()
                .is_some_and(|c| c.status == ConversationStatus::Closed)
        })
    });
    let on_sent = Callback::new(move |message: Message| {
        if !message.private {
            on_message.run(message.clone());
        }
        messages.update(|list| insert(list, [message]));
        scroll_to_bottom();
    });

    let is_admin = api.role() == Some(Role::Admin);
    let header = {
        let me = me.clone();
        let act = act.clone();
        move || {
            let c = conversation.get()?;
            let status = c.status.as_str();
            let assignee = team.with(|t| assignee_name(t, &me, c.assigned_agent_id.as_deref()));
            let mine = c.assigned_agent_id.as_deref() == Some(me.as_str());
            let is_closed = c.status == ConversationStatus::Closed;
            let assign_me = {
                let act = act.clone();
                let me = me.clone();
                move |_| act(Action::Assign(me.clone()))
            };
            let assign_other = {
                let act = act.clone();
                move |ev: leptos::ev::Event| {
                    let agent = event_target_value(&ev);
                    if !agent.is_empty() {
                        act(Action::Assign(agent));
                    }
                }
            };
            let take_over = {
                let act = act.clone();
                move |_| act(Action::TakeOver)
            };
            let bot_badge = c
                .ai_active
                .then(|| view! { <span id="conversation-bot" class="bot-badge">"Bot"</span> });
            let take_over_button = c.ai_active.then(|| {
                view! {
                    <button type="button" id="take-over" class="primary" disabled=busy on:click=take_over>
                        "Take over"
                    </button>
                }
            });
            let toggle = {
                let act = act.clone();
                move |_| {
                    act(if is_closed {
                        Action::Reopen
                    } else {
                        Action::Close
                    })
                }
            };
            let delete = is_admin.then(|| view! { <DeleteConversation id=c.id.clone() /> });
            let current_agent = c.assigned_agent_id.clone().unwrap_or_default();
            let options = team.with(|t| {
                t.iter()
                    .map(|m| {
                        let chosen = m.user.id == current_agent;
                        view! {
                            <option value=m.user.id.clone() selected=chosen>
                                {m.user.name.clone()}
                            </option>
                        }
                    })
                    .collect_view()
            });
            Some(view! {
                <header class="conversation-header">
                    <div class="conversation-title">
                        <h2>{c.visitor_id.clone()}</h2>
                        <span id="conversation-status" class=format!("status-badge status-{status}")>
                            {status}
                        </span>
                        {bot_badge}
                        <span id="conversation-assignee" class="assignee">{assignee}</span>
                    </div>
                    <div class="conversation-actions">
                        {take_over_button}
                        <button type="button" id="assign-to-me" disabled=move || mine || busy.get() on:click=assign_me>
                            "Assign to me"
                        </button>
                        <select id="assign-to" aria-label="Assign to" on:change=assign_other disabled=busy>
                            <option value="" selected=current_agent.is_empty()>"Assign to…"</option>
                            {options}
                        </select>
                        <button
                            type="button"
                            id=if is_closed { "reopen-conversation" } else { "close-conversation" }
                            disabled=busy
                            on:click=toggle
                        >
                            {if is_closed { "Reopen" } else { "Close" }}
                        </button>
                        {delete}
                    </div>
                    <ConversationLabels conversation labels />
                </header>
            })
        }
    };

    let older_button = move || {
        (oldest_page.get() > 1).then(|| {
            let load_older = load_older.clone();
            view! {
                <button type="button" class="link-button load-older" on:click=move |_| load_older()>
                    {move || if loading_older.get() { "Loading…" } else { "Load older messages" }}
                </button>
            }
        })
    };
    let offline = move || {
        matches!(feed.status.get(), HubStatus::Reconnecting { .. })
            .then(|| view! { <p class="notice-inline">"Reconnecting to live updates…"</p> })
    };

    view! {
        <div class="conversation">
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {header}
            {move || action_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <div class="conversation-body">
                <div class="conversation-main">
                    <div class="messages" id="messages" node_ref=list_ref on:scroll=on_scroll aria-live="polite">
                        {older_button}
                        <For
                            each=move || messages.get()
                            key=|m| (m.seq, m.is_read)
                            children=move |m| {
                                let who = team.with(|t| sender_name(t, &m));
                                view! { <MessageBubble message=m who /> }
                            }
                        />
                    </div>
                    <p class="typing" id="visitor-typing" aria-live="polite">
                        {move || visitor_typing.get().then_some("Visitor is typing…")}
                    </p>
                    {offline}
                    <ReplyBox conversation_id=id.clone() closed visitor_name on_sent />
                </div>
                <div class="conversation-side">
                    {move || conversation.get().map(|c| view! { <VisitorDetails conversation=c /> })}
                    {move || {
                        contact_id
                            .get()
                            .map(|contact_id| {
                                view! { <ContactConversations contact_id current=Some(id_for_contact.get_value()) /> }
                            })
                    }}
                </div>
            </div>
        </div>
    }
}

#[derive(Clone)]
enum Action {
    Assign(String),
    Close,
    Reopen,
    /// Stops the bot and makes the conversation this agent's.
    TakeOver,
}

/// The conversation and its newest page of messages, with that page's number. The count on
/// the conversation names the last page; if more arrived meanwhile, the page the answer's
/// `total` names is read instead.
async fn load(api: crate::api::Api, id: &str) -> Result<(Conversation, Vec<Message>, u32), String> {
    let found = api.conversation(id).await.map_err(|e| explain(&e))?;
    let mut page_no = last_page(found.message_count, PAGE_SIZE);
    let mut page = api
        .messages(id, page_no, PAGE_SIZE)
        .await
        .map_err(|e| explain(&e))?;
    let newest = last_page(page.total, PAGE_SIZE);
    if newest != page_no {
        page_no = newest;
        page = api
            .messages(id, page_no, PAGE_SIZE)
            .await
            .map_err(|e| explain(&e))?;
    }
    let mut data = page.data;
    // A nearly empty newest page would leave nothing to scroll: read the one before too.
    if page_no > 1 && data.len() < (PAGE_SIZE / 2) as usize {
        page_no -= 1;
        let older = api
            .messages(id, page_no, PAGE_SIZE)
            .await
            .map_err(|e| explain(&e))?;
        insert(&mut data, older.data);
    }
    Ok((found, data, page_no))
}
