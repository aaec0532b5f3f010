//! The widget's state and what changes it: history, live hub events, the outbox of unsent
//! messages, typing, read receipts and connectivity. Components only read signals and call
//! these methods.

use crate::events::RoomEvent;
use crate::outbox::Outbox;
use crate::session::{self, Stored, StoredSession};
use crate::timeline::Timeline;
use leptos::prelude::*;
use leptos::task::spawn_local;
use parley_shared_types::attachment::Attachment;
use parley_shared_types::conversation::ConversationStatus;
use parley_shared_types::hub::methods;
use parley_shared_types::message::{Message, SendMessageRequest, SenderType};
use parley_shared_types::page::Page;
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::widget::WidgetConfig;
use parley_shared_types::widget_text::WidgetText;
use parley_web_client::backoff;
use parley_web_client::http::{Client, ClientError};
use parley_web_client::hub::{HubConnection, HubStatus, HubTarget};
use parley_web_client::json::{self, FromJs, Object, ToJs, boolean, string};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// What the widget reads of `GET /api/conversations/{id}` and of a handoff's answer (the rest
/// is for agents).
struct ConversationState {
    closed: bool,
    ai_active: bool,
}

impl FromJs for ConversationState {
    fn from_js(value: &JsValue) -> Option<Self> {
        Some(ConversationState {
            closed: string(value, "status")? == ConversationStatus::Closed.as_str(),
            ai_active: boolean(value, "aiActive").unwrap_or(false),
        })
    }
}

/// An answer that matters only for having come (a stored rating, a follow-up address).
struct Accepted;

impl FromJs for Accepted {
    fn from_js(_: &JsValue) -> Option<Self> {
        Some(Accepted)
    }
}

/// What the widget reads of a started conversation.
struct Started {
    id: String,
    visitor_id: String,
    visitor_token: String,
    ai_active: bool,
}

impl FromJs for Started {
    fn from_js(value: &JsValue) -> Option<Self> {
        Some(Started {
            id: string(value, "id")?,
            visitor_id: string(value, "visitorId")?,
            visitor_token: string(value, "visitorToken")?,
            ai_active: boolean(value, "aiActive").unwrap_or(false),
        })
    }
}

/// What the page may say of the visitor (`Parley.identify`), copied into a new
/// conversation's metadata.
const IDENTITY_FIELDS: [&str; 4] = ["userId", "name", "email", "userHash"];

/// After this long without a keystroke, the visitor has stopped typing.
const TYPING_IDLE_MS: i32 = 3000;

/// An agent who stops typing without saying so (a closed tab) stops showing after this.
const TYPING_TIMEOUT_MS: i32 = 8000;

/// How often an open panel asks again whether an agent is online: often enough to follow
/// agents coming and going, rarely enough to stay far inside the per-IP request limit.
const PRESENCE_REFRESH_MS: i32 = 20_000;

/// Messages fetched per history page.
const HISTORY_PAGE: u32 = 100;

/// How often a reconnect's state read is tried before the next reconnect tries again.
const STATE_READ_ATTEMPTS: u32 = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connectivity {
    /// No conversation yet, so nothing to be connected to.
    Idle,
    Connecting,
    Live,
    /// The browser is offline or the hub is reconnecting; messages wait in the outbox.
    Offline,
}

/// Everything the panel shows, as signals, and the handles that change it.
#[derive(Clone, Copy)]
pub struct Chat {
    pub timeline: RwSignal<Timeline>,
    pub outbox: RwSignal<Outbox>,
    pub connectivity: RwSignal<Connectivity>,
    pub agent_typing: RwSignal<bool>,
    pub closed: RwSignal<bool>,
    /// The assigned agent's id and name, once the hub says who it is.
    pub agent: RwSignal<Option<(String, String)>>,
    /// A bot answers until a person takes over.
    pub ai_active: RwSignal<bool>,
    /// Whether an agent is online now: read at load, then again while the panel is open.
    pub agents_online: RwSignal<bool>,
    pub error: RwSignal<Option<String>>,
    /// The last attempt to send the outbox failed on the way (it waits for a retry).
    pub stalled: RwSignal<bool>,
    /// Counts the visitor opening the panel (what is shown must then be scrolled into view).
    pub opened: RwSignal<u32>,
    /// The visitor answered the pre-chat form.
    pub introduced: RwSignal<bool>,
    /// A file the visitor attached is on its way up.
    pub uploading: RwSignal<bool>,
    /// Where replies go by email while the visitor is away (empty: they declined).
    pub follow_up: RwSignal<Option<String>>,
    /// The visitor's message has waited longer than the widget's setting for an answer.
    pub kept_waiting: RwSignal<bool>,
    state: StoredValue<Rc<State>, LocalStorage>,
}

