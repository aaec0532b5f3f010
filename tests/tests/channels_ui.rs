//! The bot screen's Channels card in real headless Chromium against `wrangler dev` and a local
//! Telegram Bot API: an admin connects a Telegram bot (the token never shows again) and a
//! webhook channel (its secret shown once), sees a channel disconnect with the reason when
//! Telegram revokes its token, and deletes one (asked twice); the API agrees.

use parley_shared_types::bot::Bot;
use parley_shared_types::channel::{Channel, ChannelKind, ChannelStatus};
use parley_shared_types::page::Page;
use parley_tests::Server;
use parley_tests::admin_page::{click, go, select, sign_in, type_into, wait_for_text};
use parley_tests::fake_telegram::FakeTelegram;
use parley_tests::fixtures::{DEMO_FAQ, Team};

async fn channels(team: &Team, bot: &Bot) -> Vec<Channel> {
    let page: Page<Channel> = team
        .admin
        .get(&format!("/api/bots/{}/channels", bot.id))
        .await
        .expect_status(200);
    page.data
}

#[tokio::test]
async fn an_admin_connects_telegram_and_a_webhook_and_sees_a_channel_disconnect() {
    let telegram = FakeTelegram::start().await.unwrap();
    let server = Server::start_with_vars(&[
        ("TELEGRAM_API_BASE", &telegram.base_url),
        ("CHANNEL_RETRY_BASE_MS", "100"),
    ])
    .await
    .unwrap();
    let team = Team::new(&server).await;
    let bot = team.bot_knowing("Parley FAQ", &DEMO_FAQ).await;
    let token = telegram.new_bot("acme_ui_bot");

    let browser = sign_in(&server, &team.admin_user.email).await;
    go(&browser, &format!("#/bots/{}", bot.id)).await;
    wait_for_text(
        &browser,
        "the Channels card",
        "#channels-heading",
        "Channels",
    )
    .await;
    type_into(&browser, "#channel-name", "Support on Telegram").await;
    type_into(&browser, "#channel-token", &token).await;
    click(&browser, "#add-channel").await;
    wait_for_text(
        &browser,
        "the Telegram channel",
        "#channels tbody",
        "@acme_ui_bot",
    )
    .await;
    let page_shows_token = browser
        .client
        .execute(
            &format!(
                "return document.body.innerText.includes({token:?})
                    || [...document.querySelectorAll('input')].some(i => i.value.includes({token:?}));"
            ),
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(page_shows_token, false);
    assert!(
        telegram.webhook(&token).is_some(),
        "Parley registered its webhook"
    );

    select(&browser, "#channel-kind", "webhook").await;
    type_into(&browser, "#channel-name", "In-app chat").await;
    type_into(&browser, "#channel-url", "https://example.com/replies").await;
    click(&browser, "#add-channel").await;
    wait_for_text(
        &browser,
        "the webhook channel",
        "#channels tbody",
        "In-app chat",
    )
    .await;
    wait_for_text(
        &browser,
        "the secret, once",
        "#channel-secret",
        "The secret of the channel In-app chat",
    )
    .await;

    let listed = channels(&team, &bot).await;
    assert_eq!(
        listed.iter().map(|c| c.kind).collect::<Vec<_>>(),
        [ChannelKind::Telegram, ChannelKind::Webhook]
    );
    let telegram_channel = listed[0].clone();
    let row = format!("tr[data-channel='{}']", telegram_channel.id);
    wait_for_text(
        &browser,
        "where Telegram sends",
        &format!("{row} .channel-inbound"),
        &telegram_channel.inbound_url,
    )
    .await;

    // Telegram revokes the token: the next reply cannot go out and the channel disconnects.
    telegram.revoke(&token);
    telegram
        .user_writes(&token, 1, 31337, "How do I embed the widget on my site?")
        .await;
    for _ in 0..100 {
        if channels(&team, &bot).await[0].status == ChannelStatus::Disconnected {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    go(&browser, "#/bots").await;
    go(&browser, &format!("#/bots/{}", bot.id)).await;
    wait_for_text(
        &browser,
        "the disconnected status",
        &format!("{row} .channel-status"),
        "disconnected",
    )
    .await;
    wait_for_text(
        &browser,
        "why",
        &format!("{row} .channel-status"),
        "Unauthorized",
    )
    .await;

    click(&browser, &format!("{row} .delete-channel")).await;
    click(&browser, &format!("{row} .delete-channel")).await;
    browser
        .wait_for(
            "the deleted row to go",
            &format!("return document.querySelector({row:?}) ? null : true;"),
        )
        .await
        .unwrap();
    let left = channels(&team, &bot).await;
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].name, "In-app chat");
}
