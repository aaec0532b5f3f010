//! A bot answering in the widget, in real headless Chromium against `wrangler dev`: the visitor
//! sees its answer stream in and name its source, and "Talk to a human" puts the conversation
//! in the agent's inbox, live, where it was not while the bot handled it.

use fantoccini::Locator;
use parley_shared_types::bot::DEFAULT_HANDOFF_MESSAGE;
use parley_shared_types::conversation::Conversation;
use parley_shared_types::page::Page;
use parley_tests::admin_page::{click, inbox_ready, sign_in, wait_for_text};
use parley_tests::fixtures::Team;
use parley_tests::widget_page::{js, open, type_message, visit};
use parley_tests::{Browser, Server};

const GUIDE: &str = "Widget guide";
const EMBED: (&str, &str) = (
    "How do I embed the chat widget on my website?",
    "Paste one script tag before the closing body tag of every page of your site.",
);
const HOURS: (&str, &str) = (
    "When is the support team available?",
    "Our team answers on weekdays from nine to five.",
);

/// Records, in `window.__streamed`, each text the widget's streaming bubble shows as the DOM
/// changes, so the test can tell a partial answer was on screen before the final one.
const RECORD_STREAMING: &str = "
    window.__streamed = [];
    new MutationObserver(() => {
        for (const el of root.querySelectorAll('.parley-streaming .parley-text')) {
            if (window.__streamed[window.__streamed.length - 1] !== el.textContent) {
                window.__streamed.push(el.textContent);
            }
        }
    }).observe(root.querySelector('.parley-messages'), { childList: true, subtree: true, characterData: true });
    return true;";

/// The texts of the stored (not streaming, not pending) messages from others in the widget,
/// once there are `count`.
async fn answers(browser: &Browser, count: usize) -> Vec<String> {
    let script = js(&format!(
        "const texts = [...root.querySelectorAll('.parley-message.parley-theirs:not(.parley-streaming) .parley-text')].map(e => e.textContent);
         return texts.length >= {count} ? texts : null;"
    ));
    let texts = browser
        .wait_for(&format!("{count} answers"), &script)
        .await
        .unwrap();
    serde_json::from_value(texts).unwrap()
}

/// Whether the inbox list shows a row for `visitor`, once it has finished loading.
async fn listed(browser: &Browser, visitor: &str) -> bool {
    let script = format!(
        "const list = document.querySelector('#conversation-list');
         if (!list || list.getAttribute('aria-busy') !== 'false') return null;
         return [...list.querySelectorAll('.item-visitor')].some(v => v.textContent === {visitor:?});"
    );
    browser
        .wait_for("the inbox list", &script)
        .await
        .unwrap()
        .as_bool()
        .unwrap()
}

async fn show_in_inbox(browser: &Browser, handler: &str) {
    browser
        .client
        .find(Locator::Css("#filter-handler"))
        .await
        .unwrap()
        .select_by_value(handler)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_visitor_gets_a_streamed_sourced_answer_and_a_human_on_request() {
    let server = Server::shared().await;
    let mut team = Team::new(server).await;
    let bot = team.bot_knowing(GUIDE, &[EMBED, HOURS]).await;
    team.answer_with(&bot).await;
    // The agent is in the inbox, so online: a handoff assigns them.
    let agent = sign_in(server, &team.agent_user.email).await;
    inbox_ready(&agent).await;

    let (_page, visitor) = visit(&team, "").await;
    open(&visitor).await;
    visitor
        .client
        .execute(&js(RECORD_STREAMING), vec![])
        .await
        .unwrap();
    type_message(&visitor, "How do I embed the widget on my site?").await;
    assert_eq!(answers(&visitor, 1).await, [EMBED.1]);

    // It was streamed: partial answers, each a beginning of the final one, were on screen first.
    let streamed: Vec<String> = serde_json::from_value(
        visitor
            .client
            .execute("return window.__streamed;", vec![])
            .await
            .unwrap(),
    )
    .unwrap();
    assert!(
        streamed
            .iter()
            .any(|text| !text.is_empty() && text.len() < EMBED.1.len()),
        "a partial answer was shown: {streamed:?}"
    );
    assert!(
        streamed
            .iter()
            .all(|text| EMBED.1.starts_with(text.as_str())),
        "the answer grew in order: {streamed:?}"
    );
    let answer = visitor
        .wait_for(
            "the final answer with its badge and source",
            &js("const answers = [...root.querySelectorAll('.parley-message.parley-theirs')];
                 if (answers.length !== 1 || answers[0].matches('.parley-streaming')) return null;
                 const sources = [...answers[0].querySelectorAll('.parley-sources li')].map(li => li.textContent);
                 return { badge: answers[0].querySelector('.parley-badge')?.textContent, sources };"),
        )
        .await
        .unwrap();
    assert_eq!(answer["badge"], "AI", "{answer}");
    assert_eq!(
        answer["sources"][0], GUIDE,
        "the answer names its source: {answer}"
    );

    // While the bot answers, the conversation is not in the default inbox, only among the bot's.
    let page: Page<Conversation> = team
        .agent
        .get("/api/conversations?aiActive=true")
        .await
        .expect_status(200);
    let conversation = page.data.first().expect("the bot's conversation").clone();
    show_in_inbox(&agent, "bot").await;
    assert!(listed(&agent, &conversation.visitor_id).await);
    wait_for_text(
        &agent,
        "the bot badge",
        "#conversation-list .bot-badge",
        "Bot",
    )
    .await;
    show_in_inbox(&agent, "people").await;
    assert!(!listed(&agent, &conversation.visitor_id).await);

    let ask_for_human = visitor
        .element(
            "the 'Talk to a human' button",
            &js("return root.querySelector('.parley-handoff:not([hidden])');"),
        )
        .await
        .unwrap();
    assert_eq!(ask_for_human.text().await.unwrap(), "Talk to a human");
    ask_for_human.click().await.unwrap();
    assert_eq!(
        answers(&visitor, 2).await,
        [EMBED.1, DEFAULT_HANDOFF_MESSAGE]
    );
    visitor
        .wait_for(
            "the button to go",
            &js("return root.querySelector('.parley-handoff[hidden]') ? true : null;"),
        )
        .await
        .unwrap();

    // The agent sees it arrive live, theirs, and the bot's sources in the conversation.
    agent
        .wait_for(
            "the handed-off conversation in the inbox",
            &format!(
                "return [...document.querySelectorAll('#conversation-list .item-visitor')]
                    .some(v => v.textContent === {:?}) ? true : null;",
                conversation.visitor_id
            ),
        )
        .await
        .unwrap();
    click(&agent, &format!("a[href='#/inbox/{}']", conversation.id)).await;
    wait_for_text(&agent, "the assignee", "#conversation-assignee", "You").await;
    wait_for_text(&agent, "the sources", "#messages .message-sources", GUIDE).await;
    assert!(
        agent.client.find(Locator::Css("#take-over")).await.is_err(),
        "a person handles it now"
    );
    visitor.close().await.unwrap();
    agent.close().await.unwrap();
}
