//! ChatFlow's Billing section end to end against a real `wrangler dev` and local fakes that
//! speak Stripe's, Paymob's and Fawry's wire formats: plans → checkout → the provider's
//! notification → the plan active → seats → invoices; notifications applied once, forged or
//! stale ones changing nothing; a lapsed subscription on Free; agents refused admin routes.

use parley_shared_types::billing::{
    BillingUsage, CheckoutSession, Invoice, PaymentProvider, PaymentStarted, PortalSession,
    SubscriptionStatus,
};
use parley_shared_types::problem::ErrorCode;
use parley_tests::fake_fawry::FakeFawry;
use parley_tests::fake_paymob::FakePaymob;
use parley_tests::fake_stripe::{FakeStripe, stripe_signature};
use parley_tests::fixtures::Team;
use parley_tests::{Api, Server};
use serde_json::{Value, json};
use std::sync::LazyLock;
use tokio::sync::OnceCell;

/// A server configured for the three providers, each a local fake.
struct Billing {
    server: Server,
    stripe: FakeStripe,
    paymob: FakePaymob,
    fawry: FakeFawry,
}

impl Billing {
    async fn start() -> Billing {
        let stripe = FakeStripe::start().await.unwrap();
        let paymob = FakePaymob::start().await.unwrap();
        let fawry = FakeFawry::start().await.unwrap();
        let (integration, iframe) = (
            paymob.integration_id.to_string(),
            paymob.iframe_id.to_string(),
        );
        let server = Server::start_with_vars(&[
            ("STRIPE_API_BASE", &stripe.base_url),
            ("STRIPE_SECRET_KEY", &stripe.api_key),
            ("STRIPE_WEBHOOK_SECRET", &stripe.webhook_secret),
            ("PAYMOB_API_BASE", &paymob.base_url),
            ("PAYMOB_API_KEY", &paymob.api_key),
            ("PAYMOB_INTEGRATION_ID", &integration),
            ("PAYMOB_IFRAME_ID", &iframe),
            ("PAYMOB_HMAC_SECRET", &paymob.hmac_secret),
            ("FAWRY_API_BASE", &fawry.base_url),
            ("FAWRY_MERCHANT_CODE", &fawry.merchant_code),
            ("FAWRY_SECURE_KEY", &fawry.secure_key),
        ])
        .await
        .unwrap();
        let hook =
            |provider: &str| format!("{}/api/v1/billing/webhooks/{provider}", server.base_url);
        stripe.set_callback_url(&hook("stripe"));
        paymob.set_callback_url(&hook("paymob"));
        fawry.set_callback_url(&hook("fawry"));
        Billing {
            server,
            stripe,
            paymob,
            fawry,
        }
    }

    /// One for the binary. Each test has its own runtime, gone when it ends: the fakes serve
    /// from a runtime of their own, which lives as long as the binary.
    async fn shared() -> &'static Billing {
        static FAKES: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .unwrap()
        });
        static SHARED: OnceCell<Billing> = OnceCell::const_new();
        SHARED
            .get_or_init(|| async { FAKES.spawn(Billing::start()).await.unwrap() })
            .await
    }

    /// A new workspace subscribed to Growth (monthly) through Stripe; answers its Stripe
    /// subscription id.
    async fn subscribed(&self, team: &Team) -> String {
        let answer = team
            .admin
            .post(
                "/api/v1/billing/checkout",
                &json!({"planId": "plan-growth", "interval": "monthly"}),
            )
            .await;
        if answer.status() != 200 {
            eprintln!("{}", parley_tests::process::log_tail(&self.server.log, 80));
        }
        let session: CheckoutSession = answer.expect_status(200);
        assert!(
            session.checkout_url.starts_with(&self.stripe.base_url),
            "{session:?}"
        );
        let session_id = session.checkout_url.rsplit('/').next().unwrap();
        let delivered = self.stripe.complete_checkout(session_id).await.unwrap();
        assert!(
            delivered.statuses.iter().all(|status| *status == 200),
            "{:?}",
            delivered.statuses
        );
        delivered.subscription_id
    }
}

async fn usage(api: &Api) -> BillingUsage {
    api.get("/api/v1/billing/current").await.expect_status(200)
}

