//! The admin UI's Billing screen in real headless Chromium against `wrangler dev`: the plan
//! and this period's usage as `/api/v1/billing/current` answers them, a card per paid plan
//! priced per interval, an admin's seat and portal buttons saying why the edge refused them,
//! the thanks after Stripe Checkout, a Fawry reference to pay at a kiosk and, once paid (a
//! local fake of Fawry reports it), the new plan and its receipt; and an agent reading it all
//! without a button to pay.

use parley_shared_types::billing::{BillingUsage, Plan};
use parley_tests::admin_page::{click, go, sign_in, text_of, wait_for_text};
use parley_tests::fake_fawry::FakeFawry;
use parley_tests::fixtures::Team;
use parley_tests::{Browser, Server};
use serde_json::{Value, json};

/// Evaluates `script` until it returns a value, and returns it.
async fn wait_for(browser: &Browser, what: &str, script: &str) -> Value {
    browser.wait_for(what, script).await.unwrap()
}

/// What a usage bar says for `used` of `limit`.
fn figures(used: u32, limit: u32) -> String {
    if limit == 0 {
        "not included".to_owned()
    } else {
        format!("{used} / {limit}")
    }
}

/// Waits for the plan and its three usage bars, then checks them against `usage`.
async fn shows_the_usage(browser: &Browser, usage: &BillingUsage) {
    wait_for_text(browser, "the plan's name", "#plan-name", &usage.plan_name).await;
    let bars = wait_for(
        browser,
        "the usage bars",
        "const ids = ['usage-agents', 'usage-conversations', 'usage-ai'];
         const bars = ids.map(id => document.getElementById(id));
         return bars.every(b => b) ? bars.map(b => b.querySelector('.usage-figures').textContent) : null;",
    )
    .await;
    assert_eq!(
        bars,
        json!([
            figures(usage.agents_used, usage.agents_limit),
            figures(usage.conversations_used, usage.conversations_limit),
            figures(usage.ai_responses_used, usage.ai_responses_limit),
        ]),
        "{usage:?}"
    );
}

/// Waits for the plan cards and answers the plan id of each, in order.
async fn plan_cards(browser: &Browser) -> Value {
    wait_for(
        browser,
        "the plan cards",
        "const cards = document.querySelectorAll('#plan-cards .plan-card');
         return cards.length ? [...cards].map(c => c.dataset.planId) : null;",
    )
    .await
}

fn paid_plan_ids(plans: &[Plan]) -> Value {
    json!(
        plans
            .iter()
            .filter(|p| p.monthly_price > 0)
            .map(|p| p.id.clone())
            .collect::<Vec<_>>()
    )
}

#[tokio::test]
async fn an_admin_sees_the_plan_usage_and_plans_and_why_a_seat_cannot_be_bought() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let usage: BillingUsage = team
        .admin
        .get("/api/v1/billing/current")
        .await
        .expect_status(200);
    let plans: Vec<Plan> = team
        .admin
        .get("/api/v1/billing/plans")
        .await
        .expect_status(200);

    let browser = sign_in(server, &team.admin_user.email).await;
    go(&browser, "#/billing").await;
    shows_the_usage(&browser, &usage).await;
    // Admin and agent hold a seat each.
    assert_eq!(usage.agents_used, 2, "{usage:?}");

    // A card per paid plan; the workspace's own is marked.
    assert_eq!(plan_cards(&browser).await, paid_plan_ids(&plans));
    let marked = wait_for(
        &browser,
        "the marked plan",
        "const cards = document.querySelectorAll('#plan-cards .plan-card.current');
         return [...cards].map(c => c.dataset.planId);",
    )
    .await;
    let expected: Vec<&str> = plans
        .iter()
        .filter(|p| p.monthly_price > 0 && p.id == usage.plan_id)
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(marked, json!(expected));

    // Prices follow the interval.
    let starter = plans.iter().find(|p| p.id == "plan-starter").unwrap();
    let price = format!(
        "#plan-cards .plan-card[data-plan-id='{}'] .plan-price",
        starter.id
    );
    click(&browser, "#interval-monthly").await;
    wait_for_text(
        &browser,
        "the monthly price",
        &price,
        &format!("{}.00 USD a month", starter.monthly_price),
    )
    .await;
    click(&browser, "#interval-annual").await;
    wait_for_text(
        &browser,
        "the annual price",
        &price,
        &format!("{}.00 USD a year", starter.annual_price),
    )
    .await;
    // An admin may pay for each paid plan, in dollars and in pounds.
    let buttons = wait_for(
        &browser,
        "the payment buttons",
        "const n = s => document.querySelectorAll('#plan-cards ' + s).length;
         return n('.plan-card') ? [n('.checkout'), n('.pay-paymob'), n('.pay-fawry')] : null;",
    )
    .await;
    let cards = paid_plan_ids(&plans).as_array().unwrap().len();
    assert_eq!(buttons, json!([cards, cards, cards]), "{usage:?}");

    // Without a paid Stripe subscription there is no seat to buy: the edge's reason shows
    // beside the button, and the usage stays as it was.
    let refusal = team
        .admin
        .post_empty::<Value>("/api/v1/billing/add-agent")
        .await
        .expect_problem(402);
    click(&browser, "#add-seat").await;
    let said = text_of(&browser, "the seat's refusal", ".seat-action [role=alert]").await;
    assert!(
        said.to_lowercase().contains(&refusal.detail.to_lowercase()),
        "{said:?} vs {refusal:?}"
    );
    assert_eq!(text_of(&browser, "extra seats", "#extra-seats").await, "0");

    // Nor a billing portal.
    click(&browser, "#manage-billing").await;
    let said = text_of(&browser, "the portal's refusal", ".portal [role=alert]").await;
    assert!(!said.is_empty());

    // Back from Stripe Checkout: the thanks.
    go(&browser, "#/billing?checkout=success").await;
    wait_for_text(
        &browser,
        "the thanks",
        "#checkout-notice",
        "your plan updates as soon as Stripe confirms the payment",
    )
    .await;
    browser.close().await.unwrap();
}

