//! Bots in real headless Chromium against `wrangler dev`: a visitor sees the bot's answer
//! stream into the widget and name its source, and "Talk to a human" puts the conversation in
//! the agent's inbox, live, where it was not while the bot handled it; an admin teaches a bot
//! on the Bots page and gives it to a widget.

use fantoccini::Locator;
use parley_shared_types::bot::{
    Bot, DEFAULT_HANDOFF_MESSAGE, Integration, KnowledgeSource, KnowledgeStatus, ResponseStyle,
};
use parley_shared_types::conversation::Conversation;
use parley_shared_types::page::Page;
use parley_shared_types::widget::Widget;
use parley_tests::admin_page::{click, go, inbox_ready, select, sign_in, type_into, wait_for_text};
use parley_tests::fixtures::Team;
use parley_tests::widget_page::{answers, js, open, type_message, visit};
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

/// Waits until the loaded inbox list shows a row for `visitor` or, when not `expected`, none.
async fn wait_listed(browser: &Browser, visitor: &str, expected: bool) {
    let script = format!(
        "const list = document.querySelector('#conversation-list');
         if (!list || list.getAttribute('aria-busy') !== 'false') return null;
         const listed = [...list.querySelectorAll('.item-visitor')].some(v => v.textContent === {visitor:?});
         return listed === {expected} ? true : null;"
    );
    let what = format!("the inbox to list {visitor}: {expected}");
    browser.wait_for(&what, &script).await.unwrap();
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
    select(&agent, "#filter-handler", "bot").await;
    wait_listed(&agent, &conversation.visitor_id, true).await;
    wait_for_text(
        &agent,
        "the bot badge",
        "#conversation-list .bot-badge",
        "Bot",
    )
    .await;
    select(&agent, "#filter-handler", "people").await;
    wait_listed(&agent, &conversation.visitor_id, false).await;

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
    wait_listed(&agent, &conversation.visitor_id, true).await;
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

#[tokio::test]
async fn an_admin_teaches_a_bot_on_the_bots_page_and_gives_it_to_a_widget() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let admin = sign_in(server, &team.admin_user.email).await;
    go(&admin, "#/bots").await;
    type_into(&admin, "#bot-name", "Helper").await;
    click(&admin, "#create-bot").await;
    admin
        .wait_for(
            "the new bot's page",
            "return document.querySelector('#bot-settings') && location.hash.startsWith('#/bots/') ? true : null;",
        )
        .await
        .unwrap();
    let hash = admin
        .client
        .execute("return location.hash;", vec![])
        .await
        .unwrap();
    let bot_id = hash
        .as_str()
        .unwrap()
        .trim_start_matches("#/bots/")
        .to_owned();

    // FAQ pairs typed as blocks are indexed one chunk each.
    type_into(&admin, "#knowledge-title", GUIDE).await;
    let faqs = format!("{}\n{}\n\n{}\n{}", EMBED.0, EMBED.1, HOURS.0, HOURS.1);
    type_into(&admin, "#knowledge-faqs", &faqs).await;
    click(&admin, "#add-knowledge").await;
    let row = admin
        .wait_for(
            "the indexed source",
            "const row = document.querySelector('#knowledge-sources tbody tr');
             return row && row.textContent.includes('active') ? row.textContent : null;",
        )
        .await
        .unwrap();
    let row = row.as_str().unwrap();
    assert!(row.contains(GUIDE) && row.contains("FAQ pairs"), "{row}");
    assert_eq!(
        admin
            .client
            .find(Locator::Css("#knowledge-sources .chunk-count"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        "2"
    );

    // An integration's key goes to the edge once and is never shown.
    const KEY: &str = "sk-test-never-shown-4242";
    type_into(&admin, "#integration-name", "Local model").await;
    type_into(&admin, "#integration-base-url", "http://127.0.0.1:9/v1").await;
    type_into(&admin, "#integration-model", "tiny").await;
    type_into(&admin, "#integration-api-key", KEY).await;
    click(&admin, "#add-integration").await;
    wait_for_text(&admin, "the integration", "#integrations tbody", "Key set").await;
    let page_shows_key = admin
        .client
        .execute(
            &format!(
                "return document.body.innerText.includes({KEY:?})
                    || [...document.querySelectorAll('input')].some(i => i.value.includes({KEY:?}));"
            ),
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(page_shows_key, false);

    // Settings save what the form says.
    type_into(&admin, "#bot-handoff-keywords", "person, manager").await;
    select(&admin, "#bot-style", "concise").await;
    click(&admin, "#save-bot").await;
    wait_for_text(
        &admin,
        "the saved note",
        "#bot-settings [role=status]",
        "Saved",
    )
    .await;
    let bot: Bot = team
        .admin
        .get(&format!("/api/bots/{bot_id}"))
        .await
        .expect_status(200);
    assert_eq!(bot.settings.response_style, ResponseStyle::Concise);
    assert_eq!(bot.settings.handoff.keywords, ["person", "manager"]);
    let sources: Vec<KnowledgeSource> = bot.knowledge_sources.unwrap_or_default();
    assert_eq!(
        sources
            .iter()
            .map(|s| (s.title.as_str(), s.status, s.chunk_count))
            .collect::<Vec<_>>(),
        [(GUIDE, KnowledgeStatus::Active, 2)]
    );
    let integrations: Page<Integration> = team
        .admin
        .get(&format!("/api/bots/{bot_id}/integrations"))
        .await
        .expect_status(200);
    assert!(integrations.data[0].has_api_key);

    // The widget editor offers the bot once AI answers are on.
    go(&admin, &format!("#/widgets/{}", team.widget.id)).await;
    admin
        .wait_for(
            "the widget's settings in the form",
            &format!(
                "return document.querySelector('#widget-name')?.value === {:?} ? true : null;",
                team.widget.name
            ),
        )
        .await
        .unwrap();
    click(&admin, "#widget-ai").await;
    admin
        .wait_for(
            "the bot choice",
            "return document.querySelector('#widget-bot option:nth-child(2)') ? true : null;",
        )
        .await
        .unwrap();
    select(&admin, "#widget-bot", &bot_id).await;
    click(&admin, "#save-widget").await;
    wait_for_text(&admin, "the saved note", "[role=status]", "Saved").await;
    let widget: Widget = team
        .admin
        .get(&format!("/api/widgets/{}", team.widget.id))
        .await
        .expect_status(200);
    assert!(widget.ai_enabled);
    assert_eq!(widget.bot_id.as_deref(), Some(bot_id.as_str()));

    // Deleting knowledge (confirmed) takes it off the list and the bot.
    go(&admin, &format!("#/bots/{bot_id}")).await;
    click(&admin, "#knowledge-sources .delete-source").await;
    wait_for_text(
        &admin,
        "the confirmation",
        "#knowledge-sources .delete-source",
        "Confirm delete",
    )
    .await;
    assert_eq!(
        team.admin
            .get::<Page<KnowledgeSource>>(&format!("/api/bots/{bot_id}/knowledge-sources"))
            .await
            .expect_status(200)
            .total,
        1,
        "one click deletes nothing"
    );
    click(&admin, "#knowledge-sources .delete-source").await;
    admin
        .wait_for(
            "the source to go",
            "const list = document.querySelector('#knowledge-sources tbody');
             return list && list.children.length === 0 ? true : null;",
        )
        .await
        .unwrap();
    let left: Page<KnowledgeSource> = team
        .admin
        .get(&format!("/api/bots/{bot_id}/knowledge-sources"))
        .await
        .expect_status(200);
    assert_eq!(left.total, 0);
    admin.close().await.unwrap();
}
