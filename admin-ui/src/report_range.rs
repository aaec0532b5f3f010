//! The days and granularity an analytics report covers, and the query that asks the edge for
//! them.

use parley_shared_types::analytics::{DEFAULT_RANGE_DAYS, Granularity};
use parley_web_client::url::encode;

const MS_PER_DAY: f64 = 86_400_000.0;

#[derive(Debug, Clone, PartialEq)]
pub struct ReportRange {
    /// The first UTC day, `YYYY-MM-DD` (what `<input type=date>` holds).
    pub start: String,
    /// The last UTC day, included.
    pub end: String,
    pub granularity: Granularity,
}

impl ReportRange {
    /// What the edge reports when asked for nothing: the last [`DEFAULT_RANGE_DAYS`] UTC days
    /// up to the one holding `now_ms` (Unix milliseconds), today included, day by day.
    pub fn default_at(now_ms: f64) -> ReportRange {
        let today = (now_ms / MS_PER_DAY).floor() as i64;
        ReportRange {
            start: civil_date(today - (DEFAULT_RANGE_DAYS - 1)),
            end: civil_date(today),
            granularity: Granularity::Day,
        }
    }

    /// `?startDate=…&endDate=…&granularity=…`.
    pub fn query(&self) -> String {
        format!(
            "?startDate={}&endDate={}&granularity={}",
            encode(&self.start),
            encode(&self.end),
            self.granularity.as_str()
        )
    }
}

/// The `YYYY-MM-DD` of a day counted from 1970-01-01 (Howard Hinnant's `civil_from_days`):
/// the browser's clock gives milliseconds, the edge wants UTC dates.
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test(unsupported = test)]
    fn days_since_the_epoch_read_as_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(-1), "1969-12-31");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(11_017), "2000-03-01");
        assert_eq!(civil_date(19_723), "2024-01-01");
        assert_eq!(civil_date(19_782), "2024-02-29");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_default_is_the_last_thirty_utc_days_by_day() {
        // 2024-03-01T23:59:59.999Z, then the next millisecond.
        let last_moment = (19_783.0 + 1.0) * MS_PER_DAY - 1.0;
        let range = ReportRange::default_at(last_moment);
        assert_eq!(range.start, "2024-02-01");
        assert_eq!(range.end, "2024-03-01");
        assert_eq!(range.granularity, Granularity::Day);
        assert_eq!(ReportRange::default_at(last_moment + 1.0).end, "2024-03-02");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_query_names_every_field_encoded() {
        let range = ReportRange {
            start: "2024-02-01".into(),
            end: "2024 03&01".into(),
            granularity: Granularity::Week,
        };
        assert_eq!(
            range.query(),
            "?startDate=2024-02-01&endDate=2024%2003%2601&granularity=week"
        );
    }
}