#[tokio::test]
async fn an_agent_reads_the_plan_and_usage_with_nothing_to_buy() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let usage: BillingUsage = team
        .agent
        .get("/api/v1/billing/current")
        .await
        .expect_status(200);
    let plans: Vec<Plan> = team
        .agent
        .get("/api/v1/billing/plans")
        .await
        .expect_status(200);

    let browser = sign_in(server, &team.agent_user.email).await;
    wait_for(
        &browser,
        "Billing in the agent's nav",
        "return document.querySelector(\".main-nav a[href='#/billing']\") ? true : null;",
    )
    .await;
    go(&browser, "#/billing").await;
    shows_the_usage(&browser, &usage).await;
    assert_eq!(plan_cards(&browser).await, paid_plan_ids(&plans));
    wait_for(
        &browser,
        "the invoices",
        "return document.querySelector('#invoice-table, #no-invoices') ? true : null;",
    )
    .await;
    let buttons = wait_for(
        &browser,
        "what the agent may press",
        "return [...document.querySelectorAll(
             '#add-seat, #remove-seat, #manage-billing, .checkout, .pay-paymob, .pay-fawry')]
             .map(b => b.id || b.className);",
    )
    .await;
    assert_eq!(buttons, json!([]), "an agent pays for nothing");
    browser.close().await.unwrap();
}

#[tokio::test]
async fn a_fawry_reference_is_shown_and_once_paid_the_plan_and_its_receipt() {
    let fawry = FakeFawry::start().await.unwrap();
    let server = Server::start_with_vars(&fawry.settings()).await.unwrap();
    fawry.set_callback_url(&format!(
        "{}/api/v1/billing/webhooks/fawry",
        server.base_url
    ));
    let team = Team::new(&server).await;
    let browser = sign_in(&server, &team.admin_user.email).await;
    go(&browser, "#/billing").await;
    plan_cards(&browser).await;
    click(
        &browser,
        "#plan-cards .plan-card[data-plan-id='plan-growth'] .pay-fawry",
    )
    .await;
    let reference = text_of(
        &browser,
        "the Fawry reference",
        "#fawry-reference .reference-number",
    )
    .await;
    assert!(!reference.trim().is_empty());

    // The payer pays it at a kiosk; Fawry tells Parley.
    let payments = server
        .query_d1(&format!(
            "SELECT id FROM payments WHERE provider_ref = '{}'",
            reference.trim()
        ))
        .unwrap();
    let payment_id = payments[0]["id"].as_str().unwrap();
    assert_eq!(fawry.pay(payment_id).await, 200);

    browser.client.refresh().await.unwrap();
    wait_for_text(&browser, "the new plan", "#plan-name", "Growth").await;
    wait_for_text(&browser, "the receipt", "#invoice-table", "3950.00 EGP").await;
}
