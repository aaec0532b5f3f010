//! The pre-chat form in real headless Chromium on a host page of another origin, against
//! `wrangler dev`: the widget asks what its settings say before the visitor's first message,
//! the browser holds back what is required, the answers reach the conversation and its
//! contact, and a form asked only while nobody answers live is not asked while an agent is.
//! An admin sets it on the widget screen.

use parley_shared_types::contact::ContactDetails;
use parley_shared_types::pre_chat::{Ask, PreChat};
use parley_shared_types::widget::{Widget, WidgetInput};
use parley_tests::admin_page::{click, go, inbox_ready, select, sign_in, type_into, wait_for_text};
use parley_tests::fixtures::Team;
use parley_tests::widget_page::{
    js, launcher_shown, only_conversation, open, shown_messages, type_message, visit,
};
use parley_tests::{Browser, Server};
use serde_json::json;

const CONSENT: &str = "I agree that Acme keeps my details to answer me. <b>not bold</b>";

fn form(only_when_offline: bool) -> PreChat {
    PreChat {
        enabled: true,
        name: Ask::Optional,
        email: Ask::Required,
        consent: Ask::Required,
        consent_text: CONSENT.into(),
        only_when_offline,
    }
}

async fn with_form(team: &mut Team, form: PreChat) {
    team.update_widget(WidgetInput {
        pre_chat: Some(form),
        ..WidgetInput::default()
    })
    .await;
}

async fn click_in_widget(browser: &Browser, what: &str, selector: &str) {
    browser
        .element(
            what,
            &js(&format!("return root.querySelector({selector:?});")),
        )
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

async fn type_in_widget(browser: &Browser, what: &str, selector: &str, text: &str) {
    browser
        .element(
            what,
            &js(&format!("return root.querySelector({selector:?});")),
        )
        .await
        .unwrap()
        .send_keys(text)
        .await
        .unwrap();
}

#[tokio::test]
async fn the_visitor_answers_the_form_before_their_first_message() {
    let server = Server::shared().await;
    let mut team = Team::new(server).await;
    with_form(&mut team, form(false)).await;
    let (_page, browser) = visit(&team, "").await;
    click_in_widget(&browser, "the launcher", ".launcher").await;
    let shown = browser
        .wait_for(
            "the pre-chat form",
            &js("const form = root.querySelector('.parley-pre-chat');
                 return form ? [form.textContent, !!root.querySelector('textarea')] : null;"),
        )
        .await
        .unwrap();
    let text = shown[0].as_str().unwrap();
    assert!(
        text.contains("Name (optional)") && text.contains(CONSENT),
        "{text}"
    );
    assert_eq!(shown[1], false, "no message box before the form");
    let consent_markup = browser
        .client
        .execute(
            &js("return root.querySelectorAll('.parley-pre-chat b').length;"),
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(consent_markup, 0, "the consent text is text");

    // Required and left empty, or not an email address: the browser keeps the form.
    click_in_widget(&browser, "start", ".parley-pre-chat button").await;
    type_in_widget(
        &browser,
        "the email",
        ".parley-pre-chat input[type=email]",
        "not-an-address",
    )
    .await;
    click_in_widget(
        &browser,
        "the consent",
        ".parley-pre-chat input[type=checkbox]",
    )
    .await;
    click_in_widget(&browser, "start", ".parley-pre-chat button").await;
    let still = browser
        .client
        .execute(
            &js("return !!root.querySelector('.parley-pre-chat');"),
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(still, true);

    browser
        .client
        .execute(
            &js("const email = root.querySelector('.parley-pre-chat input[type=email]'); email.value = ''; email.dispatchEvent(new Event('input'));"),
            vec![],
        )
        .await
        .unwrap();
    type_in_widget(
        &browser,
        "the email",
        ".parley-pre-chat input[type=email]",
        "ada@example.com",
    )
    .await;
    type_in_widget(
        &browser,
        "the name",
        ".parley-pre-chat input[type=text]",
        "Ada",
    )
    .await;
    click_in_widget(&browser, "start", ".parley-pre-chat button").await;
    browser
        .wait_for(
            "the message box",
            &js("return root.querySelector('textarea') ? true : null;"),
        )
        .await
        .unwrap();
    type_message(&browser, "Where is my order?").await;
    shown_messages(&browser, 1).await;
    let conversation = only_conversation(&team).await;
    assert_eq!(conversation.metadata["name"], "Ada");
    assert_eq!(conversation.metadata["email"], "ada@example.com");
    assert_eq!(conversation.metadata["consent"], true);
    let contact: ContactDetails = team
        .agent
        .get(&format!(
            "/api/contacts/{}",
            conversation.contact_id.as_deref().unwrap()
        ))
        .await
        .expect_status(200);
    assert_eq!(
        (
            contact.contact.name.as_deref(),
            contact.contact.email.as_deref()
        ),
        (Some("Ada"), Some("ada@example.com"))
    );

    // Reloaded, the conversation goes on: nothing is asked again.
    browser.client.refresh().await.unwrap();
    launcher_shown(&browser).await;
    open(&browser).await;
    shown_messages(&browser, 1).await;
    browser.close().await.unwrap();
}

#[tokio::test]
async fn a_form_for_offline_hours_is_not_asked_while_an_agent_answers() {
    let server = Server::shared().await;
    let mut team = Team::new(server).await;
    with_form(&mut team, form(true)).await;
    let agent = sign_in(server, &team.agent_user.email).await;
    inbox_ready(&agent).await;
    let (_page, browser) = visit(&team, "").await;
    open(&browser).await;
    let form_shown = browser
        .client
        .execute(
            &js("return !!root.querySelector('.parley-pre-chat');"),
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(form_shown, false);
    browser.close().await.unwrap();
    agent.close().await.unwrap();

    // The settings are checked: consent asked without its text is refused.
    let refused = team
        .admin
        .put::<_, serde_json::Value>(
            &format!("/api/widgets/{}", team.widget.id),
            &json!({"preChat": {"enabled": true, "consent": "required", "consentText": ""}}),
        )
        .await
        .expect_problem(422);
    assert!(
        refused.errors.contains_key("preChat.consentText"),
        "{refused:?}"
    );
}

#[tokio::test]
async fn an_admin_sets_the_form_on_the_widget_screen() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let admin = sign_in(server, &team.admin_user.email).await;
    go(&admin, &format!("#/widgets/{}", team.widget.id)).await;
    admin
        .wait_for(
            "the widget's settings",
            "return document.querySelector('#widget-name')?.value ? true : null;",
        )
        .await
        .unwrap();
    click(&admin, "#pre-chat-enabled").await;
    select(&admin, "#pre-chat-email", "required").await;
    select(&admin, "#pre-chat-consent", "optional").await;
    type_into(
        &admin,
        "#pre-chat-consent-text",
        "Acme may email me about my question.",
    )
    .await;
    click(&admin, "#pre-chat-offline").await;
    click(&admin, "#save-widget").await;
    wait_for_text(&admin, "the saved note", "[role=status]", "Saved").await;
    admin.close().await.unwrap();

    let widget: Widget = team
        .admin
        .get(&format!("/api/widgets/{}", team.widget.id))
        .await
        .expect_status(200);
    assert_eq!(
        widget.pre_chat,
        PreChat {
            enabled: true,
            name: Ask::Off,
            email: Ask::Required,
            consent: Ask::Optional,
            consent_text: "Acme may email me about my question.".into(),
            only_when_offline: true,
        }
    );
}