async fn change_seat(api: &Api, add: bool) -> parley_tests::Answer<BillingUsage> {
    if add {
        api.post_empty("/api/v1/billing/add-agent").await
    } else {
        api.delete("/api/v1/billing/remove-agent").await
    }
}

#[tokio::test]
async fn the_seed_section_end_to_end_through_stripe() {
    let billing = Billing::shared().await;
    let team = Team::new(&billing.server).await;
    let other = Team::new(&billing.server).await;
    assert_eq!(
        usage(&team.admin).await.status,
        SubscriptionStatus::Trialing
    );

    let subscription = billing.subscribed(&team).await;
    let checkout = billing
        .stripe
        .requests()
        .into_iter()
        .rfind(|r| r.path == "/v1/checkout/sessions")
        .unwrap();
    assert_eq!(checkout.param("mode"), Some("subscription"));
    assert_eq!(
        checkout.param("client_reference_id"),
        Some(team.admin_user.workspace_id.as_str())
    );
    let active = usage(&team.agent).await;
    assert_eq!(
        (
            active.plan_id.as_str(),
            active.status,
            active.provider,
            active.agents_limit
        ),
        (
            "plan-growth",
            SubscriptionStatus::Active,
            Some(PaymentProvider::Stripe),
            10
        )
    );

    // Seats: one more, another, then back; never below the plan's own.
    assert_eq!(
        change_seat(&team.admin, true)
            .await
            .expect_status(200)
            .agents_limit,
        11
    );
    let two = change_seat(&team.admin, true).await.expect_status(200);
    assert_eq!((two.agents_limit, two.extra_seats), (12, 2));
    let items = billing.stripe.subscription(&subscription)["items"]["data"].clone();
    let seat_quantity = items
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["price"]["lookup_key"] == "parley_seat_monthly")
        .map(|item| item["quantity"].clone());
    assert_eq!(seat_quantity, Some(json!(2)), "{items}");
    assert!(
        billing
            .stripe
            .requests()
            .iter()
            .filter(|r| r.path.starts_with("/v1/subscription_items"))
            .all(|r| r.param("proration_behavior") == Some("create_prorations")),
        "seats are prorated"
    );
    assert_eq!(
        change_seat(&team.admin, false)
            .await
            .expect_status(200)
            .agents_limit,
        11
    );
    assert_eq!(
        change_seat(&team.admin, false)
            .await
            .expect_status(200)
            .agents_limit,
        10
    );
    let below = change_seat(&team.admin, false).await.expect_problem(409);
    assert_eq!(below.code, ErrorCode::Conflict);
    let agent_refused = change_seat(&team.agent, true).await.expect_problem(403);
    assert_eq!(agent_refused.code, ErrorCode::Forbidden);

    let invoices: Vec<Invoice> = team
        .agent
        .get("/api/v1/billing/invoices")
        .await
        .expect_status(200);
    assert_eq!(invoices.len(), 1, "{invoices:?}");
    assert_eq!(
        (
            invoices[0].amount,
            invoices[0].currency.as_str(),
            invoices[0].status.as_str()
        ),
        (79.0, "USD", "paid")
    );
    assert!(invoices[0].pdf_url.is_some());
    let portal: PortalSession = team
        .admin
        .post_empty("/api/v1/billing/portal")
        .await
        .expect_status(200);
    assert!(portal.portal_url.starts_with(&billing.stripe.base_url));
    let again = team
        .admin
        .post::<_, Value>(
            "/api/v1/billing/checkout",
            &json!({"planId": "plan-scale", "interval": "annual"}),
        )
        .await
        .expect_problem(409);
    assert!(again.detail.contains("portal"), "{}", again.detail);

    // Nothing of it reaches another workspace.
    assert_eq!(
        usage(&other.admin).await.status,
        SubscriptionStatus::Trialing
    );
    let theirs: Vec<Invoice> = other
        .admin
        .get("/api/v1/billing/invoices")
        .await
        .expect_status(200);
    assert!(theirs.is_empty());
    let no_portal = other
        .admin
        .post_empty::<Value>("/api/v1/billing/portal")
        .await
        .expect_problem(402);
    assert_eq!(no_portal.code, ErrorCode::NoSubscription);
    let no_seats = change_seat(&other.admin, true).await.expect_problem(402);
    assert_eq!(no_seats.code, ErrorCode::NoSubscription);
}

