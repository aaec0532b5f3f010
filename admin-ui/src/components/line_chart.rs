use crate::components::bar_chart::{HEIGHT, WIDTH, nice_max};
use crate::components::chart_frame::ChartFrame;
use leptos::prelude::*;

/// One line of a [`LineChart`]: a value per label.
#[derive(Debug, Clone)]
pub struct LineSeries {
    pub name: &'static str,
    pub values: Vec<u64>,
}

/// The lines' colours, in the series' order (the dashboard's two charts use the same pair).
const COLORS: [&str; 3] = ["var(--accent)", "#0ea5e9", "#f59e0b"];

fn color(series: usize) -> &'static str {
    COLORS[series % COLORS.len()]
}

/// A point in chart units (the SVG's viewBox), `y` from the top.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// Lays each series out across `width` × `height` on one shared axis up to [`nice_max`] of
/// the largest value, so lines compare; point `i` sits in the middle of the `i`-th of
/// `slots` equal slots, under the band that names it on hover.
pub fn scale_lines(
    series: &[&[u64]],
    slots: usize,
    width: f64,
    height: f64,
) -> (Vec<Vec<Point>>, u64) {
    let largest = series.iter().flat_map(|s| s.iter()).copied().max();
    let top = nice_max(largest.unwrap_or(0));
    let slot = width / slots.max(1) as f64;
    let lines = series
        .iter()
        .map(|values| {
            values
                .iter()
                .enumerate()
                .map(|(i, &value)| Point {
                    x: (i as f64 + 0.5) * slot,
                    y: height - height * value as f64 / top as f64,
                })
                .collect()
        })
        .collect();
    (lines, top)
}

/// Several counts over the same points as lines on one SVG; hovering a point's band names
/// it with every series' value.
#[component]
pub fn LineChart(
    /// What the chart shows, for screen readers and as its heading.
    title: String,
    /// What each point covers, in order.
    labels: Vec<String>,
    series: Vec<LineSeries>,
) -> impl IntoView {
    let values: Vec<&[u64]> = series.iter().map(|s| s.values.as_slice()).collect();
    let (lines, top) = scale_lines(&values, labels.len(), WIDTH, HEIGHT);
    let totals: Vec<String> = series
        .iter()
        .map(|s| format!("{}: {}", s.name, s.values.iter().sum::<u64>()))
        .collect();
    let legend = totals
        .iter()
        .enumerate()
        .map(|(i, total)| {
            view! {
                <span class="legend-item">
                    <span class="legend-key" style:background=color(i)></span>
                    {total.clone()}
                </span>
            }
        })
        .collect_view();
    let drawn = lines
        .iter()
        .zip(&series)
        .enumerate()
        .map(|(i, (points, s))| {
            let path = points
                .iter()
                .map(|p| format!("{:.1},{:.1}", p.x, p.y))
                .collect::<Vec<_>>()
                .join(" ");
            // A zero-length stroke with round caps is a dot that stays round when the chart
            // stretches to its box (circles would turn into ellipses).
            let dots = points
                .iter()
                .map(|p| {
                    view! { <path d=format!("M{:.1} {:.1}h0", p.x, p.y) class="chart-dot" stroke=color(i) /> }
                })
                .collect_view();
            view! {
                <polyline points=path class="chart-line" stroke=color(i) data-series=s.name />
                {dots}
            }
        })
        .collect_view();
    let slot = WIDTH / labels.len().max(1) as f64;
    let bands = labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let values = series
                .iter()
                .map(|s| format!("{}: {}", s.name, s.values.get(i).copied().unwrap_or(0)))
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <rect
                    x=format!("{:.1}", i as f64 * slot)
                    y="0"
                    width=format!("{slot:.1}")
                    height=HEIGHT
                    class="chart-band"
                >
                    <title>{format!("{label} — {values}")}</title>
                </rect>
            }
        })
        .collect_view();
    let first = labels.first().cloned().unwrap_or_default();
    let last = labels.last().cloned().unwrap_or_default();
    let label = format!("{title}, in all — {}", totals.join(", "));
    let aside = view! { <span class="chart-legend">{legend}</span> }.into_any();
    view! {
        <ChartFrame title label aside first last top>
            {drawn}
            {bands}
        </ChartFrame>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test(unsupported = test)]
    fn lines_share_one_axis_and_sit_in_the_middle_of_their_slots() {
        let conversations = [0, 2, 4];
        let messages = [3, 10, 7];
        let (lines, top) = scale_lines(&[&conversations, &messages], 3, 300.0, 100.0);
        assert_eq!(top, 10, "the axis fits the largest of any series");
        let xs: Vec<f64> = lines[0].iter().map(|p| p.x).collect();
        assert_eq!(xs, [50.0, 150.0, 250.0]);
        let ys: Vec<f64> = lines[0].iter().map(|p| p.y).collect();
        assert_eq!(ys, [100.0, 80.0, 60.0]);
        assert_eq!(lines[1][1], Point { x: 150.0, y: 0.0 });
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn nothing_to_draw_still_has_an_axis() {
        let (lines, top) = scale_lines(&[&[]], 0, 300.0, 100.0);
        assert!(lines[0].is_empty());
        assert_eq!(top, 1);
        let (lines, _) = scale_lines(&[&[0]], 1, 300.0, 100.0);
        assert_eq!(lines[0], [Point { x: 150.0, y: 100.0 }]);
    }

    #[wasm_bindgen_test]
    fn draws_a_line_per_series_and_names_each_point_on_hover() {
        let container = crate::test_page::container();
        let labels = vec!["Jan 1".to_owned(), "Jan 2".to_owned()];
        let series = vec![
            LineSeries {
                name: "Conversations",
                values: vec![1, 2],
            },
            LineSeries {
                name: "Messages",
                values: vec![4, 7],
            },
        ];
        leptos::mount::mount_to(container.clone(), move || {
            view! { <LineChart title="Activity".to_owned() labels series /> }
        })
        .forget();
        assert_eq!(container.inner_html().matches("<polyline").count(), 2);
        let svg = container.query_selector("svg").unwrap().unwrap();
        assert_eq!(
            svg.get_attribute("aria-label").as_deref(),
            Some("Activity, in all — Conversations: 3, Messages: 11")
        );
        let titles = container.query_selector("rect title").unwrap().unwrap();
        assert_eq!(
            titles.text_content().as_deref(),
            Some("Jan 1 — Conversations: 1, Messages: 4")
        );
        assert!(container.text_content().unwrap().contains("max 10"));
    }
}
