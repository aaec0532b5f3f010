use crate::components::bar_chart::{HEIGHT, WIDTH};
use leptos::prelude::*;

/// The frame every chart is drawn in: a caption (the title and beside it a total or a
/// legend), the SVG (`children`, in chart units) over its bottom axis, and the scale under it.
#[component]
pub fn ChartFrame(
    title: String,
    /// Beside the title.
    aside: AnyView,
    /// What the chart says, for screen readers.
    label: String,
    /// The first and the last point's labels.
    first: String,
    last: String,
    /// The axis maximum.
    top: u64,
    children: Children,
) -> impl IntoView {
    view! {
        <figure class="chart">
            <figcaption>
                <span class="chart-title">{title}</span>
                {aside}
            </figcaption>
            <svg
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                preserveAspectRatio="none"
                role="img"
                aria-label=label
            >
                <line x1="0" y1=HEIGHT x2=WIDTH y2=HEIGHT class="chart-axis" />
                {children()}
            </svg>
            <div class="chart-scale">
                <span>{first}</span>
                <span>"max " {top}</span>
                <span>{last}</span>
            </div>
        </figure>
    }
}
