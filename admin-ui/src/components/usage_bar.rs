use crate::usage::{Level, fill_percent, usage_figures, usage_level};
use leptos::prelude::*;

/// One allowance of the plan: what is used of it this period as a bar, which turns to a
/// warning at 80 % and full at 100 %; a limit of 0 reads "not included".
#[component]
pub fn UsageBar(
    /// The element's id: `usage-agents`.
    id: &'static str,
    label: &'static str,
    used: u32,
    limit: u32,
) -> impl IntoView {
    let level = usage_level(used, limit);
    let figures = usage_figures(used, limit);
    let track = (level != Level::NotIncluded).then(|| {
        view! {
            <div
                class="usage-track"
                role="progressbar"
                aria-label=label
                aria-valuemin="0"
                aria-valuemax=limit.to_string()
                aria-valuenow=used.to_string()
                aria-valuetext=figures.clone()
            >
                <div class="usage-fill" style=format!("width: {}%", fill_percent(used, limit))></div>
            </div>
        }
    });
    view! {
        <div class=format!("usage usage-{}", level.as_str()) id=id data-level=level.as_str()>
            <div class="usage-head">
                <span class="usage-label">{label}</span>
                <span class="usage-figures">{figures}</span>
            </div>
            {track}
        </div>
    }
}
