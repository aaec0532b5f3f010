//! Figures as people read them: durations, shares, scores and the dates a chart's points
//! start on.

use parley_shared_types::analytics::Granularity;

/// What a figure shows when there is nothing to measure (no answers, no ratings).
pub const NOTHING: &str = "—";

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `value` with at most `decimals` decimals and no trailing zeros: `2.50` → `2.5`, `3.0` → `3`.
fn trimmed(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// A count of `unit` kept short: one decimal below ten (`2.5 min`), whole above (`45 s`).
fn amount(value: f64, unit: &str) -> String {
    let decimals = if value < 10.0 { 1 } else { 0 };
    format!("{} {unit}", trimmed(value, decimals))
}

/// Seconds in the unit that keeps the number small: `1.2 s`, `3 min`, `1.5 h`, `2 d`.
pub fn duration(seconds: Option<f64>) -> String {
    match seconds {
        None => NOTHING.to_owned(),
        // A bot answers in hundredths of a second: "0 s" would read as not measured.
        Some(s) if s > 0.0 && s < 0.05 => "under 0.1 s".to_owned(),
        Some(s) if s < 60.0 => amount(s, "s"),
        Some(s) if s < 3600.0 => amount(s / 60.0, "min"),
        Some(s) if s < 86_400.0 => amount(s / 3600.0, "h"),
        Some(s) => amount(s / 86_400.0, "d"),
    }
}

/// A 0–1 share as a percentage without the sign, to one decimal: `0.286` → `28.6`.
pub fn share_in_percent(share: f64) -> String {
    trimmed(share * 100.0, 1)
}

/// A 0–1 share as people read it: `0.286` → `28.6%`.
pub fn percent(share: f64) -> String {
    format!("{}%", share_in_percent(share))
}

/// A mean 1–5 rating: `4.25`, `5`, or [`NOTHING`] without ratings.
pub fn score(mean: Option<f64>) -> String {
    mean.map_or_else(|| NOTHING.to_owned(), |mean| trimmed(mean, 2))
}

/// A mean rating with how many ratings it comes from: `4.5 from 2 ratings`.
pub fn rated(mean: Option<f64>, ratings: u64) -> String {
    let plural = if ratings == 1 { "" } else { "s" };
    match mean {
        None => "No ratings".to_owned(),
        Some(_) => format!("{} from {ratings} rating{plural}", score(mean)),
    }
}

/// `2026-01-05` → its year, month (1–12) and day; `None` for anything else.
fn date_parts(date: &str) -> Option<(&str, usize, u32)> {
    let mut parts = date.splitn(3, '-');
    let year = parts.next()?;
    let month = parts.next()?.parse::<usize>().ok()?;
    let day = parts.next()?.parse::<u32>().ok()?;
    (1..=12).contains(&month).then_some((year, month, day))
}

/// `2026-01-05` → `Jan 5` (unreadable dates as they came).
pub fn day_label(date: &str) -> String {
    match date_parts(date) {
        Some((_, month, day)) => format!("{} {day}", MONTHS[month - 1]),
        None => date.to_owned(),
    }
}

/// A day, or the day of a timestamp, with its year: `2026-01-05` → `Jan 5, 2026`
/// (unreadable dates as they came).
pub fn full_day(date: &str) -> String {
    match date.get(..10).and_then(date_parts) {
        Some((year, month, day)) => format!("{} {day}, {year}", MONTHS[month - 1]),
        None => date.to_owned(),
    }
}

/// A UTC timestamp to the minute: `2026-01-05T14:30:00Z` → `Jan 5, 2026, 14:30 UTC`; the
/// day alone when the time is not UTC or unreadable.
pub fn moment(timestamp: &str) -> String {
    let time = timestamp
        .get(10..16)
        .and_then(|t| t.strip_prefix('T'))
        .filter(|t| t.len() == 5 && timestamp.ends_with('Z'));
    match time {
        Some(time) if date_parts(&timestamp[..10]).is_some() => {
            format!("{}, {time} UTC", full_day(timestamp))
        }
        _ => full_day(timestamp),
    }
}

/// What a report's point covers, from its first day: `Jan 5`, `Week of Jan 5`, `Jan 2026`.
pub fn point_label(start: &str, granularity: Granularity) -> String {
    match (granularity, date_parts(start)) {
        (Granularity::Day, _) | (_, None) => day_label(start),
        (Granularity::Week, Some(_)) => format!("Week of {}", day_label(start)),
        (Granularity::Month, Some((year, month, _))) => format!("{} {year}", MONTHS[month - 1]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test(unsupported = test)]
    fn durations_pick_the_unit_that_keeps_numbers_small() {
        assert_eq!(duration(None), "—");
        assert_eq!(duration(Some(0.0)), "0 s");
        assert_eq!(duration(Some(0.03)), "under 0.1 s");
        assert_eq!(duration(Some(0.06)), "0.1 s");
        assert_eq!(duration(Some(1.23)), "1.2 s");
        assert_eq!(duration(Some(45.4)), "45 s");
        assert_eq!(duration(Some(180.0)), "3 min");
        assert_eq!(duration(Some(150.0)), "2.5 min");
        assert_eq!(duration(Some(1500.0)), "25 min");
        assert_eq!(duration(Some(5400.0)), "1.5 h");
        assert_eq!(duration(Some(3.0 * 86_400.0)), "3 d");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn shares_read_as_percentages_and_scores_drop_trailing_zeros() {
        assert_eq!(percent(0.286), "28.6%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(share_in_percent(0.5), "50");
        assert_eq!(score(Some(4.25)), "4.25");
        assert_eq!(score(Some(4.5)), "4.5");
        assert_eq!(score(Some(5.0)), "5");
        assert_eq!(score(None), "—");
        assert_eq!(rated(Some(4.5), 2), "4.5 from 2 ratings");
        assert_eq!(rated(Some(5.0), 1), "5 from 1 rating");
        assert_eq!(rated(None, 0), "No ratings");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn days_and_moments_carry_their_year() {
        assert_eq!(full_day("2026-01-05"), "Jan 5, 2026");
        assert_eq!(full_day("2026-12-31T23:59:59Z"), "Dec 31, 2026");
        assert_eq!(full_day("soon"), "soon");
        assert_eq!(moment("2026-01-05T14:30:00Z"), "Jan 5, 2026, 14:30 UTC");
        assert_eq!(moment("2026-01-05T14:30:00.123Z"), "Jan 5, 2026, 14:30 UTC");
        assert_eq!(moment("2026-01-05T14:30:00+02:00"), "Jan 5, 2026");
        assert_eq!(moment("2026-01-05"), "Jan 5, 2026");
        assert_eq!(moment("later"), "later");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn points_are_named_by_what_they_cover() {
        assert_eq!(day_label("2026-01-05"), "Jan 5");
        assert_eq!(day_label("2026-12-31"), "Dec 31");
        assert_eq!(day_label("garbage"), "garbage");
        assert_eq!(point_label("2026-01-05", Granularity::Day), "Jan 5");
        assert_eq!(
            point_label("2026-01-05", Granularity::Week),
            "Week of Jan 5"
        );
        assert_eq!(point_label("2026-02-01", Granularity::Month), "Feb 2026");
        assert_eq!(point_label("2026-13-01", Granularity::Month), "2026-13-01");
    }
}