#[tokio::test]
async fn bad_checkouts_are_problems_naming_the_field() {
    let billing = Billing::shared().await;
    let team = Team::new(&billing.server).await;
    for path in ["checkout", "checkout/paymob", "checkout/fawry"] {
        let problem = team
            .admin
            .post::<_, Value>(
                &format!("/api/v1/billing/{path}"),
                &json!({"planId": "plan-free", "interval": "weekly"}),
            )
            .await
            .expect_problem(422);
        assert!(
            problem.errors.contains_key("planId") && problem.errors.contains_key("interval"),
            "{problem:?}"
        );
    }
    let anonymous = Api::new(&billing.server.base_url)
        .get::<Value>("/api/v1/billing/current")
        .await
        .expect_problem(401);
    assert_eq!(anonymous.code, ErrorCode::Unauthorized);
}

#[tokio::test]
async fn stripe_events_apply_once_and_forged_or_stale_ones_change_nothing() {
    let billing = Billing::shared().await;
    let team = Team::new(&billing.server).await;
    let subscription = billing.subscribed(&team).await;

    // The same event again (Stripe retries): nothing changes.
    let paid = billing.stripe.last_event().unwrap();
    assert_eq!(paid["type"], "invoice.paid");
    assert_eq!(billing.stripe.deliver(paid.clone()).await, 200);
    let invoices: Vec<Invoice> = team
        .admin
        .get("/api/v1/billing/invoices")
        .await
        .expect_status(200);
    assert_eq!(invoices.len(), 1);

    // A payment fails: past due, the plan kept for its grace.
    billing.stripe.fail_payment(&subscription).await.unwrap();
    let past_due = usage(&team.admin).await;
    assert_eq!(
        (past_due.plan_id.as_str(), past_due.status),
        ("plan-growth", SubscriptionStatus::PastDue)
    );
    assert!(past_due.ends_at.is_some());
    let stale = billing.stripe.last_event().unwrap();
    assert_eq!(stale["type"], "customer.subscription.updated");

    // Forged: a body the signature does not cover, or a signature too old.
    let deleted = json!({"id": "evt_forged", "object": "event", "type": "customer.subscription.deleted",
        "created": stale["created"], "data": stale["data"]});
    let body = deleted.to_string();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let forged = format!("t={now},v1={}", "0".repeat(64));
    assert_eq!(
        billing.stripe.deliver_signed_with(&body, &forged).await,
        400
    );
    let old = stripe_signature(&billing.stripe.webhook_secret, now - 600, &body);
    assert_eq!(billing.stripe.deliver_signed_with(&body, &old).await, 400);
    assert_eq!(usage(&team.admin).await.status, SubscriptionStatus::PastDue);

    // Canceled: Free, and what needs a paid plan says so.
    billing.stripe.cancel(&subscription).await.unwrap();
    let canceled = usage(&team.admin).await;
    assert_eq!(
        (
            canceled.plan_id.as_str(),
            canceled.status,
            canceled.agents_limit
        ),
        ("plan-free", SubscriptionStatus::Canceled, 1)
    );
    let refused = change_seat(&team.admin, true).await.expect_problem(402);
    assert_eq!(refused.code, ErrorCode::NoSubscription);

    // An older event arriving late (another id, an earlier time) does not bring it back.
    let mut late = stale;
    late["id"] = json!(format!("evt_late_{}", uuid::Uuid::new_v4().simple()));
    late["created"] = json!(late["created"].as_i64().unwrap() - 60);
    assert_eq!(billing.stripe.deliver(late).await, 200);
    assert_eq!(
        usage(&team.admin).await.status,
        SubscriptionStatus::Canceled
    );
}

