//! Identity verification against a real `wrangler dev`: a widget with an identity secret
//! trusts `Parley.identify`'s `userId` only with `userHash` = hex HMAC-SHA256(secret, userId);
//! a forged or missing hash is refused with a clear problem, a proven one marks the contact
//! verified, and agents read verified and claimed identities apart. The secret is shown once,
//! rotating it retires the old one, and only the widget's own admins may touch it.

use parley_shared_types::contact::ContactDetails;
use parley_shared_types::conversation::StartedConversation;
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::widget::{IdentitySecret, Widget};
use parley_tests::fixtures::{Team, user_hash};
use parley_tests::{Api, Server};
use serde_json::{Value, json};

/// A visitor starts a conversation on the team's widget as `Parley.identify` said.
async fn start(team: &Team, metadata: Value) -> parley_tests::Answer<StartedConversation> {
    Api::new(&team.server_url)
        .post(
            "/api/conversations",
            &json!({"widgetId": team.widget.id, "metadata": metadata}),
        )
        .await
}

async fn contact_of(team: &Team, started: &StartedConversation) -> ContactDetails {
    let id = started.conversation.contact_id.clone().expect("a contact");
    team.agent
        .get(&format!("/api/contacts/{id}"))
        .await
        .expect_status(200)
}

#[tokio::test]
async fn only_a_proven_user_id_is_trusted_once_the_widget_verifies_identities() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let secret_path = format!("/api/widgets/{}/identity-secret", team.widget.id);

    // Without a secret a claim is kept, unverified, and agents see it as a claim.
    let claimed = start(
        &team,
        json!({"userId": "u-100", "name": "Grace", "userHash": "00"}),
    )
    .await
    .expect_status(201);
    assert_eq!(claimed.conversation.metadata["identityVerified"], false);
    assert!(claimed.conversation.metadata.get("userHash").is_none());
    assert!(!contact_of(&team, &claimed).await.contact.verified);

    let agent_tries = team.agent.post_empty::<Value>(&secret_path).await;
    assert_eq!(agent_tries.status(), 403);
    let made: IdentitySecret = team.admin.post_empty(&secret_path).await.expect_status(201);
    assert!(made.secret.len() >= 32);
    let widget: Value = team
        .admin
        .get(&format!("/api/widgets/{}", team.widget.id))
        .await
        .expect_status(200);
    assert_eq!(widget["identityVerification"], true);
    assert!(
        !widget.to_string().contains(&made.secret),
        "shown once only"
    );

    let proven = start(
        &team,
        json!({"userId": "u-100", "name": "Grace", "userHash": user_hash(&made.secret, "u-100")}),
    )
    .await
    .expect_status(201);
    assert_eq!(proven.conversation.metadata["identityVerified"], true);
    let contact = contact_of(&team, &proven).await;
    assert!(contact.contact.verified);
    assert_eq!(contact.contact.user_id.as_deref(), Some("u-100"));

    // Someone else's id, a guessed hash, or none: refused, and nothing is written.
    for forged in [
        json!({"userId": "u-200", "userHash": user_hash(&made.secret, "u-100")}),
        json!({"userId": "u-100", "userHash": user_hash("a guess", "u-100")}),
        json!({"userId": "u-100", "userHash": "not hex"}),
    ] {
        let refused = start(&team, forged).await.expect_problem(403);
        assert_eq!(refused.code, ErrorCode::Forbidden);
        assert!(
            refused.detail.contains("userHash does not match userId"),
            "{}",
            refused.detail
        );
    }
    let unhashed = start(&team, json!({"userId": "u-100"}))
        .await
        .expect_problem(403);
    assert!(
        unhashed.detail.contains("HMAC-SHA256"),
        "{}",
        unhashed.detail
    );
    // Anonymous visitors need no hash.
    let anonymous = start(&team, json!({"page": "/pricing"}))
        .await
        .expect_status(201);
    assert!(
        anonymous
            .conversation
            .metadata
            .get("identityVerified")
            .is_none()
    );

    // A new secret retires the old one.
    let rotated: IdentitySecret = team.admin.post_empty(&secret_path).await.expect_status(201);
    assert_ne!(rotated.secret, made.secret);
    let stale = json!({"userId": "u-100", "userHash": user_hash(&made.secret, "u-100")});
    start(&team, stale.clone()).await.expect_problem(403);
    let fresh = json!({"userId": "u-100", "userHash": user_hash(&rotated.secret, "u-100")});
    start(&team, fresh).await.expect_status(201);

    // Turned off, claims are kept again, unverified.
    let _: Value = team.admin.delete(&secret_path).await.expect_status(204);
    let again = start(&team, stale).await.expect_status(201);
    assert_eq!(again.conversation.metadata["identityVerified"], false);
    let widget: Widget = team
        .admin
        .get(&format!("/api/widgets/{}", team.widget.id))
        .await
        .expect_status(200);
    assert!(!widget.identity_verification);

    let other = Team::new(server).await;
    assert_eq!(
        other.admin.post_empty::<Value>(&secret_path).await.status(),
        404
    );
    assert_eq!(
        other.admin.delete::<Value>(&secret_path).await.status(),
        404
    );
}
