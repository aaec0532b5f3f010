//! A widget's business hours: the days and times people answer, in the widget's own time
//! zone. Outside them the widget says it is offline even while an agent is signed in, rather
//! than promising a live answer.

use crate::validate::{FieldErrors, Validator};
use serde::{Deserialize, Serialize};

/// At most this many open spans (two a day).
pub const MAX_SPANS: usize = 14;
const MINUTES_A_DAY: u16 = 24 * 60;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct BusinessHours {
    /// Off: open whenever an agent is online.
    pub enabled: bool,
    /// An IANA time zone such as `Europe/Berlin`; the spans are its wall-clock times.
    pub time_zone: String,
    /// When people answer; a day without a span is closed.
    pub days: Vec<OpenSpan>,
}

/// Open from `open` until `close` (`HH:MM`, 24-hour; `close` may be `24:00`) on `day`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct OpenSpan {
    pub day: Weekday,
    pub open: String,
    pub close: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];

    /// From an English weekday name or its first three letters (`Mon`, `monday`).
    pub fn parse(name: &str) -> Option<Weekday> {
        let short = name.get(..3)?.to_ascii_lowercase();
        Weekday::ALL.into_iter().find(|day| day.name() == short)
    }

    pub fn name(self) -> &'static str {
        match self {
            Weekday::Mon => "mon",
            Weekday::Tue => "tue",
            Weekday::Wed => "wed",
            Weekday::Thu => "thu",
            Weekday::Fri => "fri",
            Weekday::Sat => "sat",
            Weekday::Sun => "sun",
        }
    }
}

/// A wall-clock moment in some time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalTime {
    pub weekday: Weekday,
    /// 0 (midnight) to 1439.
    pub minute_of_day: u16,
}

/// `HH:MM` as minutes after midnight; `24:00` is the end of the day.
pub fn minutes(time: &str) -> Option<u16> {
    let (hours, mins) = time.split_once(':')?;
    if hours.len() != 2 || mins.len() != 2 {
        return None;
    }
    let (hours, mins): (u16, u16) = (hours.parse().ok()?, mins.parse().ok()?);
    let total = hours * 60 + mins;
    (mins < 60 && total <= MINUTES_A_DAY).then_some(total)
}

impl OpenSpan {
    fn contains(&self, at: LocalTime) -> bool {
        match (minutes(&self.open), minutes(&self.close)) {
            (Some(open), Some(close)) => {
                self.day == at.weekday && open <= at.minute_of_day && at.minute_of_day < close
            }
            _ => false,
        }
    }
}

impl BusinessHours {
    /// Whether people answer at `at` (the widget's local time).
    pub fn is_open(&self, at: LocalTime) -> bool {
        !self.enabled || self.days.iter().any(|span| span.contains(at))
    }

    /// The first span of `day`, if it is open.
    pub fn span_of(&self, day: Weekday) -> Option<&OpenSpan> {
        self.days.iter().find(|span| span.day == day)
    }

    /// Opens `day` from `open` to `close` (replacing its spans), or closes it with `None`.
    /// Spans stay in weekday order.
    pub fn set_day(&mut self, day: Weekday, hours: Option<(String, String)>) {
        self.days.retain(|span| span.day != day);
        if let Some((open, close)) = hours {
            self.days.push(OpenSpan { day, open, close });
        }
        self.days.sort_by_key(|span| span.day as u8);
    }

    /// The time zone's name is checked where a time zone database is (the edge).
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut check = Validator::new();
        if self.enabled && self.time_zone.trim().is_empty() {
            check.fail("businessHours.timeZone", "is required, e.g. Europe/Berlin");
        }
        if self.days.len() > MAX_SPANS {
            check.fail("businessHours.days", format!("at most {MAX_SPANS} spans"));
        }
        for (i, span) in self.days.iter().enumerate() {
            let field = format!("businessHours.days[{i}]");
            match (minutes(&span.open), minutes(&span.close)) {
                (Some(open), Some(close)) if open < close => {}
                (Some(_), Some(_)) => check.fail(&field, "must close after it opens"),
                _ => check.fail(&field, "times are HH:MM, 00:00 to 24:00"),
            }
        }
        check.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(weekday: Weekday, time: &str) -> LocalTime {
        LocalTime {
            weekday,
            minute_of_day: minutes(time).unwrap(),
        }
    }