/// What the chat keeps that no view follows. One stored value rather than one per field:
/// each stored type costs the widget its own copy of the arena's code.
struct State {
    config: Option<WidgetConfig>,
    locale: String,
    widget_id: String,
    base_url: String,
    host: Host,
    session: RefCell<Option<StoredSession>>,
    flushing: Cell<bool>,
    /// When presence was last read (the config the loader fetched counts).
    presence_read_at: Cell<f64>,
    /// The client id of the message being sent now.
    in_flight: RefCell<Option<String>>,
    /// What the visitor told the pre-chat form (name, email, consent), for their start.
    introduction: RefCell<Vec<(&'static str, JsValue)>>,
    /// The ended conversation a new one continues, until the new one starts.
    previous_conversation: RefCell<Option<String>>,
    /// Counts `TypingStarted` events, so only the latest one's timeout clears the indicator.
    typing_generation: Cell<u32>,
    /// Counts events that change the conversation's state (closed, handed off, assigned), so
    /// a state read under way when one arrives does not undo it with an older answer.
    state_events: Cell<u32>,
    /// Whether the agent was told the visitor is typing, and the timer that says they stopped.
    visitor_typing: Cell<bool>,
    typing_idle_timer: Cell<Option<i32>>,
    /// Fires when the visitor will have waited too long for an answer.
    wait_timer: Cell<Option<i32>>,
    hub: RefCell<Option<HubConnection<RoomEvent>>>,
}

/// What the loader hands the app: where it lives and how to talk back to the page.
pub struct Host {
    /// The panel element (hidden while the chat is closed).
    pub panel: web_sys::HtmlElement,
    /// `emit(name, payload)`: fires `Parley.on(name, …)` listeners.
    pub emit: js_sys::Function,
    /// Returns the JSON of `Parley.identify(…)`'s visitor, or "null".
    pub identity: js_sys::Function,
    /// Returns the texts in the visitor's language (the locale table with the widget's
    /// overrides), by key; missing ones are English.
    pub texts: js_sys::Function,
}

impl Chat {
    pub fn new(
        widget_id: String,
        base_url: String,
        config: Option<WidgetConfig>,
        locale: String,
        host: Host,
    ) -> Chat {
        let stored = session::load(&widget_id);
        let agents_online = config.as_ref().is_some_and(|c| c.agents_online);
        let state = State {
            config,
            locale,
            widget_id,
            base_url,
            host,
            session: RefCell::new(stored.session),
            flushing: Cell::new(false),
            presence_read_at: Cell::new(js_sys::Date::now()),
            in_flight: RefCell::new(None),
            introduction: RefCell::new(Vec::new()),
            previous_conversation: RefCell::new(None),
            typing_generation: Cell::new(0),
            state_events: Cell::new(0),
            visitor_typing: Cell::new(false),
            typing_idle_timer: Cell::new(None),
            wait_timer: Cell::new(None),
            hub: RefCell::new(None),
        };
        Chat {
            timeline: RwSignal::new(Timeline::default()),
            outbox: RwSignal::new(stored.outbox),
            connectivity: RwSignal::new(Connectivity::Idle),
            agent_typing: RwSignal::new(false),
            closed: RwSignal::new(false),
            agent: RwSignal::new(stored.agent),
            ai_active: RwSignal::new(false),
            agents_online: RwSignal::new(agents_online),
            error: RwSignal::new(None),
            stalled: RwSignal::new(false),
            opened: RwSignal::new(0),
            introduced: RwSignal::new(false),
            uploading: RwSignal::new(false),
            follow_up: RwSignal::new(stored.follow_up),
            kept_waiting: RwSignal::new(false),
            state: StoredValue::new_local(Rc::new(state)),
        }
    }

    /// The state itself, not a closure over it: one arena access the whole widget shares
    /// (a closure per call site would be compiled once per call site).
    fn state(self) -> Rc<State> {
        self.state.get_value()
    }

    /// The widget's public config as the loader read it (none if it could not).
    pub fn config(self) -> Option<WidgetConfig> {
        self.state().config.clone()
    }

    /// `text` in the visitor's language.
    pub fn text(self, text: WidgetText) -> String {
        self.host(|host| host.texts.call0(&JsValue::NULL).ok())
            .and_then(|table| string(&table, text.key()))
            .unwrap_or_else(|| text.english().to_owned())
    }

