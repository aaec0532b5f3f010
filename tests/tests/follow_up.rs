//! Replies by email for a visitor who is away, against `wrangler dev` and a local email API
//! speaking Resend's wire format: the visitor leaves an address (validated, with the widget's
//! consent, on a page the widget is on); what the team writes while they are gone arrives as
//! one email with a signed link back to the page that reopens the conversation (in a fresh
//! browser) and a link that stops the emails.

use parley_shared_types::conversation::{Conversation, StartedConversation};
use parley_shared_types::follow_up::{FollowUp, FollowUpRequest, ResumeRequest};
use parley_shared_types::message::{Message, SendMessageRequest};
use parley_shared_types::page::Page;
use parley_shared_types::pre_chat::PreChat;
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::widget::{
    DEFAULT_FOLLOW_UP_AFTER_SECONDS, Widget, WidgetConfig, WidgetInput,
};
use parley_tests::fake_email::{FakeEmail, SentEmail};
use parley_tests::fixtures::{Team, Visitor};
use parley_tests::widget_page::{js, open, shown_messages, type_message, visit};
use parley_tests::{Api, Browser, Server};
use reqwest::Method;
use std::time::Duration;

/// A server whose emails go to `mail`, owing a follow-up half a second after a reply.
async fn server_mailing(mail: &FakeEmail) -> Server {
    Server::start_with_vars(&[
        ("EMAIL_API_KEY", mail.api_key.as_str()),
        ("EMAIL_API_URL", mail.base_url.as_str()),
        ("FOLLOW_UP_DELAY_MS", "500"),
    ])
    .await
    .unwrap()
}

