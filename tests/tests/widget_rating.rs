//! The satisfaction rating in the widget, in real headless Chromium on a host page of another
//! origin against `wrangler dev`, and beside the conversation in the admin UI. Its own binary: each binary's server counts the browser's
//! per-IP requests apart, and the widget binary's tests use most of one minute's.

use parley_shared_types::conversation::Conversation;
use parley_shared_types::message::{Message, SendMessageRequest};
use parley_tests::Server;
use parley_tests::admin_page::{go, sign_in, wait_for_text};
use parley_tests::fixtures::Team;
use parley_tests::widget_page::{js, only_conversation, open, type_message, visit};

#[tokio::test]
async fn a_visitor_rates_the_ended_conversation_with_stars_and_a_comment() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let (_page, browser) = visit(&team, "").await;
    open(&browser).await;
    type_message(&browser, "my parcel is late").await;
    browser
        .wait_for(
            "the message stored",
            &js("return root.querySelector('.parley-message:not(.parley-pending)') ? true : null;"),
        )
        .await
        .unwrap();
    let conversation = only_conversation(&team).await;
    let _: Message = team
        .agent
        .post(
            &format!("/api/conversations/{}/messages", conversation.id),
            &SendMessageRequest::text("It ships today, sorry!"),
        )
        .await
        .expect_status(201);
    let _: Conversation = team
        .agent
        .post_empty(&format!("/api/conversations/{}/close", conversation.id))
        .await
        .expect_status(200);
    let four_stars = browser
        .element(
            "the rating's fourth star",
            &js("return root.querySelectorAll('.parley-stars button')[3];"),
        )
        .await
        .unwrap();
    four_stars.click().await.unwrap();
    let comment = browser
        .element(
            "the rating's comment box",
            &js("return root.querySelector('.parley-rating textarea');"),
        )
        .await
        .unwrap();
    comment.send_keys("Quick and kind").await.unwrap();
    browser
        .element(
            "the comment's send button",
            &js("return root.querySelector('.parley-rating button[type=submit]');"),
        )
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let thanks = browser
        .wait_for(
            "the thanks",
            &js("const s = root.querySelector('.parley-rating [role=status]'); return s ? s.textContent : null;"),
        )
        .await
        .unwrap();
    assert_eq!(thanks, "Thanks for your feedback!");
    let lit = browser
        .wait_for(
            "the stars lit",
            &js("return root.querySelector('.parley-stars').dataset.score;"),
        )
        .await
        .unwrap();
    assert_eq!(lit, "4", "four stars light up");
    let rated: Conversation = team
        .agent
        .get(&format!("/api/conversations/{}", conversation.id))
        .await
        .expect_status(200);
    assert_eq!(
        (rated.rating, rated.rating_comment.as_deref()),
        (Some(4), Some("Quick and kind"))
    );
    browser.close().await.unwrap();

    // The agent sees it with the conversation.
    let admin = sign_in(server, &team.agent_user.email).await;
    go(&admin, &format!("#/inbox/{}", conversation.id)).await;
    wait_for_text(
        &admin,
        "the rating",
        "#visitor-rating",
        "4 of 5 · “Quick and kind”",
    )
    .await;
    admin.close().await.unwrap();
}