    /// `text` in the visitor's language with `value` in its placeholder (`{n}`, `{name}`).
    pub fn text_with(self, text: WidgetText, value: &str) -> String {
        let template = self.text(text);
        let (Some(open), Some(close)) = (template.find('{'), template.find('}')) else {
            return template;
        };
        String::from(&template[..open]) + value + &template[close + 1..]
    }

    /// The visitor's locale, for times: as the loader says now (`Parley.setLocale` changes
    /// it), else as it was at mount.
    pub fn locale(self) -> String {
        self.host(|host| host.panel.get_attribute("data-locale"))
            .filter(|locale| !locale.is_empty())
            .unwrap_or_else(|| self.state().locale.clone())
    }

    fn with_config<T>(self, read: impl FnOnce(Option<&WidgetConfig>) -> T) -> T {
        read(self.state().config.as_ref())
    }

    fn host<T>(self, read: impl FnOnce(&Host) -> T) -> T {
        read(&self.state().host)
    }

    fn session(self) -> Option<StoredSession> {
        self.state().session.borrow().clone()
    }

    fn set_session(self, session: Option<StoredSession>) {
        self.state().session.replace(session);
    }

    fn hub(self) -> Option<HubConnection<RoomEvent>> {
        self.state().hub.borrow().clone()
    }

    fn widget_id(self) -> String {
        self.state().widget_id.clone()
    }

    fn base_url(self) -> String {
        self.state().base_url.clone()
    }

    /// Resumes a saved conversation (history, then live from its last `seq`) and sends what
    /// was left unsent.
    pub fn start(self) {
        self.watch_connectivity();
        self.watch_panel();
        self.watch_presence();
        if self.session().is_none() {
            self.flush();
            return;
        }
        spawn_local(async move {
            if let Err(error) = self.load_history().await {
                self.report(&error);
            }
            self.connect();
            self.flush();
        });
    }

    /// Whether the widget's pre-chat form comes before the visitor's first message now.
    /// (Presence is followed only while it matters: the composer keeps its text otherwise.)
    pub fn asks_introduction(self) -> bool {
        !self.introduced.get()
            && self.session().is_none()
            && self.with_config(|c| {
                c.is_some_and(|c| c.pre_chat.enabled && c.pre_chat.asks(self.agents_online.get()))
            })
    }

    /// Keeps what the visitor told the pre-chat form for their conversation's start (where
    /// `Parley.identify`, if the page called it, wins), and lets them write.
    pub fn introduce(self, name: String, email: String, consent: bool) {
        let answers = [
            ("name", JsValue::from_str(name.trim())),
            ("email", JsValue::from_str(email.trim())),
            ("consent", JsValue::from_bool(consent)),
        ];
        let given = answers.into_iter().filter(|(_, value)| {
            value
                .as_string()
                .map_or(value.is_truthy(), |text| !text.is_empty())
        });
        self.state().introduction.replace(given.collect());
        self.introduced.set(true);
    }

    /// Whether the visitor may write: always, but to a closed conversation only where a reply
    /// reopens it.
    pub fn can_write(self) -> bool {
        !self.closed.get() || self.reopens_on_reply()
    }

    fn reopens_on_reply(self) -> bool {
        self.with_config(|c| c.is_none_or(|c| c.reopen_on_reply))
    }

    /// Queues a message and sends it as soon as it can.
    pub fn send(self, text: String) {
        let text = text.trim().to_owned();
        if !text.is_empty() {
            self.enqueue(text, Vec::new());
        }
    }

    /// Uploads a file the visitor chose or pasted (starting the conversation first if
    /// needed), then sends it as a message of its own. A refusal (type, size) is said at once.
    pub fn attach(self, file: web_sys::File) {
        if !self.can_write() || self.uploading.get_untracked() {
            return;
        }
        self.uploading.set(true);
        self.error.set(None);
        spawn_local(async move {
            let uploaded = match self.ensure_conversation().await {
                Ok(()) => {
                    let conversation = self.session().map(|s| s.conversation_id);
                    let path = conversation_path(&conversation.unwrap_or_default())
                        + "/attachments?name="
                        + &String::from(js_sys::encode_uri_component(&file.name()));
                    self.client().upload::<Attachment>(&path, &file).await
                }
                Err(error) => Err(error),
            };
            self.uploading.set(false);
            match uploaded {
                Ok(attachment) => self.enqueue(String::new(), vec![attachment]),
                Err(error) => self.report(&error),
            }
        });
    }

    /// Whether to offer replies by email: the visitor wrote, nobody answers live or they
    /// waited too long for an answer, and they have not answered the offer.
    pub fn offers_follow_up(self) -> bool {
        self.connectivity.get() != Connectivity::Idle
            && (!self.agents_online.get() || self.kept_waiting.get())
            && self.people_answer()
            && self.follow_up.with(Option::is_none)
    }

