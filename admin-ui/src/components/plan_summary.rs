use crate::components::usage_bar::UsageBar;
use crate::subscription::{period, status_key, status_line};
use leptos::prelude::*;
use parley_shared_types::billing::BillingUsage;

/// The workspace's plan: its name and status, the billing period, the API rate, and what is
/// used of each allowance this period.
#[component]
pub fn PlanSummary(usage: RwSignal<BillingUsage>) -> impl IntoView {
    move || {
        let usage = usage.get();
        view! {
            <section class="plan-summary" id="current-plan" aria-labelledby="plan-name">
                <div class="plan-head">
                    <h3 id="plan-name">{usage.plan_name.clone()}</h3>
                    <span class=format!("plan-status plan-{}", status_key(usage.status)) id="plan-status">
                        {status_line(usage.status, usage.ends_at.as_deref())}
                    </span>
                </div>
                <dl class="plan-facts">
                    <dt>"Billing period"</dt>
                    <dd id="billing-period">
                        {period(&usage.billing_period_start, &usage.billing_period_end)}
                    </dd>
                    <dt>"API requests"</dt>
                    <dd id="api-rate">{format!("{} a minute per live key", usage.api_requests_per_minute)}</dd>
                </dl>
                <div class="usage-bars">
                    <UsageBar id="usage-agents" label="Agents" used=usage.agents_used limit=usage.agents_limit />
                    <UsageBar
                        id="usage-conversations"
                        label="Conversations"
                        used=usage.conversations_used
                        limit=usage.conversations_limit
                    />
                    <UsageBar
                        id="usage-ai"
                        label="AI responses"
                        used=usage.ai_responses_used
                        limit=usage.ai_responses_limit
                    />
                </div>
            </section>
        }
    }
}
