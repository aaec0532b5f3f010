-- Billing (definitions in shared-types `billing`): each workspace's plan, what it used in each
-- billing period, what it paid, and which provider notifications were already applied.

-- The Stripe customer a workspace pays as, made on its first checkout.
ALTER TABLE workspaces ADD COLUMN stripe_customer_id TEXT;
CREATE UNIQUE INDEX workspaces_by_stripe_customer ON workspaces(stripe_customer_id)
    WHERE stripe_customer_id IS NOT NULL;

-- A workspace's plan. Without a row it is on Free, its periods counted from its creation.
-- Times are RFC 3339; provider_event_at is the provider's time (Unix seconds) of the last
-- notification applied, so an older one arriving late changes nothing.
CREATE TABLE subscriptions (
    workspace_id       TEXT PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
    plan_id            TEXT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('trialing', 'active', 'past_due', 'canceled')),
    billing_interval   TEXT NOT NULL CHECK (billing_interval IN ('monthly', 'annual')),
    provider           TEXT CHECK (provider IN ('stripe', 'paymob', 'fawry')),
    -- Stripe's subscription and its item for seats beyond the plan's own.
    subscription_id    TEXT,
    seat_item_id       TEXT,
    extra_seats        INTEGER NOT NULL DEFAULT 0,
    period_start       TEXT NOT NULL,
    period_end         TEXT NOT NULL,
    past_due_since     TEXT,
    provider_event_at  INTEGER NOT NULL DEFAULT 0,
    updated_at         TEXT NOT NULL
);
CREATE UNIQUE INDEX subscriptions_by_provider_id ON subscriptions(subscription_id)
    WHERE subscription_id IS NOT NULL;

-- What a workspace used in one billing period (a month from the subscription's own date).
-- Counted by conditional upserts that never pass the plan's limit, so concurrent requests
-- cannot spend the same unit twice.
CREATE TABLE usage_periods (
    workspace_id   TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    period_start   TEXT NOT NULL,
    conversations  INTEGER NOT NULL DEFAULT 0,
    ai_responses   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id, period_start)
);

-- Payments started with Paymob or Fawry, waiting for the provider's notification.
CREATE TABLE payments (
    id                TEXT PRIMARY KEY,
    workspace_id      TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    provider          TEXT NOT NULL CHECK (provider IN ('paymob', 'fawry')),
    plan_id           TEXT NOT NULL,
    billing_interval  TEXT NOT NULL CHECK (billing_interval IN ('monthly', 'annual')),
    amount_minor      INTEGER NOT NULL,
    currency          TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'failed', 'expired')),
    provider_ref      TEXT,
    created_at        TEXT NOT NULL
);
CREATE INDEX payments_by_workspace ON payments(workspace_id, created_at);

-- Invoices (Stripe's) and receipts (paid Paymob and Fawry payments), newest first in lists.
CREATE TABLE invoices (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    provider      TEXT NOT NULL,
    provider_id   TEXT NOT NULL,
    amount_minor  INTEGER NOT NULL,
    currency      TEXT NOT NULL,
    status        TEXT NOT NULL,
    pdf_url       TEXT,
    created_at    TEXT NOT NULL,
    UNIQUE (provider, provider_id)
);
CREATE INDEX invoices_by_workspace ON invoices(workspace_id, created_at);

-- Provider notifications already applied: the same event id twice changes nothing.
CREATE TABLE billing_events (
    provider     TEXT NOT NULL,
    event_id     TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    PRIMARY KEY (provider, event_id)
);

-- Workspaces made before billing existed start the trial new ones get.
INSERT INTO subscriptions (workspace_id, plan_id, status, billing_interval, period_start,
                           period_end, updated_at)
SELECT id, 'plan-starter', 'trialing', 'monthly', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
       strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+14 days'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM workspaces WHERE sandbox_of IS NULL;