    /// The visitor wants the team's replies at `email` while they are away (`consent`: they
    /// ticked the widget's consent text).
    pub fn ask_follow_up(self, email: String, consent: bool) {
        let Some(path) = self
            .session()
            .map(|s| conversation_path(&s.conversation_id) + "/follow-up")
        else {
            return;
        };
        let page = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default();
        let request = Object::new();
        request
            .set_str("email", email.trim())
            .set("consent", &JsValue::from_bool(consent))
            .set_str("pageUrl", &page);
        let request = request.into_js();
        spawn_local(async move {
            match self
                .client()
                .call::<Accepted>("POST", &path, Some(&request))
                .await
            {
                Ok(_) => self.answer_follow_up(email.trim().to_owned()),
                Err(error) => self.report(&error),
            }
        });
    }

    /// The visitor's answer to the offer: an address, or empty for no.
    pub fn answer_follow_up(self, email: String) {
        self.error.set(None);
        self.follow_up.set(Some(email));
        self.save();
    }

    /// A URL in the page for a file of the conversation, read with the visitor's token.
    pub async fn file_url(self, path: String) -> Option<String> {
        self.client().object_url(&path).await.ok()
    }

    fn enqueue(self, text: String, attachments: Vec<Attachment>) {
        if !self.can_write() {
            return;
        }
        let client_message_id = (js_sys::Date::now() as u64).to_string()
            + "-"
            + &((js_sys::Math::random() * 1e9) as u64).to_string();
        self.outbox
            .update(|outbox| outbox.enqueue(client_message_id, text, attachments));
        self.save();
        self.state().visitor_typing.set(false);
        self.typing(false);
        self.flush();
    }

    pub fn retry(self, client_message_id: &str) {
        self.outbox.update(|outbox| outbox.retry(client_message_id));
        self.save();
        self.flush();
    }

    /// Forgets the ended conversation; the next message starts a new one, which names the
    /// ended one so the team can follow the thread.
    pub fn start_over(self) {
        if let Some(hub) = self.hub() {
            hub.close();
        }
        let ended = self.session().map(|s| s.conversation_id);
        self.state().previous_conversation.replace(ended);
        self.state().hub.replace(None);
        self.set_session(None);
        self.timeline.set(Timeline::default());
        self.watch_wait();
        self.outbox.set(Outbox::default());
        self.follow_up.set(None);
        self.closed.set(false);
        self.agent.set(None);
        self.ai_active.set(false);
        self.connectivity.set(Connectivity::Idle);
        self.save();
    }

    /// Whether people answer this conversation (so whether it matters that none is online):
    /// not while the widget's bot does, from before the conversation starts until a handoff.
    pub fn people_answer(self) -> bool {
        let bot_active = self.ai_active.get();
        let bot_widget = self.with_config(|c| c.is_some_and(|c| c.ai_enabled));
        !bot_widget || (!bot_active && self.state().session.borrow().is_some())
    }

    /// Asks for a person instead of the bot.
    pub fn talk_to_human(self) {
        let Some(session) = self.session() else {
            return;
        };
        let path = conversation_path(&session.conversation_id) + "/handoff";
        spawn_local(async move {
            match self
                .client()
                .call::<ConversationState>("POST", &path, None)
                .await
            {
                Ok(conversation) => self.ai_active.set(conversation.ai_active),
                Err(error) => self.report(&error),
            }
        });
    }

    /// The visitor rates the ended conversation 1–5 (`comment` optional); `rated` runs once
    /// the rating is stored.
    pub fn rate(self, stars: u32, comment: Option<String>, rated: impl FnOnce() + 'static) {
        let Some(session) = self.session() else {
            return;
        };
        let path = conversation_path(&session.conversation_id) + "/rating";
        let body = Object::new();
        body.set("score", &JsValue::from(stars));
        body.set_some("comment", comment.as_deref());
        spawn_local(async move {
            match self
                .client()
                .call::<Accepted>("POST", &path, Some(&body.into_js()))
                .await
            {
                Ok(Accepted) => rated(),
                Err(error) => self.report(&error),
            }
        });
    }