/// Waits for `count` emails to `address`.
async fn emails(mail: &FakeEmail, address: &str, count: usize) -> Vec<SentEmail> {
    for _ in 0..150 {
        let sent = mail.sent_to(address);
        if sent.len() >= count {
            return sent;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "{count} emails to {address} never came: {:?}",
        mail.sent_to(address)
    );
}

/// The address after `label` in an email's text.
fn link_after(text: &str, label: &str) -> String {
    let start = text
        .find(label)
        .unwrap_or_else(|| panic!("no {label:?} in {text}"))
        + label.len();
    text[start..].split_whitespace().next().unwrap().to_owned()
}

fn ask(email: &str, page_url: &str, consent: bool) -> FollowUpRequest {
    FollowUpRequest {
        email: email.into(),
        consent,
        page_url: page_url.into(),
    }
}

async fn say(api: &Api, conversation_id: &str, request: &SendMessageRequest) {
    let path = format!("/api/conversations/{conversation_id}/messages");
    let _: Message = api.post(&path, request).await.expect_status(201);
}

#[tokio::test]
async fn replies_written_while_the_visitor_is_away_arrive_by_email_with_a_way_back_and_out() {
    let mail = FakeEmail::start().await.unwrap();
    let server = server_mailing(&mail).await;
    let mut team = Team::new_mailed(&server, &mail).await;
    let visitor: Visitor = team.visitor().await;
    visitor.say("Is anyone there?").await;
    let id = visitor.conversation_id().to_owned();
    let path = format!("/api/conversations/{id}/follow-up");
    let page = "https://shop.example/help?order=1042";
    team.update_widget(WidgetInput {
        allowed_origins: Some(vec!["https://shop.example".into()]),
        pre_chat: Some(PreChat {
            consent_text: "Acme may email me about this conversation.".into(),
            ..PreChat::default()
        }),
        ..WidgetInput::default()
    })
    .await;

    let refused = visitor
        .api
        .post::<_, FollowUp>(&path, &ask("nope", "javascript:x", true))
        .await;
    let errors = refused.expect_problem(422).errors;
    assert!(errors.contains_key("email") && errors.contains_key("pageUrl"));
    let elsewhere = ask("ana@example.com", "https://evil.example/help", true);
    let refused = visitor.api.post::<_, FollowUp>(&path, &elsewhere).await;
    assert!(
        refused.expect_problem(422).errors.contains_key("pageUrl"),
        "a site the widget is not on"
    );
    let unticked = visitor
        .api
        .post::<_, FollowUp>(&path, &ask("ana@example.com", page, false))
        .await;
    assert!(unticked.expect_problem(422).errors.contains_key("consent"));
    let by_agent = team
        .agent
        .post::<_, FollowUp>(&path, &ask("ana@example.com", page, true))
        .await;
    assert_eq!(by_agent.expect_problem(403).code, ErrorCode::Forbidden);
    let set: FollowUp = visitor
        .api
        .post(&path, &ask(" ana@example.com ", page, true))
        .await
        .expect_status(200);
    assert_eq!(set.email, "ana@example.com");
    let conversation_path = format!("/api/conversations/{id}");
    let seen: Conversation = team.agent.get(&conversation_path).await.expect_status(200);
    assert_eq!(
        seen.follow_up_email.as_deref(),
        Some("ana@example.com"),
        "the team sees where its replies go"
    );

    // Two replies and a note while the visitor is away: one email, with the two.
    say(
        &team.agent,
        &id,
        &SendMessageRequest::text("Yes! Your order ships Monday."),
    )
    .await;
    say(&team.agent, &id, &SendMessageRequest::note("VIP customer")).await;
    say(
        &team.agent,
        &id,
        &SendMessageRequest::text("Anything else?"),
    )
    .await;
    let sent = emails(&mail, "ana@example.com", 1).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let sent_later = mail.sent_to("ana@example.com");
    assert_eq!(
        sent_later.len(),
        1,
        "a burst of replies makes one email: {sent_later:?}"
    );
    let email = &sent[0];
    let text = email.text.clone().unwrap();
    assert!(
        email.subject.starts_with("2 new replies"),
        "{}",
        email.subject
    );
    assert!(text.contains("Yes! Your order ships Monday.") && text.contains("Anything else?"));
    assert!(!text.contains("VIP customer"), "notes are the team's");

    // The way back: the page, with a token the widget trades for the conversation.
    let back = link_after(&text, "Continue the conversation: ");
    let token = back
        .strip_prefix("https://shop.example/help?order=1042#parley-resume=")
        .unwrap_or_else(|| panic!("{back}"))
        .to_owned();
    let resume_path = format!("/api/widgets/{}/resume", team.widget.id);
    let resume = |token: String| {
        let request = team
            .admin
            .anonymous()
            .request(Method::POST, &resume_path)
            .header("origin", "https://shop.example")
            .json(&ResumeRequest { token });
        team.admin.send::<StartedConversation>(request)
    };
    let resumed = resume(token.clone()).await.expect_status(200);
    assert_eq!(resumed.conversation.id, id);
    let fresh = Api::new(&server.base_url).with_token(&resumed.visitor_token);
    let read: Page<Message> = fresh.get(&visitor.messages_path()).await.expect_status(200);
    assert!(read.data.iter().any(|m| m.content == "Anything else?"));
    let forged = format!("{}x", &token[..token.len() - 1]);
    assert_eq!(
        resume(forged).await.expect_problem(401).code,
        ErrorCode::Unauthorized
    );
    let as_unsubscribe = link_after(&text, "Stop these emails: ");
    let wrong_kind = as_unsubscribe.split("token=").nth(1).unwrap().to_owned();
    assert_eq!(
        resume(wrong_kind).await.expect_problem(401).code,
        ErrorCode::Unauthorized
    );

    // The way out: a page whose button stops the emails.
    let http = reqwest::Client::new();
    let page_html = http
        .get(&as_unsubscribe)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page_html.contains("<form method=\"post\">"), "{page_html}");
    let stopped = http.post(&as_unsubscribe).send().await.unwrap();
    assert_eq!(stopped.status(), 200);
    assert!(stopped.text().await.unwrap().contains("no more emails"));
    say(
        &team.agent,
        &id,
        &SendMessageRequest::text("One more thing."),
    )
    .await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(mail.sent_to("ana@example.com").len(), 1, "unsubscribed");
    let seen: Conversation = team.agent.get(&conversation_path).await.expect_status(200);
    assert_eq!(seen.follow_up_email, None, "and the team sees it");
}

#[tokio::test]
async fn the_wait_before_the_offer_is_a_widget_setting_of_at_most_a_day() {
    let server = Server::shared().await;
    let mut team = Team::new(server).await;
    assert_eq!(
        team.widget.follow_up_after_seconds, DEFAULT_FOLLOW_UP_AFTER_SECONDS,
        "five minutes unless set"
    );
    let path = format!("/api/widgets/{}", team.widget.id);
    let too_long = WidgetInput {
        follow_up_after_seconds: Some(86_401),
        ..WidgetInput::default()
    };
    let refused = team.admin.put::<_, Widget>(&path, &too_long).await;
    assert!(
        refused
            .expect_problem(422)
            .errors
            .contains_key("followUpAfterSeconds")
    );
    team.update_widget(WidgetInput {
        follow_up_after_seconds: Some(90),
        ..WidgetInput::default()
    })
    .await;
    assert_eq!(team.widget.follow_up_after_seconds, 90);
    let config: WidgetConfig = team
        .admin
        .anonymous()
        .get(&format!("{path}/config"))
        .await
        .expect_status(200);
    assert_eq!(config.follow_up_after_seconds, 90, "the widget reads it");
}

