//! Identity verification in the admin UI, in real headless Chromium against `wrangler dev`:
//! an admin turns it on from the widget screen (the secret shown once) and off again, and an
//! agent reads a proven identity and a mere claim apart in the inbox's visitor panel.

use parley_shared_types::conversation::StartedConversation;
use parley_shared_types::widget::Widget;
use parley_tests::admin_page::{click, go, sign_in, wait_for_text};
use parley_tests::fixtures::{Team, user_hash};
use parley_tests::{Api, Server};
use serde_json::{Value, json};

async fn start(team: &Team, metadata: Value) -> StartedConversation {
    Api::new(&team.server_url)
        .post(
            "/api/conversations",
            &json!({"widgetId": team.widget.id, "metadata": metadata}),
        )
        .await
        .expect_status(201)
}

async fn verifies(team: &Team) -> bool {
    let widget: Widget = team
        .admin
        .get(&format!("/api/widgets/{}", team.widget.id))
        .await
        .expect_status(200);
    widget.identity_verification
}

#[tokio::test]
async fn an_admin_turns_verification_on_and_agents_tell_proven_from_claimed() {
    let server = Server::start().await.unwrap();
    let team = Team::new(&server).await;
    let claimed = start(&team, json!({"userId": "u-7", "name": "Claire"})).await;

    let admin = sign_in(&server, &team.admin_user.email).await;
    go(&admin, &format!("#/widgets/{}", team.widget.id)).await;
    wait_for_text(&admin, "the card", "#identity-state", "Off").await;
    click(&admin, "#rotate-identity-secret").await;
    wait_for_text(&admin, "the state", "#identity-state", "On").await;
    let secret = admin
        .client
        .execute(
            "return document.querySelector('#identity-secret .secret-value')?.textContent ?? null;",
            vec![],
        )
        .await
        .unwrap();
    let secret = secret.as_str().expect("the secret is shown").to_owned();
    assert!(verifies(&team).await);

    let hash = user_hash(&secret, "u-8");
    let proven = start(
        &team,
        json!({"userId": "u-8", "name": "Priya", "userHash": hash}),
    )
    .await;

    go(&admin, &format!("#/inbox/{}", proven.conversation.id)).await;
    wait_for_text(
        &admin,
        "the proven identity",
        "#visitor-identity",
        "Verified by the site",
    )
    .await;
    go(&admin, &format!("#/inbox/{}", claimed.conversation.id)).await;
    wait_for_text(
        &admin,
        "the claim",
        "#visitor-identity",
        "Claimed, not verified",
    )
    .await;

    go(&admin, &format!("#/widgets/{}", team.widget.id)).await;
    wait_for_text(&admin, "the card", "#identity-state", "On").await;
    click(&admin, "#identity-verification .remove-identity-secret").await;
    click(&admin, "#identity-verification .remove-identity-secret").await;
    wait_for_text(&admin, "the state", "#identity-state", "Off").await;
    assert!(!verifies(&team).await);
    admin.close().await.unwrap();
}