#[tokio::test]
async fn paymob_and_fawry_pay_for_a_period_once() {
    let billing = Billing::shared().await;
    let team = Team::new(&billing.server).await;
    let started: PaymentStarted = team
        .admin
        .post(
            "/api/v1/billing/checkout/paymob",
            &json!({"planId": "plan-starter", "interval": "monthly"}),
        )
        .await
        .expect_status(200);
    let url = started.checkout_url.clone().unwrap();
    assert!(
        url.starts_with(&billing.paymob.base_url) && url.contains("payment_token="),
        "{url}"
    );
    assert_eq!((started.amount, started.currency.as_str()), (1450, "EGP"));

    // A declined card changes nothing; a paid one starts the plan.
    assert_eq!(billing.paymob.pay(&started.payment_id, false).await, 200);
    assert_eq!(
        usage(&team.admin).await.status,
        SubscriptionStatus::Trialing
    );
    assert_eq!(billing.paymob.pay(&started.payment_id, true).await, 200);
    let paid = usage(&team.admin).await;
    assert_eq!(
        (paid.plan_id.as_str(), paid.status, paid.provider),
        (
            "plan-starter",
            SubscriptionStatus::Active,
            Some(PaymentProvider::Paymob)
        )
    );
    assert!(paid.ends_at.is_some(), "a prepaid month ends: {paid:?}");
    let (body, hmac) = billing.paymob.last_callback().unwrap();
    assert_eq!(
        billing.paymob.post_callback(&body, &hmac).await,
        200,
        "a replay"
    );
    let mut tampered = body.clone();
    tampered["obj"]["amount_cents"] = json!(1);
    assert_eq!(billing.paymob.post_callback(&tampered, &hmac).await, 400);
    let receipts: Vec<Invoice> = team
        .admin
        .get("/api/v1/billing/invoices")
        .await
        .expect_status(200);
    assert_eq!(receipts.len(), 1, "{receipts:?}");
    assert_eq!(
        (receipts[0].amount, receipts[0].currency.as_str()),
        (1450.0, "EGP")
    );

    let kiosk = Team::new(&billing.server).await;
    let reference: PaymentStarted = kiosk
        .admin
        .post(
            "/api/v1/billing/checkout/fawry",
            &json!({"planId": "plan-growth", "interval": "annual"}),
        )
        .await
        .expect_status(200);
    assert!(reference.reference_number.is_some() && reference.expires_at.is_some());
    assert_eq!(reference.amount, 37_900);
    let mut forged = json!({"merchantRefNumber": reference.payment_id, "orderStatus": "PAID",
        "fawryRefNumber": reference.reference_number, "paymentAmount": 37900, "orderAmount": 37900,
        "paymentMethod": "PAYATFAWRY", "messageSignature": "00"});
    assert_eq!(billing.fawry.post_notification(&forged).await, 400);
    forged["messageSignature"] = json!("");
    assert_eq!(billing.fawry.post_notification(&forged).await, 400);
    assert_eq!(
        usage(&kiosk.admin).await.status,
        SubscriptionStatus::Trialing
    );
    assert_eq!(billing.fawry.pay(&reference.payment_id).await, 200);
    let growth = usage(&kiosk.admin).await;
    assert_eq!(
        (
            growth.plan_id.as_str(),
            growth.provider,
            growth.agents_limit
        ),
        ("plan-growth", Some(PaymentProvider::Fawry), 10)
    );
    let notification = billing.fawry.last_notification().unwrap();
    assert_eq!(billing.fawry.post_notification(&notification).await, 200);
    let receipts: Vec<Invoice> = kiosk
        .admin
        .get("/api/v1/billing/invoices")
        .await
        .expect_status(200);
    assert_eq!(receipts.len(), 1);
    // Seats are bought on a Stripe subscription only.
    let seats = change_seat(&kiosk.admin, true).await.expect_problem(409);
    assert_eq!(seats.code, ErrorCode::Conflict);
}

#[tokio::test]
async fn a_subscription_past_due_beyond_its_grace_is_on_free() {
    let billing = Billing::start().await;
    let team = Team::new(&billing.server).await;
    let subscription = billing.subscribed(&team).await;
    billing.stripe.fail_payment(&subscription).await.unwrap();
    let grace_end = usage(&team.admin).await.ends_at.unwrap();
    let after =
        chrono::DateTime::parse_from_rfc3339(&grace_end).unwrap() + chrono::TimeDelta::hours(1);
    billing.server.set_clock(Some(&after.to_rfc3339())).await;
    // A week on, the old access token has expired: sign in again.
    let admin = team.admin_again().await;
    let lapsed = usage(&admin).await;
    assert_eq!(
        (lapsed.plan_id.as_str(), lapsed.status, lapsed.agents_limit),
        ("plan-free", SubscriptionStatus::Canceled, 1)
    );
    let refused = change_seat(&admin, true).await.expect_problem(402);
    assert_eq!(refused.code, ErrorCode::NoSubscription);
    billing.server.set_clock(None).await;
}