#[tokio::test]
async fn a_visitor_kept_waiting_while_agents_are_online_is_offered_replies_by_email() {
    let server = Server::shared().await;
    let mut team = Team::new(server).await;
    team.update_widget(WidgetInput {
        follow_up_after_seconds: Some(3),
        ..WidgetInput::default()
    })
    .await;
    let _agent_online = team.agent_hub(server, "").await;
    let (_page, browser) = visit(&team, "").await;
    open(&browser).await;
    type_message(&browser, "Can I change my delivery address?").await;
    shown_messages(&browser, 1).await;
    let offered = js("return root.querySelector('.parley-follow-up') ? true : null;");
    let at_once = browser.client.execute(&offered, vec![]).await.unwrap();
    assert_eq!(
        at_once,
        serde_json::Value::Null,
        "an agent is online: no offer before the wait is over"
    );
    browser
        .wait_for("the offer after three seconds unanswered", &offered)
        .await
        .unwrap();

    let conversation = parley_tests::widget_page::only_conversation(&team).await;
    say(
        &team.agent,
        &conversation.id,
        &SendMessageRequest::text("Yes, what is the new one?"),
    )
    .await;
    browser
        .wait_for(
            "the offer gone with the answer",
            &js("return root.querySelector('.parley-follow-up') ? null : true;"),
        )
        .await
        .unwrap();
    browser.close().await.unwrap();
}

#[tokio::test]
async fn a_visitor_who_leaves_an_email_comes_back_through_the_emailed_link() {
    let mail = FakeEmail::start().await.unwrap();
    let server = server_mailing(&mail).await;
    let team = Team::new_mailed(&server, &mail).await;
    let (page, browser) = visit(&team, "").await;
    open(&browser).await;
    type_message(&browser, "Where is my parcel?").await;
    shown_messages(&browser, 1).await;

    // Nobody is online: the widget offers replies by email.
    let offer = browser
        .element(
            "the offer of replies by email",
            &js("return root.querySelector('.parley-follow-up input[type=email]');"),
        )
        .await
        .unwrap();
    offer.send_keys("ben@example.com").await.unwrap();
    browser
        .element(
            "the offer's button",
            &js("return root.querySelector('.parley-follow-up button[type=submit]');"),
        )
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let confirmed = browser
        .wait_for(
            "the confirmation",
            &js("const p = root.querySelector('.parley-follow-up-set'); return p && !root.querySelector('.parley-follow-up') ? p.textContent : null;"),
        )
        .await
        .unwrap();
    assert!(
        confirmed.as_str().unwrap().contains("ben@example.com"),
        "{confirmed}"
    );
    browser.close().await.unwrap();
    // The visitor's socket is gone with their browser.
    tokio::time::sleep(Duration::from_secs(1)).await;

    let conversation = parley_tests::widget_page::only_conversation(&team).await;
    say(
        &team.agent,
        &conversation.id,
        &SendMessageRequest::text("It left our warehouse today."),
    )
    .await;
    let sent = emails(&mail, "ben@example.com", 1).await;
    let link = link_after(
        sent[0].text.as_deref().unwrap(),
        "Continue the conversation: ",
    );
    assert!(
        link.starts_with(&format!("{}#parley-resume=", page.url)),
        "{link}"
    );

    // A fresh browser (no stored conversation) opens the link: the chat opens on it.
    let elsewhere = Browser::start().await.unwrap();
    elsewhere.client.goto(&link).await.unwrap();
    assert_eq!(
        shown_messages(&elsewhere, 2).await,
        ["Where is my parcel?", "It left our warehouse today."]
    );
    let address = elsewhere
        .client
        .execute("return location.href;", vec![])
        .await
        .unwrap();
    assert!(
        !address.as_str().unwrap().contains("parley-resume"),
        "the token leaves the address bar"
    );
    elsewhere.close().await.unwrap();
}