    /// The visitor typed a key: the agent is told once, and told they stopped after
    /// [`TYPING_IDLE_MS`] without another.
    pub fn visitor_typed(self) {
        let state = self.state();
        if !state.visitor_typing.replace(true) {
            self.typing(true);
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Some(timer) = state.typing_idle_timer.take() {
            window.clear_timeout_with_handle(timer);
        }
        let stop = wasm_bindgen::closure::Closure::once_into_js(move || {
            if self.state().visitor_typing.replace(false) {
                self.typing(false);
            }
        });
        let timer = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            wasm_bindgen::JsCast::unchecked_ref(&stop),
            TYPING_IDLE_MS,
        );
        state.typing_idle_timer.set(timer.ok());
    }

    /// Tells the agent the visitor is (or stopped) typing.
    fn typing(self, active: bool) {
        if let Some(hub) = self.hub() {
            hub.invoke(if active {
                methods::TYPING_START
            } else {
                methods::TYPING_STOP
            });
        }
    }

    fn client(self) -> Client {
        let client = Client::new(self.base_url());
        match self.session() {
            Some(session) => client.with_token(session.visitor_token),
            None => client,
        }
    }

    fn save(self) {
        let stored = Stored {
            session: self.session(),
            outbox: self.outbox.get_untracked(),
            agent: self.agent.get_untracked(),
            follow_up: self.follow_up.get_untracked(),
        };
        session::save(&self.widget_id(), &stored);
    }

    fn report(self, error: &ClientError) {
        self.error.set(Some(error.message()));
    }

    fn messages_path(self) -> Option<String> {
        self.session()
            .map(|s| conversation_path(&s.conversation_id) + "/messages")
    }

    async fn load_history(self) -> Result<(), ClientError> {
        let Some(path) = self.messages_path() else {
            return Ok(());
        };
        self.read_state().await?;
        let client = self.client();
        let page_path = |page: u64| {
            path.clone() + "?page=" + &page.to_string() + "&limit=" + &HISTORY_PAGE.to_string()
        };
        let mut page: Page<Message> = client.call("GET", &page_path(1), None).await?;
        let last_page = page.total.div_ceil(u64::from(HISTORY_PAGE)).max(1);
        if last_page > 1 {
            page = client.call("GET", &page_path(last_page), None).await?;
        }
        self.timeline.update(|timeline| {
            for message in page.data {
                timeline.upsert(message);
            }
        });
        self.watch_wait();
        self.mark_agent_messages_read();
        Ok(())
    }

    /// Whether the conversation is closed and who answers it, as the edge says now.
    async fn read_state(self) -> Result<(), ClientError> {
        let Some(path) = self
            .session()
            .map(|s| conversation_path(&s.conversation_id))
        else {
            return Ok(());
        };
        let events_before = self.state().state_events.get();
        let conversation: ConversationState = self.client().call("GET", &path, None).await?;
        if self.state().state_events.get() == events_before {
            self.closed.set(conversation.closed);
            self.ai_active.set(conversation.ai_active);
        }
        Ok(())
    }

    /// [`read_state`](Self::read_state), retried while it meets a passing failure (a rate
    /// limit, a restarting edge): a close or handoff missed here would leave the panel wrong
    /// until the next event.
    async fn read_state_until_known(self) {
        for attempt in 0..STATE_READ_ATTEMPTS {
            match self.read_state().await {
                Err(error) if error.is_transient() => {
                    backoff::pause(backoff::delay_ms(attempt, js_sys::Math::random())).await;
                }
                _ => return,
            }
        }
    }

    fn connect(self) {
        let Some(session) = self.session() else {
            return;
        };
        if self.state().hub.borrow().is_some() {
            return;
        }
        let target = HubTarget {
            base_url: self.base_url(),
            token: session.visitor_token,
            conversation_id: Some(session.conversation_id),
        };
        // The first connect resumes like every reconnect: a new conversation from 0, so the
        // bot's answer, often stored before this socket joins, is replayed rather than missed.
        let last_seq = self
            .timeline
            .with_untracked(Timeline::last_seq)
            .unwrap_or(0);
        let hub = HubConnection::open(
            target,
            Some(last_seq),
            move |event| self.on_event(event),
            move |status| self.on_status(status),
        );
        self.state().hub.replace(Some(hub));
    }

    fn on_status(self, status: HubStatus) {
        let connectivity = match status {
            HubStatus::Connected => Connectivity::Live,
            HubStatus::Connecting if self.connectivity.get_untracked() != Connectivity::Offline => {
                Connectivity::Connecting
            }
            HubStatus::Connecting => Connectivity::Offline,
            HubStatus::Reconnecting { .. } => Connectivity::Offline,
            HubStatus::Closed => Connectivity::Idle,
        };
        self.connectivity.set(connectivity);
        if connectivity == Connectivity::Live {
            // The room resends an answer still being written whole after the handshake.
            self.timeline.update(Timeline::drop_drafts);
            // Messages missed while away are replayed, but not a close, reopen or handoff.
            spawn_local(self.read_state_until_known());
            self.flush();
        }
    }

