//! What a new visitor meets first, in real headless Chromium against `wrangler dev`: the bot's
//! first answer arrives however late the widget's socket joins (ten fresh visits in a row:
//! `first_answer.rs`), a phone visitor can close the
//! chat, presence is live and the texts agree with it, a closed conversation takes a reply,
//! failures are said in words with a retry, and the widget's small faults are gone.

use parley_shared_types::bot::DEFAULT_BOT_WELCOME;
use parley_shared_types::message::{Message, SendMessageRequest};
use parley_shared_types::page::Page;
use parley_tests::Server;
use parley_tests::admin_page::{
    click, go, inbox_ready, sign_in, text_of, type_into, wait_for_text,
};
use parley_tests::fixtures::{DEMO_FAQ, DEMO_QUESTION, Team};
use parley_tests::widget_page::{
    answers, js, launcher_shown, offline_banner, only_conversation, open, type_message, visit,
    widget_text,
};
use std::time::Duration;

/// Holds every frame the page's WebSockets send for `delay_ms`, in order: the widget's hub
/// socket completes its handshake (and so joins its conversation) that much later, as on a
/// slow network.
fn slow_socket(delay_ms: u32) -> String {
    format!(
        "<script>
        window.WebSocket = class extends WebSocket {{
            send(data) {{
                if (this.held === undefined) {{
                    this.held = [];
                    setTimeout(() => {{ const held = this.held; this.held = null; held.forEach((d) => super.send(d)); }}, {delay_ms});
                }}
                if (this.held) this.held.push(data); else super.send(data);
            }}
        }};
        </script>"
    )
}

#[tokio::test]
async fn an_answer_stored_before_the_widget_socket_joins_is_still_shown() {
    let server = Server::shared().await;
    let (team, _) = Team::with_demo_bot(server).await;
    let (_page, visitor) = visit(&team, &slow_socket(2500)).await;
    open(&visitor).await;
    type_message(&visitor, DEMO_QUESTION).await;
    assert_eq!(answers(&visitor, 1).await, [DEMO_FAQ[0].1]);
    let status = visitor
        .wait_for(
            "the hub to connect",
            &js("const s = root.querySelector('.parley-status'); return s && s.textContent === '' ? true : null;"),
        )
        .await
        .unwrap();
    assert_eq!(status, true, "connected says nothing");
    visitor.close().await.unwrap();
}

