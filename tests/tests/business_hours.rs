//! Business hours per widget: outside them the widget shows its offline message even while
//! an agent is online, judged on the widget's own time zone's wall clock.

use parley_shared_types::business_hours::{BusinessHours, OpenSpan, Weekday};
use parley_shared_types::widget::{Widget, WidgetConfig, WidgetInput};
use parley_tests::admin_page::{click, go, sign_in, type_into, wait_for_text};
use parley_tests::fixtures::Team;
use parley_tests::widget_page::{offline_banner, open, visit};
use parley_tests::{HubClient, Server};
use std::time::{SystemTime, UNIX_EPOCH};

/// Tokyo keeps no daylight saving time: its wall clock is always UTC+9.
const TOKYO: &str = "Asia/Tokyo";
/// UTC+14, five hours ahead of Tokyo all year.
const KIRITIMATI: &str = "Pacific/Kiritimati";

/// Now on Tokyo's wall clock: the weekday and the minute of the day.
fn tokyo_now() -> (Weekday, u32) {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 9 * 3600;
    // 1970-01-01 was a Thursday.
    let weekday = Weekday::ALL[((secs / 86_400 + 3) % 7) as usize];
    (weekday, ((secs % 86_400) / 60) as u32)
}

fn hh_mm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Open on `days` from half an hour before Tokyo's time now until half an hour after, in
/// `time_zone`.
fn around_tokyo_now(time_zone: &str, days: &[Weekday]) -> BusinessHours {
    let (_, minute) = tokyo_now();
    let (open, close) = (minute.saturating_sub(30), (minute + 30).min(24 * 60));
    BusinessHours {
        enabled: true,
        time_zone: time_zone.into(),
        days: days
            .iter()
            .map(|&day| OpenSpan {
                day,
                open: hh_mm(open),
                close: hh_mm(close),
            })
            .collect(),
    }
}

async fn set_hours(team: &Team, hours: BusinessHours) -> Widget {
    let input = WidgetInput {
        business_hours: Some(hours),
        ..WidgetInput::default()
    };
    team.admin
        .put(&format!("/api/widgets/{}", team.widget.id), &input)
        .await
        .expect_status(200)
}

async fn online_by_config(team: &Team) -> bool {
    let config: WidgetConfig = team
        .admin
        .get(&format!("/api/widgets/{}/config", team.widget.id))
        .await
        .expect_status(200);
    config.agents_online
}

/// An agent online: their feed socket stays open while this lives.
async fn agent_online(server: &Server, team: &Team) -> HubClient {
    team.agent_hub(server, "").await
}

#[tokio::test]
async fn hours_switch_the_widget_offline_on_its_own_time_zones_clock() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let _agent = agent_online(server, &team).await;
    assert!(
        online_by_config(&team).await,
        "no hours: an online agent answers"
    );

    let every_day = Weekday::ALL;
    let saved = set_hours(&team, around_tokyo_now(TOKYO, &every_day)).await;
    assert_eq!(saved.business_hours, around_tokyo_now(TOKYO, &every_day));
    assert!(online_by_config(&team).await, "within Tokyo's hours");

    set_hours(&team, around_tokyo_now(KIRITIMATI, &every_day)).await;
    assert!(
        !online_by_config(&team).await,
        "the same hours on Kiritimati's clock (five hours ahead) are over"
    );

    let (today, _) = tokyo_now();
    let tomorrow = Weekday::ALL[(today as usize + 1) % 7];
    set_hours(&team, around_tokyo_now(TOKYO, &[tomorrow])).await;
    assert!(!online_by_config(&team).await, "open only on another day");
    set_hours(&team, around_tokyo_now(TOKYO, &[today])).await;
    assert!(online_by_config(&team).await, "open today in Tokyo");

    let off = BusinessHours {
        enabled: false,
        ..around_tokyo_now(KIRITIMATI, &[tomorrow])
    };
    set_hours(&team, off).await;
    assert!(online_by_config(&team).await, "hours switched off");
}

#[tokio::test]
async fn an_unknown_time_zone_or_a_bad_time_is_refused_and_nothing_changes() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let refused = team
        .admin
        .put::<_, Widget>(
            &format!("/api/widgets/{}", team.widget.id),
            &WidgetInput {
                business_hours: Some(around_tokyo_now("Mars/Olympus_Mons", &Weekday::ALL)),
                ..WidgetInput::default()
            },
        )
        .await
        .expect_problem(422);
    let errors = refused.errors;
    assert!(
        errors["businessHours.timeZone"][0].contains("Mars/Olympus_Mons"),
        "{errors:?}"
    );

    let mut backwards = around_tokyo_now(TOKYO, &[Weekday::Mon]);
    backwards.days[0].open = "18:00".into();
    backwards.days[0].close = "09:00".into();
    let refused = team
        .admin
        .put::<_, Widget>(
            &format!("/api/widgets/{}", team.widget.id),
            &WidgetInput {
                business_hours: Some(backwards),
                ..WidgetInput::default()
            },
        )
        .await
        .expect_problem(422);
    assert!(refused.errors.contains_key("businessHours.days[0]"));

    let widget: Widget = team
        .admin
        .get(&format!("/api/widgets/{}", team.widget.id))
        .await
        .expect_status(200);
    assert_eq!(widget.business_hours, BusinessHours::default());
}

#[tokio::test]
async fn the_widget_shows_its_offline_message_outside_hours_while_an_agent_is_online() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let _agent = agent_online(server, &team).await;
    set_hours(&team, around_tokyo_now(KIRITIMATI, &Weekday::ALL)).await;

    let (_page, browser) = visit(&team, "").await;
    open(&browser).await;
    offline_banner(&browser, true).await;

    set_hours(&team, around_tokyo_now(TOKYO, &Weekday::ALL)).await;
    offline_banner(&browser, false).await;
}

#[tokio::test]
async fn an_admin_sets_business_hours_on_the_widget_screen() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let browser = sign_in(server, &team.admin_user.email).await;
    go(&browser, &format!("#/widgets/{}", team.widget.id)).await;
    browser
        .wait_for(
            "the widget's settings",
            "return document.querySelector('#widget-name')?.value ? true : null;",
        )
        .await
        .unwrap();
    click(&browser, "#hours-enabled").await;
    type_into(&browser, "#hours-zone", "Africa/Cairo").await;
    click(&browser, "#hours-tue-open").await;
    click(&browser, "#hours-sat-open").await;
    click(&browser, "#save-widget").await;
    wait_for_text(&browser, "the saved note", "[role=status]", "Saved").await;

    let widget: Widget = team
        .admin
        .get(&format!("/api/widgets/{}", team.widget.id))
        .await
        .expect_status(200);
    let nine_to_five = |day| OpenSpan {
        day,
        open: "09:00".into(),
        close: "17:00".into(),
    };
    assert_eq!(
        widget.business_hours,
        BusinessHours {
            enabled: true,
            time_zone: "Africa/Cairo".into(),
            days: vec![nine_to_five(Weekday::Tue), nine_to_five(Weekday::Sat)],
        }
    );
}