    pub(crate) fn on_event(self, event: RoomEvent) {
        if matches!(
            event,
            RoomEvent::AgentAssigned(_)
                | RoomEvent::HandedOff
                | RoomEvent::Closed
                | RoomEvent::Reopened
        ) {
            let events = &self.state().state_events;
            events.set(events.get() + 1);
        }
        match event {
            RoomEvent::Message(message) => {
                let from_staff = message.sender_type != SenderType::Visitor;
                if !from_staff {
                    self.settle_in_flight(&message);
                }
                let payload = message.to_js();
                let new = self
                    .timeline
                    .try_update(|timeline| timeline.upsert(message))
                    .unwrap_or(false);
                self.watch_wait();
                if from_staff {
                    self.agent_typing.set(false);
                    if new {
                        self.emit("message", &payload);
                        self.mark_agent_messages_read();
                    }
                }
            }
            RoomEvent::Delta(delta) => self.timeline.update(|timeline| {
                timeline.stream(delta, || {
                    String::from(js_sys::Date::new_0().to_iso_string())
                })
            }),
            RoomEvent::Read(message) => {
                self.timeline.update(|timeline| {
                    timeline.upsert(message);
                });
            }
            RoomEvent::TypingStarted(typing) if typing.sender_type != SenderType::Visitor => {
                self.agent_typing.set(true);
                self.expire_typing();
            }
            RoomEvent::TypingStarted(_) => {}
            RoomEvent::TypingStopped => self.agent_typing.set(false),
            RoomEvent::AgentAssigned(assigned) => {
                self.ai_active.set(false);
                // Only an online agent is assigned.
                self.agents_online.set(true);
                self.agent
                    .set(Some((assigned.agent_id, assigned.agent_name)));
                self.save();
            }
            RoomEvent::HandedOff => {
                self.ai_active.set(false);
                self.timeline.update(Timeline::drop_drafts);
            }
            RoomEvent::Closed => {
                self.closed.set(true);
                self.agent_typing.set(false);
            }
            RoomEvent::Reopened => self.closed.set(false),
        }
    }

    /// The visitor's message came back over the hub before the answer to its send: it is
    /// stored, so its pending bubble goes now rather than showing beside it until then.
    fn settle_in_flight(self, message: &Message) {
        let Some(id) = self.state().in_flight.borrow().clone() else {
            return;
        };
        let same = self.outbox.with_untracked(|outbox| {
            outbox
                .items()
                .iter()
                .any(|p| p.client_message_id == id && p.content.trim() == message.content)
        });
        if same {
            self.outbox.update(|outbox| outbox.sent(&id));
            self.save();
        }
    }

    /// Whether the visitor has waited longer than the widget's setting for the team's answer,
    /// with a timer for the moment they will have (the setting 0 never counts a wait).
    fn watch_wait(self) {
        let state = self.state();
        let window = web_sys::window();
        if let (Some(window), Some(timer)) = (&window, state.wait_timer.take()) {
            window.clear_timeout_with_handle(timer);
        }
        let limit_secs = self.with_config(|c| c.map_or(0, |c| c.follow_up_after_seconds));
        let since = self
            .timeline
            .with_untracked(|t| t.waiting_since().map(js_sys::Date::parse));
        let left = since
            .filter(|_| limit_secs > 0)
            .map(|since| since + f64::from(limit_secs) * 1000.0 - js_sys::Date::now());
        let waited = left.is_some_and(|left| left <= 0.0);
        if self.kept_waiting.get_untracked() != waited {
            self.kept_waiting.set(waited);
        }
        if let (Some(left), Some(window)) = (left.filter(|&left| left > 0.0), window) {
            let check = wasm_bindgen::closure::Closure::once_into_js(move || self.watch_wait());
            let timer = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                wasm_bindgen::JsCast::unchecked_ref(&check),
                left as i32 + 1,
            );
            state.wait_timer.set(timer.ok());
        }
    }