#[tokio::test]
async fn a_phone_visitor_closes_the_chat_from_its_header_and_the_launcher_shows_open() {
    let server = Server::shared().await;
    let team = Team::new(server).await;

    // Desktop: the launcher turns into a close control while the chat is open.
    let (_page, desktop) = visit(&team, "").await;
    let icon = js("const l = root.querySelector('.launcher');
         return { expanded: l.getAttribute('aria-expanded'),
                  chat: getComputedStyle(l.querySelector('.chat')).display,
                  x: getComputedStyle(l.querySelector('.x')).display };");
    let closed = desktop.wait_for("the launcher", &icon).await.unwrap();
    assert_eq!(closed["expanded"], "false");
    assert_eq!(
        (closed["x"].as_str(), closed["chat"].as_str()),
        (Some("none"), Some("inline"))
    );
    open(&desktop).await;
    let opened = desktop.wait_for("the launcher", &icon).await.unwrap();
    assert_eq!(opened["expanded"], "true");
    assert_eq!(
        (opened["x"].as_str(), opened["chat"].as_str()),
        (Some("inline"), Some("none")),
        "{opened}"
    );
    desktop.close().await.unwrap();

    // Phone: the panel covers the screen and the launcher; the header's button closes it.
    let (_page, phone) = visit(&team, "").await;
    phone.client.set_window_size(390, 844).await.unwrap();
    open(&phone).await;
    let covered = phone
        .wait_for(
            "the full-screen panel",
            &js("const b = root.querySelector('.launcher').getBoundingClientRect();
                 const top = root.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2);
                 const panel = root.querySelector('.panel').getBoundingClientRect();
                 return { launcherReachable: top === root.querySelector('.launcher'), width: panel.width };"),
        )
        .await
        .unwrap();
    assert_eq!(covered["launcherReachable"], false, "{covered}");
    assert!(covered["width"].as_f64().unwrap() <= 390.0, "{covered}");
    let close = phone
        .element(
            "the header's close button",
            &js("return root.querySelector('.parley-header .parley-close');"),
        )
        .await
        .unwrap();
    assert_eq!(
        close.attr("aria-label").await.unwrap().as_deref(),
        Some("Close chat")
    );
    close.click().await.unwrap();
    let after = phone
        .wait_for(
            "the panel to close",
            &js("const p = root.querySelector('.panel'); if (!p.hidden) return null;
                 return { focused: root.activeElement === root.querySelector('.launcher'),
                          expanded: root.querySelector('.launcher').getAttribute('aria-expanded') };"),
        )
        .await
        .unwrap();
    assert_eq!(
        after["focused"], true,
        "focus goes back to the launcher: {after}"
    );
    assert_eq!(after["expanded"], "false");

    // Esc still closes it, and the close button is inside the focus trap.
    open(&phone).await;
    let focusable = phone
        .wait_for(
            "the focus order",
            &js("return [...root.querySelector('.panel').querySelectorAll('button,textarea,input,a[href]')].map(e => e.className);"),
        )
        .await
        .unwrap();
    assert!(
        focusable.to_string().contains("parley-close"),
        "{focusable}"
    );
    phone
        .client
        .execute(
            &js("root.querySelector('textarea').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true })); return true;"),
            vec![],
        )
        .await
        .unwrap();
    phone
        .wait_for(
            "Esc to close the panel",
            &js("return root.querySelector('.panel').hidden ? true : null;"),
        )
        .await
        .unwrap();
    phone.close().await.unwrap();
}

#[tokio::test]
async fn after_a_handoff_the_texts_agree_with_presence_and_name_the_agent_after_a_reload() {
    let server = Server::shared().await;
    let (team, _) = Team::with_demo_bot(server).await;
    // The visitor's page loaded while nobody was online; the bot greets them.
    let (_page, visitor) = visit(&team, "").await;
    open(&visitor).await;
    assert_eq!(
        widget_text(&visitor, "the welcome", ".parley-welcome").await,
        DEFAULT_BOT_WELCOME,
        "while a bot answers, its welcome is the one shown"
    );
    type_message(&visitor, DEMO_QUESTION).await;
    answers(&visitor, 1).await;
    let agent = sign_in(server, &team.agent_user.email).await;
    inbox_ready(&agent).await;
    let ask_for_human = visitor
        .element(
            "the 'Talk to a human' button",
            &js("return root.querySelector('.parley-handoff:not([hidden])');"),
        )
        .await
        .unwrap();
    ask_for_human.click().await.unwrap();
    let handed = answers(&visitor, 2).await;
    assert!(
        !handed[1].contains("shortly"),
        "the handoff promises no time: {handed:?}"
    );
    assert_eq!(
        widget_text(&visitor, "the agent's name", ".parley-subtitle").await,
        "You're chatting with Alex Agent"
    );
    let banner = visitor
        .client
        .execute(
            &js("return root.querySelector('.parley-offline-banner') === null;"),
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        banner, true,
        "no offline banner under an online agent's name"
    );

    // The agent answers; after a reload the widget still names them.
    let conversation = only_conversation(&team).await;
    let path = format!("/api/conversations/{}/messages", conversation.id);
    let _: Message = team
        .agent
        .post(
            &path,
            &SendMessageRequest::text("Alex here, how can I help?"),
        )
        .await
        .expect_status(201);
    answers(&visitor, 3).await;
    visitor.client.refresh().await.unwrap();
    launcher_shown(&visitor).await;
    open(&visitor).await;
    let sender = visitor
        .wait_for(
            "the agent's reply",
            &js("const s = [...root.querySelectorAll('.parley-theirs .parley-sender')].map(e => e.textContent);
                 return s.length >= 3 ? s[s.length - 1] : null;"),
        )
        .await
        .unwrap();
    assert_eq!(sender, "Alex Agent");

    // The agent leaves: the banner is back and the header no longer says they are here.
    agent.close().await.unwrap();
    offline_banner(&visitor, true).await;
    assert_eq!(
        widget_text(&visitor, "the header", ".parley-subtitle").await,
        "Alex Agent will reply here when back"
    );
    visitor.close().await.unwrap();
}

#[tokio::test]
async fn the_bot_greets_thanks_and_says_it_does_not_know_rather_than_citing_a_wrong_source() {
    let server = Server::shared().await;
    let (team, bot) = Team::with_demo_bot(server).await;
    for question in [
        "What are your opening hours?",
        "Does it work with WordPress?",
        "Where are you located?",
    ] {
        let answer = team.ask(&bot, question, None).await;
        assert!(
            answer.sources.is_empty() && answer.response.contains("don't know"),
            "{question:?} got {answer:?}"
        );
    }
    let greeted = team.ask(&bot, "hello", None).await;
    assert_eq!(greeted.response, "Hello! How can I help you today?");
    assert!(greeted.sources.is_empty());
    let thanked = team.ask(&bot, "thanks!", None).await;
    assert_eq!(
        thanked.response,
        "You're welcome! Is there anything else I can help with?"
    );
    assert!(thanked.sources.is_empty());
    // The distinctive words still find their answer, with its source.
    let answered = team.ask(&bot, "Can I connect OpenAI?", None).await;
    assert_eq!(answered.response, DEMO_FAQ[3].1);
    assert_eq!(answered.sources[0].title, "Parley FAQ");
}

/// The stored messages of a conversation, once there are `count`.
async fn stored_messages(team: &Team, conversation_id: &str, count: usize) -> Vec<Message> {
    let path = format!("/api/conversations/{conversation_id}/messages");
    loop {
        let page: Page<Message> = team.agent.get(&path).await.expect_status(200);
        if page.data.len() >= count {
            return page.data;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn an_agent_on_a_phone_reads_the_inbox_without_scrolling_sideways_and_sees_who_wrote_what() {
    let server = Server::shared().await;
    let (team, _) = Team::with_demo_bot(server).await;
    let visitor = team.visitor().await;
    visitor.say(DEMO_QUESTION).await;
    stored_messages(&team, visitor.conversation_id(), 2).await;
    let _: Message = team
        .agent
        .post(
            &visitor.messages_path(),
            &SendMessageRequest::text("Alex here: anything else?"),
        )
        .await
        .expect_status(201);

    // An admin, whose navigation has every screen.
    let agent = sign_in(server, &team.admin_user.email).await;
    agent.client.set_window_size(390, 844).await.unwrap();
    let fits = "const wide = [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                    .slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className);
                return { page: document.documentElement.scrollWidth, viewport: window.innerWidth, wide };";
    inbox_ready(&agent).await;
    let list = agent.client.execute(fits, vec![]).await.unwrap();
    assert!(
        list["page"].as_f64() <= list["viewport"].as_f64(),
        "the list fits the phone: {list}"
    );
    go(&agent, &format!("#/inbox/{}", visitor.conversation_id())).await;
    let seen = agent
        .wait_for(
            "the conversation's three messages",
            "const messages = [...document.querySelectorAll('#messages .message')];
             if (messages.length < 3) return null;
             return messages.map(m => ({
                 sender: m.querySelector('.message-sender').textContent,
                 badge: m.querySelector('.message-badge')?.textContent ?? null,
                 border: getComputedStyle(m).borderTopStyle,
             }));",
        )
        .await
        .unwrap();
    assert_eq!(seen[0]["sender"], "Visitor", "{seen}");
    assert_eq!(
        (seen[1]["sender"].as_str(), seen[1]["badge"].as_str()),
        (Some("Bot"), Some("Bot")),
        "{seen}"
    );
    assert_eq!(
        seen[2]["sender"], "Alex Agent",
        "the teammate by name: {seen}"
    );
    assert_ne!(
        seen[1]["border"], seen[2]["border"],
        "the bot's bubble looks unlike a person's: {seen}"
    );
    let widths = agent.client.execute(fits, vec![]).await.unwrap();
    assert!(
        widths["page"].as_f64() <= widths["viewport"].as_f64(),
        "nothing is wider than the phone: {widths}"
    );
    agent.close().await.unwrap();
}

#[tokio::test]
async fn an_admin_tries_the_bot_reads_errors_in_words_and_response_times_split_by_who_answered() {
    let server = Server::shared().await;
    let (team, bot) = Team::with_demo_bot(server).await;
    let visitor = team.visitor().await;
    visitor.say(DEMO_QUESTION).await;
    stored_messages(&team, visitor.conversation_id(), 2).await;

    let admin = sign_in(server, &team.admin_user.email).await;
    go(&admin, &format!("#/bots/{}", bot.id)).await;
    text_of(&admin, "the try box", "#try-heading").await;
    // What the bot learned from its source can be read.
    click(&admin, "#knowledge-sources .view-source").await;
    let learned = text_of(&admin, "the source's chunks", "#knowledge-view").await;
    assert!(
        learned.contains("5 chunks") && learned.contains(DEMO_FAQ[3].1),
        "{learned}"
    );
    type_into(&admin, "#bot-try-question", "Can I connect OpenAI?").await;
    click(&admin, "#bot-try").await;
    let tried = text_of(&admin, "the tried answer", "#bot-try-answer").await;
    assert!(tried.contains(DEMO_FAQ[3].1), "{tried}");
    assert!(
        tried.contains("Parley FAQ") && tried.contains('%'),
        "its source and relevance: {tried}"
    );
    admin
        .client
        .execute(
            "document.querySelector('#bot-try-question').value = '';",
            vec![],
        )
        .await
        .unwrap();
    type_into(&admin, "#bot-try-question", "What are your opening hours?").await;
    click(&admin, "#bot-try").await;
    wait_for_text(
        &admin,
        "the honest answer",
        "#bot-try-answer",
        "Nothing in its knowledge answers this",
    )
    .await;

    // The admin teaches it by editing the source; the bot relearns it at once.
    const HOURS: &str = "We answer on weekdays from nine to five.";
    click(&admin, "#knowledge-view #edit-knowledge").await;
    let learned = admin
        .wait_for(
            "the source's text",
            "return document.querySelector('#knowledge-edit')?.value || null;",
        )
        .await
        .unwrap();
    let learned = learned.as_str().unwrap_or_default();
    assert!(
        learned.contains(DEMO_FAQ[3].0),
        "the pairs to edit: {learned}"
    );
    type_into(
        &admin,
        "#knowledge-edit",
        &format!("{learned}\n\nWhat are your opening hours?\n{HOURS}"),
    )
    .await;
    click(&admin, "#save-knowledge").await;
    wait_for_text(
        &admin,
        "the relearned source",
        "#knowledge-view",
        "6 chunks",
    )
    .await;
    wait_for_text(
        &admin,
        "the new count",
        "#knowledge-sources .chunk-count",
        "6",
    )
    .await;
    click(&admin, "#bot-try").await;
    wait_for_text(&admin, "the new answer", "#bot-try-answer", HOURS).await;

    // A form's refusal reads as words, not as the API's field names.
    type_into(&admin, "#integration-name", "Local model").await;
    click(&admin, "#add-integration").await;
    let refusal = text_of(&admin, "the refusal", "#new-integration [role=alert]").await;
    assert!(
        refusal.contains("Base URL is required") && !refusal.contains("baseUrl"),
        "{refusal}"
    );

    // The widget editor's preview greets as visitors are greeted: with the bot's welcome.
    go(&admin, &format!("#/widgets/{}", team.widget.id)).await;
    wait_for_text(
        &admin,
        "the preview's greeting",
        "#preview-welcome",
        DEFAULT_BOT_WELCOME,
    )
    .await;

    go(&admin, "#/dashboard").await;
    let headline = text_of(&admin, "the headline", "#headline").await;
    for said in [
        "People's response time",
        "a teammate's first reply",
        "Bot's response time",
        "under 1 s",
        "none yesterday",
    ] {
        assert!(headline.contains(said), "{said:?} in {headline}");
    }
    assert!(!headline.contains("0% vs yesterday"), "{headline}");
    admin.close().await.unwrap();
}