    fn weekdays_nine_to_five() -> BusinessHours {
        BusinessHours {
            enabled: true,
            time_zone: "Europe/Berlin".into(),
            days: [
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ]
            .into_iter()
            .map(|day| OpenSpan {
                day,
                open: "09:00".into(),
                close: "17:00".into(),
            })
            .collect(),
        }
    }

    #[test]
    fn open_from_the_opening_minute_until_before_the_closing_one() {
        let hours = weekdays_nine_to_five();
        assert!(!hours.is_open(at(Weekday::Mon, "08:59")));
        assert!(hours.is_open(at(Weekday::Mon, "09:00")));
        assert!(hours.is_open(at(Weekday::Fri, "16:59")));
        assert!(!hours.is_open(at(Weekday::Fri, "17:00")));
        assert!(
            !hours.is_open(at(Weekday::Sat, "12:00")),
            "a day without a span is closed"
        );
    }

    #[test]
    fn switched_off_hours_are_always_open() {
        let hours = BusinessHours {
            enabled: false,
            ..weekdays_nine_to_five()
        };
        assert!(hours.is_open(at(Weekday::Sun, "03:00")));
        assert!(BusinessHours::default().is_open(at(Weekday::Sun, "03:00")));
    }

    #[test]
    fn a_span_may_run_to_the_end_of_the_day() {
        let hours = BusinessHours {
            enabled: true,
            time_zone: "Asia/Tokyo".into(),
            days: vec![OpenSpan {
                day: Weekday::Sat,
                open: "00:00".into(),
                close: "24:00".into(),
            }],
        };
        assert!(hours.is_open(at(Weekday::Sat, "23:59")));
        assert!(hours.validate().is_ok());
    }

    #[test]
    fn bad_times_and_a_missing_zone_are_named() {
        let hours = BusinessHours {
            enabled: true,
            time_zone: " ".into(),
            days: vec![
                OpenSpan {
                    day: Weekday::Mon,
                    open: "9:00".into(),
                    close: "17:00".into(),
                },
                OpenSpan {
                    day: Weekday::Tue,
                    open: "18:00".into(),
                    close: "17:00".into(),
                },
            ],
        };
        let errors = hours.validate().unwrap_err();
        assert!(errors.contains_key("businessHours.timeZone"));
        assert!(errors["businessHours.days[0]"][0].contains("HH:MM"));
        assert!(errors["businessHours.days[1]"][0].contains("close after"));
        assert_eq!(minutes("24:01"), None);
        assert_eq!(minutes("12:60"), None);
    }

    #[test]
    fn setting_a_day_replaces_its_spans_and_keeps_weekday_order() {
        let mut hours = weekdays_nine_to_five();
        hours.set_day(Weekday::Sun, Some(("10:00".into(), "14:00".into())));
        hours.set_day(Weekday::Mon, None);
        hours.set_day(Weekday::Tue, Some(("08:00".into(), "12:00".into())));
        let days: Vec<Weekday> = hours.days.iter().map(|span| span.day).collect();
        assert_eq!(
            days,
            [
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
                Weekday::Sun
            ]
        );
        assert_eq!(hours.span_of(Weekday::Tue).unwrap().open, "08:00");
        assert!(hours.span_of(Weekday::Mon).is_none());
    }

    #[test]
    fn weekdays_read_from_intl_names() {
        assert_eq!(Weekday::parse("Mon"), Some(Weekday::Mon));
        assert_eq!(Weekday::parse("sunday"), Some(Weekday::Sun));
        assert_eq!(Weekday::parse("xy"), None);
    }
}