    fn expire_typing(self) {
        let generation = self.state().typing_generation.get() + 1;
        self.state().typing_generation.set(generation);
        let expire = wasm_bindgen::closure::Closure::once_into_js(move || {
            if self.state().typing_generation.get() == generation {
                self.agent_typing.set(false);
            }
        });
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                wasm_bindgen::JsCast::unchecked_ref(&expire),
                TYPING_TIMEOUT_MS,
            );
        }
    }

    fn emit(self, name: &str, payload: &JsValue) {
        self.host(|host| {
            let _ = host
                .emit
                .call2(&JsValue::NULL, &JsValue::from_str(name), payload);
        });
    }

    /// Keeps the newest message in view. Found in the panel rather than held in a node
    /// reference, whose signal would be one more stored type in the widget.
    pub fn scroll_to_newest(self) {
        self.host(|host| {
            if let Ok(Some(list)) = host.panel.query_selector(".parley-messages") {
                list.set_scroll_top(list.scroll_height());
            }
        });
    }

    /// Asks the loader to close the panel (it owns opening, closing and focus).
    pub fn close_panel(self) {
        self.host(|host| {
            if let Ok(event) = web_sys::Event::new("parley-close") {
                let _ = host.panel.dispatch_event(&event);
            }
        });
    }

    /// Marks the agent's messages read while the visitor has the panel open.
    pub fn mark_agent_messages_read(self) {
        let visible = self.host(|host| !host.panel.hidden());
        let (Some(path), true) = (self.messages_path(), visible) else {
            return;
        };
        let unread: Vec<String> = self.timeline.with_untracked(|timeline| {
            timeline
                .messages()
                .iter()
                .filter(|m| m.sender_type != SenderType::Visitor && !m.is_read)
                .map(|m| m.id.clone())
                .collect()
        });
        for id in unread {
            let client = self.client();
            let path = path.clone() + "/" + &id + "/read";
            spawn_local(async move {
                if let Ok(read) = client.call::<Message>("POST", &path, None).await {
                    self.timeline.update(|timeline| {
                        timeline.upsert(read);
                    });
                }
            });
        }
    }

    /// Sends the outbox in order, starting the conversation first if needed. Transient
    /// failures leave messages queued for the next connection; refusals mark them failed.
    pub fn flush(self) {
        if self.state().flushing.get() || self.connectivity.get_untracked() == Connectivity::Offline
        {
            return;
        }
        self.state().flushing.set(true);
        spawn_local(async move {
            while let Some(next) = self.outbox.with_untracked(|outbox| outbox.next().cloned()) {
                if let Err(error) = self.ensure_conversation().await {
                    if error.code() == Some(ErrorCode::LimitsReached) {
                        // The plan takes no more conversations this period: the visitor reads
                        // what they would with nobody online; the message waits in the outbox.
                        let offline = self.with_config(|c| c.map(|c| c.offline_message.clone()));
                        self.error.set(offline);
                    } else {
                        self.report(&error);
                    }
                    self.stalled.set(true);
                    break;
                }
                let request = SendMessageRequest {
                    client_message_id: Some(next.client_message_id.clone()),
                    attachments: next.attachments.iter().map(|a| a.id.clone()).collect(),
                    ..SendMessageRequest::text(next.content.clone())
                };
                self.state()
                    .in_flight
                    .replace(Some(next.client_message_id.clone()));
                let sent = match self.hub().filter(HubConnection::is_connected) {
                    Some(hub) => {
                        let conversation_id = self.session().map(|s| s.conversation_id);
                        hub.send_message(&conversation_id.unwrap_or_default(), &request)
                            .await
                    }
                    None => {
                        let path = self.messages_path().unwrap_or_default();
                        self.client()
                            .call::<Message>("POST", &path, Some(&request.to_js()))
                            .await
                    }
                };
                self.state().in_flight.replace(None);
                match sent {
                    Ok(message) => {
                        // Stored, so the conversation is open (the reply reopened it).
                        self.closed.set(false);
                        self.timeline.update(|timeline| {
                            timeline.upsert(message);
                        });
                        self.outbox
                            .update(|outbox| outbox.sent(&next.client_message_id));
                        self.error.set(None);
                        self.stalled.set(false);
                    }
                    Err(error) if error.is_transient() => {
                        self.report(&error);
                        self.stalled.set(true);
                        break;
                    }
                    Err(error) => {
                        if error.code() == Some(ErrorCode::Conflict) {
                            self.closed.set(true);
                        }
                        self.outbox.update(|outbox| {
                            outbox.failed(&next.client_message_id, error.message())
                        });
                    }
                }
                self.save();
            }
            self.state().flushing.set(false);
        });
    }

    async fn ensure_conversation(self) -> Result<(), ClientError> {
        if self.session().is_some() {
            return Ok(());
        }
        // A `StartConversationRequest`.
        let request = Object::new();
        request
            .set_str("widgetId", &self.widget_id())
            .set("metadata", &self.page_metadata());
        let started: Started = Client::new(self.base_url())
            .call("POST", "/api/conversations", Some(&request.into_js()))
            .await?;
        self.set_session(Some(StoredSession {
            conversation_id: started.id,
            visitor_token: started.visitor_token,
            visitor_id: started.visitor_id,
        }));
        self.ai_active.set(started.ai_active);
        self.state().previous_conversation.replace(None);
        self.save();
        self.connect();
        Ok(())
    }

    /// The page the visitor started on, where they came from, and who the site says they are.
    fn page_metadata(self) -> JsValue {
        let metadata = Object::new();
        metadata.set_some(
            "previousConversationId",
            self.state()
                .previous_conversation
                .borrow()
                .clone()
                .as_deref(),
        );
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            if let Some(location) = document.location() {
                metadata.set_str("page", &location.pathname().unwrap_or_default());
            }
            let referrer = document.referrer();
            if !referrer.is_empty() {
                metadata.set_str("referrer", &referrer);
            }
        }
        let identity = self.host(|host| {
            host.identity
                .call0(&JsValue::NULL)
                .ok()
                .and_then(|v| v.as_string())
                .and_then(|text| json::parse(&text))
        });
        for (key, value) in self.state().introduction.borrow().iter() {
            metadata.set(key, value);
        }
        if let Some(user) = identity {
            for key in IDENTITY_FIELDS {
                metadata.set_some(key, string(&user, key).as_deref());
            }
        }
        metadata.into_js()
    }

    /// Asks whether an agent is online now (the config says), so the offline banner and the
    /// header follow agents signing in and out; not again within [`PRESENCE_REFRESH_MS`].
    fn refresh_presence(self) {
        let now = js_sys::Date::now();
        // A second's slack, so the interval's own tick is never the one skipped.
        if now - self.state().presence_read_at.get() < f64::from(PRESENCE_REFRESH_MS) - 1000.0 {
            return;
        }
        self.state().presence_read_at.set(now);
        let path = String::from("/api/widgets/")
            + &parley_web_client::url::encode(&self.widget_id())
            + "/config";
        let client = Client::new(self.base_url());
        spawn_local(async move {
            if let Ok(config) = client.call::<WidgetConfig>("GET", &path, None).await {
                self.agents_online.set(config.agents_online);
            }
        });
    }

    /// Presence is read again each time the panel opens and, while it is open, every
    /// [`PRESENCE_REFRESH_MS`].
    fn watch_presence(self) {
        let tick = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            if self.host(|host| !host.panel.hidden()) {
                self.refresh_presence();
            }
        });
        if let Some(window) = web_sys::window() {
            let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(
                wasm_bindgen::JsCast::unchecked_ref(tick.as_ref()),
                PRESENCE_REFRESH_MS,
            );
        }
        // The widget lives as long as the page.
        tick.forget();
    }

    /// The loader says when the visitor opens the panel (what they now see is read, and who is
    /// online is asked again) and when the page resets the chat with `Parley.reset()` (a logout
    /// on a shared computer: the conversation is forgotten, and the next visitor's does not name
    /// it).
    fn watch_panel(self) {
        self.on_panel("parley-open", move || {
            self.opened.update(|n| *n += 1);
            self.mark_agent_messages_read();
            self.refresh_presence();
        });
        self.on_panel("parley-reset", move || {
            self.start_over();
            self.state().previous_conversation.replace(None);
            self.state().introduction.replace(Vec::new());
            self.introduced.set(false);
        });
    }

    pub fn on_panel(self, event: &str, listener: impl FnMut() + 'static) {
        let listener = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(listener);
        self.host(|host| {
            let _ = host.panel.add_event_listener_with_callback(
                event,
                wasm_bindgen::JsCast::unchecked_ref(listener.as_ref()),
            );
        });
        // The panel lives as long as the page.
        listener.forget();
    }

    /// Follows the browser's connectivity: offline suspends the hub (messages queue), online
    /// reconnects at once and sends the queue.
    fn watch_connectivity(self) {
        let offline = window_event_listener_untyped("offline", move |_| {
            self.connectivity.set(Connectivity::Offline);
            if let Some(hub) = self.hub() {
                hub.suspend();
            }
        });
        let online = window_event_listener_untyped("online", move |_| {
            let hub = self.hub();
            self.connectivity.set(if hub.is_some() {
                Connectivity::Connecting
            } else {
                Connectivity::Idle
            });
            match hub {
                Some(hub) => hub.reconnect_now(),
                None => self.flush(),
            }
        });
        // The widget lives as long as the page.
        std::mem::forget((offline, online));
    }
}

fn conversation_path(conversation_id: &str) -> String {
    String::from("/api/conversations/") + conversation_id
}
