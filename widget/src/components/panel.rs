use crate::chat::{Chat, Connectivity};
use crate::components::composer::Composer;
use crate::components::follow_up_offer::FollowUpOffer;
use crate::components::message_bubble::MessageBubble;
use crate::components::pending_bubble::PendingBubble;
use crate::components::pre_chat_form::PreChatForm;
use crate::components::rating_prompt::RatingPrompt;
use crate::rows::{Row, rows};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use parley_shared_types::widget::{DEFAULT_OFFLINE_MESSAGE, DEFAULT_WELCOME_MESSAGE};
use parley_shared_types::widget_text::WidgetText;

/// Panel styles live beside the panel: the shadow root keeps them off the host page.
const STYLE: &str = include_str!("panel.css");

/// The open chat: header, the conversation, and the composer.
#[component]
pub fn Panel(chat: Chat) -> impl IntoView {
    let config = chat.config();
    let title = config
        .as_ref()
        .map(|c| c.title.trim().to_owned())
        .filter(|title| !title.is_empty())
        .unwrap_or_else(|| chat.text(WidgetText::Chat));
    let welcome = config
        .as_ref()
        .map_or(DEFAULT_WELCOME_MESSAGE.to_owned(), |c| {
            c.welcome_message.clone()
        });
    let offline_message = config
        .as_ref()
        .map_or(DEFAULT_OFFLINE_MESSAGE.to_owned(), |c| {
            c.offline_message.clone()
        });
    let can_write = Memo::new(move |_| chat.can_write());

    // Keep the newest message in view, also when the visitor opens the panel again (while it
    // was hidden there was nothing to scroll).
    Effect::new(move |_| {
        chat.timeline.track();
        chat.outbox.track();
        chat.agent_typing.track();
        chat.opened.track();
        chat.scroll_to_newest();
    });

    // Said only when something is not right: being connected is the normal state.
    let status = move || match chat.connectivity.get() {
        Connectivity::Connecting => Some(chat.text(WidgetText::Connecting)),
        Connectivity::Offline => Some(chat.text(WidgetText::Offline)),
        Connectivity::Live | Connectivity::Idle => chat
            .uploading
            .get()
            .then(|| chat.text(WidgetText::Uploading)),
    };
    // Agrees with the offline banner: an assigned agent who went offline replies later.
    let subtitle = move || {
        chat.agent.get().map(|(_, name)| {
            let text = if chat.agents_online.get() {
                WidgetText::ChattingWith
            } else {
                WidgetText::WillReply
            };
            chat.text_with(text, &name)
        })
    };

    view! {
        <style>{STYLE}</style>
        <section class="parley-chat">
            <header class="parley-header">
                <div class="parley-heading">
                    <h2 class="parley-title">{title}</h2>
                    <p class="parley-subtitle">{subtitle}</p>
                </div>
                // On a phone the panel covers the launcher: this is the way out there.
                <button type="button" class="parley-close" aria-label=chat.text(WidgetText::CloseChat) on:click=move |_| chat.close_panel()>
                    <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18"/></svg>
                </button>
            </header>
            {move || {
                (!chat.agents_online.get() && chat.people_answer()).then(|| {
                    view! { <p class="parley-offline-banner" role="note">{offline_message.clone()}</p> }
                })
            }}
            <div class="parley-messages" role="log" aria-live="polite" aria-label=chat.text(WidgetText::Messages)>
                <p class="parley-welcome parley-bubble parley-theirs">{welcome}</p>
                // A bot's draft is drawn again as it grows; its stored copy (with a seq) replaces it.
                <For
                    each=move || chat.timeline.with(|timeline| chat.outbox.with(|outbox| rows(timeline, outbox)))
                    key=Row::key
                    children=move |row| match row {
                        Row::Message(message) => Either::Left(view! { <MessageBubble message chat /> }),
                        Row::Pending(pending) => Either::Right(view! { <PendingBubble pending chat /> }),
                    }
                />
                {move || {
                    chat.agent_typing.get().then(|| {
                        view! { <p class="parley-typing" aria-live="polite">{chat.text(WidgetText::AgentTyping)}</p> }
                    })
                }}
            </div>
            {move || chat.offers_follow_up().then(|| view! { <FollowUpOffer chat /> })}
            {move || {
                chat.follow_up.get().filter(|email| !email.is_empty()).map(|email| {
                    view! { <p class="parley-follow-up-set" role="status">{chat.text_with(WidgetText::FollowUpSet, &email)}</p> }
                })
            }}
            <p class="parley-status" role="status">{status}</p>
            {move || {
                chat.error.get().map(|error| view! { <p class="parley-error" role="alert">{error}</p> })
            }}
            <button
                type="button"
                class="parley-handoff parley-link-button"
                hidden=move || !chat.ai_active.get() || chat.closed.get()
                on:click=move |_| chat.talk_to_human()
            >
                {chat.text(WidgetText::TalkToHuman)}
            </button>
            {move || chat.closed.get().then(|| view! { <RatingPrompt chat /> })}
            {move || {
                (chat.closed.get() && can_write.get()).then(|| {
                    view! { <p class="parley-ended" role="status">{chat.text(WidgetText::EndedReopen)}</p> }
                })
            }}
            // Drawn again only when writing becomes (im)possible: the composer keeps its text.
            {move || {
                if chat.asks_introduction() {
                    let form = chat.config().map(|c| c.pre_chat).unwrap_or_default();
                    EitherOf3::A(view! {
                        <PreChatForm
                            chat
                            form
                            intro=chat.text(WidgetText::PreChatIntro)
                            submit=chat.text(WidgetText::StartChat)
                            on_submit=Callback::new(move |(name, email, consent)| chat.introduce(name, email, consent))
                        />
                    })
                } else if can_write.get() {
                    EitherOf3::B(view! {
                        <Composer
                            placeholder=chat.text(WidgetText::Placeholder)
                            label=chat.text(WidgetText::MessageLabel)
                            send_label=chat.text(WidgetText::Send)
                            on_send=Callback::new(move |text| chat.send(text))
                            on_typed=Callback::new(move |()| chat.visitor_typed())
                            on_file=(Callback::new(move |file| chat.attach(file)), chat.text(WidgetText::AttachFile))
                        />
                    })
                } else {
                    EitherOf3::C(view! {
                        <div class="parley-closed">
                            <p>{chat.text(WidgetText::Ended)}</p>
                            <button type="button" class="parley-button" on:click=move |_| chat.start_over()>
                                {chat.text(WidgetText::StartNew)}
                            </button>
                        </div>
                    })
                }
            }}
        </section>
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use crate::chat::{Chat, Host};
    use crate::events::RoomEvent;
    use crate::session::{Stored, StoredSession};
    use leptos::prelude::{Set, Update};
    use parley_shared_types::bot::Source;
    use parley_shared_types::hub::{AgentAssigned, MessageDelta};
    use parley_shared_types::message::{Message, SenderType};
    use parley_shared_types::widget::WidgetConfig;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;
    use web_sys::{HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

    wasm_bindgen_test_configure!(run_in_browser);

    fn shadow_panel() -> (ShadowRoot, HtmlElement) {
        let document = web_sys::window().unwrap().document().unwrap();
        let host = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&host).unwrap();
        let shadow = host
            .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
            .unwrap();
        let panel: HtmlElement = document.create_element("div").unwrap().unchecked_into();
        shadow.append_child(&panel).unwrap();
        (shadow, panel)
    }

    fn chat(panel: &HtmlElement, agents_online: bool) -> Chat {
        chat_on(panel, agents_online, false, None)
    }

    /// A chat on a widget of its own, resuming `session` if given.
    fn chat_on(
        panel: &HtmlElement,
        agents_online: bool,
        ai_enabled: bool,
        session: Option<StoredSession>,
    ) -> Chat {
        chat_configured(panel, agents_online, ai_enabled, session, true)
    }

    fn chat_configured(
        panel: &HtmlElement,
        agents_online: bool,
        ai_enabled: bool,
        session: Option<StoredSession>,
        reopen_on_reply: bool,
    ) -> Chat {
        let widget_id = format!("test-{}", js_sys::Math::random());
        let stored = Stored {
            session,
            ..Stored::default()
        };
        crate::session::save(&widget_id, &stored);
        let config = WidgetConfig {
            id: "w".into(),
            name: "Homepage widget".into(),
            welcome_message: "Welcome to Acme!".into(),
            ai_enabled,
            theme_color: "#10b981".into(),
            offline_message: "We're away.".into(),
            agents_online,
            theme_text_color: "#fff".into(),
            title: "Acme support".into(),
            reopen_on_reply,
            texts: Default::default(),
            pre_chat: Default::default(),
            follow_up_after_seconds: 0,
        };
        let noop = js_sys::Function::new_no_args("return 'null'");
        let host = Host {
            panel: panel.clone(),
            emit: noop.clone(),
            identity: noop.clone(),
            texts: noop,
        };
        Chat::new(
            widget_id,
            "http://127.0.0.1:9".into(),
            Some(config),
            "en".into(),
            host,
        )
    }

    /// Lets Leptos render what a signal change scheduled.
    async fn rendered() {
        parley_web_client::backoff::pause(20).await;
    }

    fn mount(panel: &HtmlElement, chat: Chat) {
        leptos::mount::mount_to(
            panel.clone(),
            move || leptos::view! { <super::Panel chat /> },
        )
        .forget();
    }

    #[wasm_bindgen_test]
    fn shows_the_configured_welcome_and_offline_message_inside_the_shadow_root_only() {
        let (shadow, panel) = shadow_panel();
        mount(&panel, chat(&panel, false));
        let text = |selector: &str| {
            shadow
                .query_selector(selector)
                .unwrap()
                .map(|e| e.text_content().unwrap())
        };
        assert_eq!(text(".parley-title").as_deref(), Some("Acme support"));
        assert_eq!(text(".parley-welcome").as_deref(), Some("Welcome to Acme!"));
        assert_eq!(
            text(".parley-offline-banner").as_deref(),
            Some("We're away.")
        );
        let document = web_sys::window().unwrap().document().unwrap();
        assert!(
            document.query_selector(".parley-chat").unwrap().is_none(),
            "nothing leaks into the light DOM"
        );
    }

    #[wasm_bindgen_test]
    fn no_offline_banner_while_agents_are_online() {
        let (shadow, panel) = shadow_panel();
        mount(&panel, chat(&panel, true));
        assert!(
            shadow
                .query_selector(".parley-offline-banner")
                .unwrap()
                .is_none()
        );
    }

    #[wasm_bindgen_test]
    async fn message_text_is_text_and_links_are_safe_anchors() {
        let (shadow, panel) = shadow_panel();
        let chat = chat(&panel, true);
        mount(&panel, chat);
        let message = Message {
            id: "m1".into(),
            conversation_id: "c".into(),
            seq: 1,
            content: "<img src=x onerror=\"window.__pwned=1\"> see https://example.com/help".into(),
            sender_type: SenderType::Agent,
            sender_id: "a".into(),
            is_read: false,
            created_at: "2026-01-01T10:30:00Z".into(),
            sources: Vec::new(),
            private: false,
            attachments: Vec::new(),
        };
        chat.timeline.update(|timeline| {
            timeline.upsert(message);
        });
        rendered().await;
        let bubble = shadow
            .query_selector(".parley-message .parley-text")
            .unwrap()
            .expect("the message is shown");
        assert!(
            bubble.text_content().unwrap().starts_with("<img src=x"),
            "markup shows as text"
        );
        assert!(
            bubble.query_selector("img").unwrap().is_none(),
            "no element was created from the text"
        );
        let link = bubble
            .query_selector("a")
            .unwrap()
            .expect("the URL is a link");
        assert_eq!(
            link.get_attribute("href").as_deref(),
            Some("https://example.com/help")
        );
        assert_eq!(
            link.get_attribute("rel").as_deref(),
            Some("noopener noreferrer nofollow")
        );
        assert!(
            js_sys::Reflect::get(&js_sys::global(), &"__pwned".into())
                .unwrap()
                .is_undefined()
        );
    }

    #[wasm_bindgen_test]
    async fn queued_messages_show_as_pending_and_refused_ones_offer_a_retry() {
        let (shadow, panel) = shadow_panel();
        let chat = chat(&panel, true);
        mount(&panel, chat);
        chat.outbox.update(|outbox| {
            outbox.enqueue("c1".into(), "first".into(), Vec::new());
            outbox.enqueue("c2".into(), "second".into(), Vec::new());
            outbox.failed("c2", "the conversation is closed".into());
        });
        rendered().await;
        let pending = shadow.query_selector_all(".parley-pending").unwrap();
        assert_eq!(pending.length(), 2);
        let texts: Vec<String> = (0..2)
            .map(|i| pending.item(i).unwrap().text_content().unwrap())
            .collect();
        assert!(
            texts[0].contains("first") && texts[0].contains("Sending"),
            "{texts:?}"
        );
        assert!(
            texts[1].contains("the conversation is closed") && texts[1].contains("Retry"),
            "{texts:?}"
        );
    }

    fn delta(id: &str, piece: &str) -> RoomEvent {
        RoomEvent::Delta(MessageDelta {
            conversation_id: "c".into(),
            message_id: id.into(),
            delta: piece.into(),
        })
    }

    fn texts(shadow: &ShadowRoot, selector: &str) -> Vec<String> {
        let found = shadow.query_selector_all(selector).unwrap();
        (0..found.length())
            .map(|i| found.item(i).unwrap().text_content().unwrap())
            .collect()
    }

    #[wasm_bindgen_test]
    async fn a_streamed_answer_grows_in_one_ai_bubble_that_its_sourced_message_replaces() {
        let (shadow, panel) = shadow_panel();
        let chat = chat(&panel, true);
        mount(&panel, chat);
        chat.on_event(delta("m2", "Paste one "));
        rendered().await;
        // Drawn as markdown, which drops a line's trailing spaces (as CommonMark does).
        assert_eq!(
            texts(&shadow, ".parley-streaming .parley-text"),
            ["Paste one"]
        );
        assert_eq!(
            texts(&shadow, ".parley-streaming .parley-badge"),
            ["AI"],
            "the partial answer is marked as the bot's"
        );
        chat.on_event(delta("m2", "script tag."));
        rendered().await;
        assert_eq!(
            texts(&shadow, ".parley-streaming .parley-text"),
            ["Paste one script tag."]
        );
        let answer = Message {
            id: "m2".into(),
            conversation_id: "c".into(),
            seq: 2,
            content: "Paste one script tag.".into(),
            sender_type: SenderType::Ai,
            sender_id: "bot".into(),
            is_read: false,
            created_at: "2026-01-01T10:30:00Z".into(),
            sources: vec![
                Source {
                    title: "Embedding the widget".into(),
                    url: Some("https://docs.parley.dev/embed".into()),
                    relevance: 0.9,
                },
                Source {
                    title: "<b>Parley FAQ</b>".into(),
                    url: Some("javascript:alert(1)".into()),
                    relevance: 0.4,
                },
            ],
            private: false,
            attachments: Vec::new(),
        };
        chat.on_event(RoomEvent::Message(answer.clone()));
        chat.on_event(delta("m2", "a replayed piece"));
        rendered().await;
        assert!(texts(&shadow, ".parley-streaming").is_empty());
        assert_eq!(
            texts(&shadow, ".parley-message .parley-text"),
            ["Paste one script tag."],
            "shown once, as the stored message"
        );
        assert_eq!(
            texts(&shadow, ".parley-sources li"),
            ["Embedding the widget", "<b>Parley FAQ</b>"],
            "titles are text, best first"
        );
        let links = shadow.query_selector_all(".parley-sources a").unwrap();
        assert_eq!(links.length(), 1, "only the web address is a link");
        let link: web_sys::Element = links.item(0).unwrap().unchecked_into();
        assert_eq!(
            link.get_attribute("href").as_deref(),
            Some("https://docs.parley.dev/embed")
        );
        assert!(
            shadow
                .query_selector(".parley-sources b")
                .unwrap()
                .is_none()
        );
    }

    #[wasm_bindgen_test]
    async fn talk_to_a_human_shows_while_the_bot_answers_and_goes_once_a_person_takes_over() {
        let (shadow, panel) = shadow_panel();
        let chat = chat(&panel, true);
        mount(&panel, chat);
        let button = || {
            shadow
                .query_selector(".parley-handoff:not([hidden])")
                .unwrap()
        };
        rendered().await;
        assert!(button().is_none(), "no bot, no button");
        chat.ai_active.set(true);
        rendered().await;
        assert_eq!(
            button().and_then(|b| b.text_content()).as_deref(),
            Some("Talk to a human")
        );
        chat.on_event(delta("m9", "Unfinished"));
        chat.on_event(RoomEvent::HandedOff);
        rendered().await;
        assert!(button().is_none());
        assert!(
            shadow
                .query_selector(".parley-streaming")
                .unwrap()
                .is_none(),
            "an answer the bot will not finish goes away"
        );
        chat.ai_active.set(true);
        chat.on_event(RoomEvent::AgentAssigned(AgentAssigned {
            agent_id: "a".into(),
            agent_name: "Alex".into(),
            conversation_id: None,
        }));
        rendered().await;
        assert!(button().is_none(), "an assigned agent takes over too");
    }

    #[wasm_bindgen_test]
    async fn with_a_bot_answering_nobody_being_online_is_told_only_after_a_handoff() {
        let banner = |shadow: &ShadowRoot| {
            shadow
                .query_selector(".parley-offline-banner")
                .unwrap()
                .is_some()
        };
        let (shadow, panel) = shadow_panel();
        mount(&panel, chat_on(&panel, false, true, None));
        rendered().await;
        assert!(!banner(&shadow), "the bot answers the first message");

        let (shadow, panel) = shadow_panel();
        let session = StoredSession {
            conversation_id: "c".into(),
            visitor_token: "t".into(),
            visitor_id: "v".into(),
        };
        let chat = chat_on(&panel, false, true, Some(session));
        chat.ai_active.set(true);
        mount(&panel, chat);
        rendered().await;
        assert!(!banner(&shadow));
        chat.on_event(RoomEvent::HandedOff);
        rendered().await;
        assert!(banner(&shadow), "people answer now, and none is online");
    }

    #[wasm_bindgen_test]
    async fn a_closed_conversation_offers_a_new_one_where_a_reply_does_not_reopen_it() {
        let (shadow, panel) = shadow_panel();
        let chat = chat_configured(&panel, true, false, None, false);
        mount(&panel, chat);
        rendered().await;
        assert!(shadow.query_selector("textarea").unwrap().is_some());
        chat.on_event(RoomEvent::Closed);
        rendered().await;
        assert!(shadow.query_selector("textarea").unwrap().is_none());
        assert_eq!(
            texts(&shadow, ".parley-closed button"),
            ["Start a new conversation"]
        );
        chat.on_event(RoomEvent::Reopened);
        rendered().await;
        assert!(shadow.query_selector(".parley-closed").unwrap().is_none());
    }

    #[wasm_bindgen_test]
    async fn where_a_reply_reopens_the_composer_stays_and_keeps_its_text() {
        let (shadow, panel) = shadow_panel();
        let chat = chat(&panel, true);
        mount(&panel, chat);
        rendered().await;
        let input: web_sys::HtmlTextAreaElement = shadow
            .query_selector("textarea")
            .unwrap()
            .unwrap()
            .unchecked_into();
        input.set_value("half a thought");
        chat.on_event(RoomEvent::Closed);
        rendered().await;
        assert_eq!(
            texts(&shadow, ".parley-ended"),
            ["This conversation has ended. Write below to reopen it."]
        );
        let still: web_sys::HtmlTextAreaElement = shadow
            .query_selector("textarea")
            .unwrap()
            .unwrap()
            .unchecked_into();
        assert_eq!(still.value(), "half a thought", "the same message box");
    }
}
