use crate::components::chart_frame::ChartFrame;
use leptos::prelude::*;

/// One bar in chart units (the SVG's viewBox), `y` from the top.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// The axis maximum for values up to `max`: the next 1, 2 or 5 × 10ⁿ (at least 1), so the
/// tallest bar nearly fills the chart and the scale reads as a round number.
pub fn nice_max(max: u64) -> u64 {
    let mut step = 1u64;
    loop {
        for factor in [1, 2, 5] {
            let candidate = step.saturating_mul(factor);
            if candidate >= max {
                return candidate;
            }
        }
        step = step.saturating_mul(10);
    }
}

/// Lays `values` out as bars across `width` × `height`, `gap` apart, scaled to
/// [`nice_max`]; a zero value gets no height.
pub fn scale_bars(values: &[u64], width: f64, height: f64, gap: f64) -> (Vec<Bar>, u64) {
    let top = nice_max(values.iter().copied().max().unwrap_or(0));
    if values.is_empty() {
        return (Vec::new(), top);
    }
    let slot = width / values.len() as f64;
    let bar_width = (slot - gap).max(1.0);
    let bars = values
        .iter()
        .enumerate()
        .map(|(i, &value)| {
            let bar_height = height * value as f64 / top as f64;
            Bar {
                x: i as f64 * slot + (slot - bar_width) / 2.0,
                y: height - bar_height,
                width: bar_width,
                height: bar_height,
            }
        })
        .collect();
    (bars, top)
}

/// Every chart's size in chart units; CSS stretches it to the width it is given.
pub const WIDTH: f64 = 600.0;
pub const HEIGHT: f64 = 160.0;

/// A bar chart of labelled counts, drawn as SVG; each bar's label and value show on hover.
#[component]
pub fn BarChart(
    /// What the chart shows, for screen readers and as its heading.
    title: String,
    /// `(label, value)` per bar, in order.
    points: Vec<(String, u64)>,
    #[prop(default = "var(--accent)")] color: &'static str,
) -> impl IntoView {
    let values: Vec<u64> = points.iter().map(|(_, v)| *v).collect();
    let (bars, top) = scale_bars(&values, WIDTH, HEIGHT, 2.0);
    let total: u64 = values.iter().sum();
    let first = points.first().map(|(l, _)| l.clone()).unwrap_or_default();
    let last = points.last().map(|(l, _)| l.clone()).unwrap_or_default();
    let rects = bars
        .into_iter()
        .zip(points)
        .map(|(bar, (label, value))| {
            view! {
                <rect
                    x=format!("{:.1}", bar.x)
                    y=format!("{:.1}", bar.y)
                    width=format!("{:.1}", bar.width)
                    height=format!("{:.1}", bar.height)
                    fill=color
                    data-value=value
                >
                    <title>{format!("{label}: {value}")}</title>
                </rect>
            }
        })
        .collect_view();
    let label = format!("{title}: {total} in all");
    let aside = view! { <span class="chart-total">{total}</span> }.into_any();
    view! {
        <ChartFrame title label aside first last top>
            {rects}
        </ChartFrame>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn axis_rounds_up_to_one_two_or_five() {
        assert_eq!(nice_max(0), 1);
        assert_eq!(nice_max(1), 1);
        assert_eq!(nice_max(3), 5);
        assert_eq!(nice_max(7), 10);
        assert_eq!(nice_max(11), 20);
        assert_eq!(nice_max(200), 200);
        assert_eq!(nice_max(201), 500);
        assert!(nice_max(u64::MAX) >= u64::MAX / 2);
    }

    #[wasm_bindgen_test]
    fn bars_share_the_width_and_scale_to_the_axis() {
        let (bars, top) = scale_bars(&[0, 5, 10], 300.0, 100.0, 10.0);
        assert_eq!(top, 10);
        assert_eq!(bars.len(), 3);
        assert_eq!(bars[0].height, 0.0);
        assert_eq!(bars[0].y, 100.0);
        assert_eq!(bars[1].height, 50.0);
        assert_eq!(bars[2].height, 100.0);
        assert_eq!(bars[2].y, 0.0);
        assert_eq!(bars[1].width, 90.0);
        assert_eq!(bars[1].x, 105.0, "centred in its 100-wide slot");
        let (none, top) = scale_bars(&[], 300.0, 100.0, 10.0);
        assert!(none.is_empty() && top == 1);
    }

    #[wasm_bindgen_test]
    fn draws_a_bar_per_point_with_its_value() {
        let container = crate::test_page::container();
        let points = vec![
            ("Mon".to_owned(), 2),
            ("Tue".to_owned(), 0),
            ("Wed".to_owned(), 7),
        ];
        leptos::mount::mount_to(container.clone(), move || {
            view! { <BarChart title="Conversations".to_owned() points /> }
        })
        .forget();
        assert_eq!(container.inner_html().matches("<rect").count(), 3);
        let svg = container.query_selector("svg").unwrap().unwrap();
        assert_eq!(
            svg.get_attribute("aria-label").as_deref(),
            Some("Conversations: 9 in all")
        );
        assert!(container.text_content().unwrap().contains("max 10"));
    }
}
