//! The admin UI's Analytics screen in real headless Chromium against `wrangler dev`: a bot's
//! figures, chart, top question and ratings, the people table, a control that reloads, and
//! the CSV the download button makes, all from activity created through the API.

use fantoccini::Locator;
use parley_shared_types::analytics::ConversationRating;
use parley_shared_types::message::{Message, SendMessageRequest};
use parley_tests::admin_page::{click, go, sign_in, wait_for_text};
use parley_tests::fixtures::{DEMO_FAQ, DEMO_QUESTION, Team};
use parley_tests::{Browser, Server};
use serde_json::{Value, json};

/// Evaluates `script` until it returns a value, and returns it.
async fn wait_for(browser: &Browser, what: &str, script: &str) -> Value {
    browser.wait_for(what, script).await.unwrap()
}

#[tokio::test]
async fn an_admin_sees_the_bots_and_the_peoples_figures_and_downloads_them() {
    let server = Server::shared().await;
    let mut team = Team::new(server).await;

    // People first: the widget has no bot yet, a visitor writes and the agent replies.
    let greeter = team.visitor().await;
    greeter.say("Hello, is anyone there?").await;
    let _: Message = team
        .agent
        .post(
            &greeter.messages_path(),
            &SendMessageRequest::text("Yes, Alex here."),
        )
        .await
        .expect_status(201);

    // Then the bot answers the widget: a visitor asks it, gets an answer and rates the
    // conversation.
    let bot = team.bot_knowing("Parley FAQ", &DEMO_FAQ).await;
    team.answer_with(&bot).await;
    let asker = team.visitor().await;
    let mut hub = asker.hub(server).await;
    asker.say(DEMO_QUESTION).await;
    hub.next_ai_answer().await.unwrap();
    let rating: ConversationRating = asker
        .api
        .post(
            &format!("/api/conversations/{}/rating", asker.conversation_id()),
            &json!({ "score": 5, "comment": "great" }),
        )
        .await
        .expect_status(200);
    assert_eq!(rating.score, 5);

    let browser = sign_in(server, &team.admin_user.email).await;
    go(&browser, "#/analytics").await;

    // The bot's activity as an SVG line chart, a point band per day of the default 30.
    let chart = wait_for(
        &browser,
        "the bot's activity chart",
        "const svg = document.querySelector('#bot-charts svg[role=img]');
         return svg ? { lines: svg.querySelectorAll('polyline').length,
                        bands: svg.querySelectorAll('.chart-band').length,
                        label: svg.getAttribute('aria-label') } : null;",
    )
    .await;
    assert_eq!(chart["lines"], 2, "conversations and messages: {chart}");
    assert_eq!(chart["bands"], 30, "a point per day: {chart}");
    assert!(
        chart["label"]
            .as_str()
            .unwrap()
            .contains("Conversations: 1"),
        "{chart}"
    );
    wait_for_text(&browser, "the headline", "#bot-figures", "Questions").await;
    // Every bot side by side: this one conversation, rated 5.
    let bot_row = wait_for(
        &browser,
        "the bot's row",
        &format!(
            "const row = document.querySelector(\"#bot-table tr[data-bot-id='{}']\");
             return row ? [...row.children].map(c => c.textContent) : null;",
            bot.id
        ),
    )
    .await;
    assert_eq!(
        (&bot_row[0], &bot_row[1]),
        (&json!(bot.name), &json!("1")),
        "{bot_row}"
    );
    assert_eq!(bot_row[5], json!("5"), "{bot_row}");
    wait_for_text(
        &browser,
        "the top question",
        "#top-questions",
        DEMO_QUESTION,
    )
    .await;
    let ratings = wait_for(
        &browser,
        "the rating bars",
        "const bars = document.querySelectorAll('#bot-charts rect[data-value]');
         return bars.length ? [...bars].map(b => b.getAttribute('data-value')) : null;",
    )
    .await;
    assert_eq!(ratings, json!(["0", "0", "0", "0", "1"]), "one 5");

    // The agent's row: one conversation handled, one message sent.
    let agent_row = format!("#agent-table tr[data-agent-id='{}']", team.agent_user.id);
    wait_for_text(&browser, "the agent's row", &agent_row, "Alex Agent").await;
    let cells = wait_for(
        &browser,
        "the agent's figures",
        &format!(
            "const row = document.querySelector({agent_row:?});
             return row ? [...row.querySelectorAll('td')].map(td => td.textContent) : null;"
        ),
    )
    .await;
    assert_eq!(cells[0], "1", "conversations handled: {cells}");
    assert_eq!(cells[1], "1", "messages sent: {cells}");
    wait_for_text(&browser, "the totals", "#agent-table tfoot", "Everyone").await;

    // The CSV is what the section shows; the page's object URLs are watched to read it.
    browser
        .client
        .execute(
            "window.__csv = null;
             const make = URL.createObjectURL;
             URL.createObjectURL = blob => { blob.text().then(t => { window.__csv = t; }); return make(blob); };",
            vec![],
        )
        .await
        .unwrap();
    click(&browser, "#bot-csv").await;
    let csv = wait_for(&browser, "the bot's CSV", "return window.__csv;").await;
    let csv = csv.as_str().unwrap();
    assert!(csv.contains(&format!("\r\n{DEMO_QUESTION},1\r\n")), "{csv}");
    assert!(csv.ends_with("\r\n4,0\r\n5,1\r\n"), "{csv}");

    // A control reloads the reports: by month, 30 days make one or two points.
    browser
        .client
        .find(Locator::Css("#report-granularity"))
        .await
        .unwrap()
        .select_by_value("month")
        .await
        .unwrap();
    wait_for(
        &browser,
        "the chart by month",
        "const bands = document.querySelectorAll('#bot-charts .chart-band');
         return bands.length && bands.length <= 2 ? true : null;",
    )
    .await;
    browser.close().await.unwrap();
}

#[tokio::test]
async fn a_range_the_edge_refuses_says_why_and_an_agent_reads_the_screen_too() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let browser = sign_in(server, &team.agent_user.email).await;
    go(&browser, "#/analytics").await;
    wait_for_text(
        &browser,
        "the empty bot section",
        ".report-section",
        "No bots yet",
    )
    .await;
    wait_for_text(
        &browser,
        "the agent in the people table",
        "#agent-table",
        "Alex Agent",
    )
    .await;

    // A range longer than the edge reports: its problem shows where the report was.
    browser
        .client
        .execute(
            "const start = document.querySelector('#report-start');
             start.value = '2020-01-01';
             start.dispatchEvent(new Event('change'));",
            vec![],
        )
        .await
        .unwrap();
    let error = wait_for(
        &browser,
        "the refusal",
        "const alert = document.querySelector('#screen .report-section [role=alert]');
         return alert ? alert.textContent : null;",
    )
    .await;
    assert!(!error.as_str().unwrap().is_empty(), "{error}");
    browser.close().await.unwrap();
}
