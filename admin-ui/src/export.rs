//! What the Analytics screen's CSV buttons download: each section's figures as tables a
//! spreadsheet opens, one after another, with a blank row between them.

use crate::figures::share_in_percent;
use parley_shared_types::analytics::{
    AgentAnalytics, AgentFigures, AnalyticsPeriod, BotAnalytics, RatingCounts,
};

type Row = Vec<String>;

/// RFC 4180 text: fields joined by commas, each row ended by CRLF; a field holding a comma, a
/// quote or a line break is quoted, its quotes doubled.
pub fn csv(rows: &[Row]) -> String {
    let mut text = String::new();
    for row in rows {
        let fields: Vec<String> = row.iter().map(|field| quoted(field)).collect();
        text += &fields.join(",");
        text += "\r\n";
    }
    text
}

/// `<section>-analytics-<first day>-<last day>.csv`, so downloads of several ranges sort and
/// do not overwrite each other.
pub fn file_name(section: &str, period: &AnalyticsPeriod) -> String {
    let day = |timestamp: &str| timestamp.get(..10).unwrap_or(timestamp).to_owned();
    format!(
        "{section}-analytics-{}-{}.csv",
        day(&period.start_date),
        day(&period.end_date)
    )
}

fn quoted(field: &str) -> String {
    if field.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

/// Text someone typed (a visitor's question, a name). Spreadsheets run a cell starting with
/// `=`, `+`, `-` or `@` as a formula, so such text gets a leading `'` and stays text.
fn typed(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// Seconds or a mean score as the edge gave it; empty when there was nothing to measure.
fn measured(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn row<const N: usize>(fields: [String; N]) -> Row {
    fields.into()
}

fn ratings_table(ratings: &RatingCounts) -> Vec<Row> {
    let mut rows = vec![row(["Rating".into(), "Ratings".into()])];
    rows.extend(
        (1..)
            .zip(ratings.0)
            .map(|(score, count): (u8, u64)| row([score.to_string(), count.to_string()])),
    );
    rows
}

/// The bot section: its period, headline figures, series, top questions and ratings.
pub fn bot_report(bot_name: &str, report: &BotAnalytics) -> Vec<Row> {
    let metrics = &report.metrics;
    let mut rows = vec![
        row(["Bot".into(), typed(bot_name)]),
        row(["From".into(), report.period.start_date.clone()]),
        row(["To".into(), report.period.end_date.clone()]),
        row(["Granularity".into(), report.granularity.as_str().into()]),
        Row::new(),
        row(["Figure".into(), "Value".into()]),
        row([
            "Conversations".into(),
            metrics.total_conversations.to_string(),
        ]),
        row(["Messages".into(), metrics.total_messages.to_string()]),
        row(["Questions".into(), metrics.total_questions.to_string()]),
        row([
            "Average response time (s)".into(),
            measured(metrics.average_response_time),
        ]),
        row([
            "Satisfaction (1-5)".into(),
            measured(metrics.user_satisfaction),
        ]),
        row([
            "Handoff rate (%)".into(),
            share_in_percent(metrics.handoff_rate),
        ]),
        row([
            "Unanswered rate (%)".into(),
            share_in_percent(metrics.unanswered_rate),
        ]),
        Row::new(),
        row([
            "Period start".into(),
            "Conversations".into(),
            "Messages".into(),
            "Average response time (s)".into(),
            "Satisfaction (1-5)".into(),
        ]),
    ];
    rows.extend(report.series.iter().map(|point| {
        row([
            point.start.clone(),
            point.conversations.to_string(),
            point.messages.to_string(),
            measured(point.average_response_time),
            measured(point.user_satisfaction),
        ])
    }));
    rows.push(Row::new());
    rows.push(row(["Top question".into(), "Times asked".into()]));
    rows.extend(
        metrics
            .top_questions
            .iter()
            .map(|top| row([typed(&top.question), top.count.to_string()])),
    );
    rows.push(Row::new());
    rows.extend(ratings_table(&metrics.ratings));
    rows
}

fn figure_fields(figures: &AgentFigures) -> [String; 7] {
    [
        figures.conversations_handled.to_string(),
        figures.messages_sent.to_string(),
        measured(figures.average_first_response_time),
        figures.conversations_resolved.to_string(),
        measured(figures.average_resolution_time),
        measured(figures.csat),
        figures.ratings.total().to_string(),
    ]
}

/// The people section: one row per person and the totals, then the series.
pub fn people_report(report: &AgentAnalytics) -> Vec<Row> {
    let mut rows = vec![
        row(["From".into(), report.period.start_date.clone()]),
        row(["To".into(), report.period.end_date.clone()]),
        row(["Granularity".into(), report.granularity.as_str().into()]),
        Row::new(),
        row([
            "Name",
            "Email",
            "Conversations handled",
            "Messages sent",
            "Average first response (s)",
            "Resolved",
            "Average resolution (s)",
            "CSAT (1-5)",
            "Ratings",
        ]
        .map(String::from)),
    ];
    for agent in &report.agents {
        let mut fields = vec![typed(&agent.name), typed(&agent.email)];
        fields.extend(figure_fields(&agent.figures));
        rows.push(fields);
    }
    let mut totals = vec!["Everyone".to_owned(), String::new()];
    totals.extend(figure_fields(&report.totals));
    rows.push(totals);
    rows.push(Row::new());
    rows.push(row([
        "Period start".into(),
        "Conversations handled".into(),
        "Messages sent".into(),
        "Average first response (s)".into(),
        "CSAT (1-5)".into(),
    ]));
    rows.extend(report.series.iter().map(|point| {
        row([
            point.start.clone(),
            point.conversations_handled.to_string(),
            point.messages_sent.to_string(),
            measured(point.average_first_response_time),
            measured(point.csat),
        ])
    }));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use parley_shared_types::analytics::{
        AgentPerformance, AgentSeriesPoint, AnalyticsPeriod, BotMetrics, BotSeriesPoint,
        Granularity, TopQuestion,
    };
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn period() -> AnalyticsPeriod {
        AnalyticsPeriod {
            start_date: "2026-01-01T00:00:00Z".into(),
            end_date: "2026-01-02T23:59:59Z".into(),
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn fields_with_commas_quotes_or_line_breaks_are_quoted() {
        let rows = vec![
            row(["plain".into(), "a, b".into(), "say \"hi\"".into()]),
            Row::new(),
            row([
                "two\nlines".into(),
                "carriage\rreturn".into(),
                String::new(),
            ]),
        ];
        assert_eq!(
            csv(&rows),
            "plain,\"a, b\",\"say \"\"hi\"\"\"\r\n\r\n\"two\nlines\",\"carriage\rreturn\",\r\n"
        );
        assert_eq!(csv(&[]), "");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn files_are_named_by_section_and_days() {
        assert_eq!(
            file_name("bot", &period()),
            "bot-analytics-2026-01-01-2026-01-02.csv"
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn typed_text_that_looks_like_a_formula_stays_text() {
        assert_eq!(typed("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(typed("-1"), "'-1");
        assert_eq!(typed("@home"), "'@home");
        assert_eq!(typed("How do refunds work?"), "How do refunds work?");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_bot_report_lists_figures_series_questions_and_ratings() {
        let report = BotAnalytics {
            period: period(),
            granularity: Granularity::Day,
            metrics: BotMetrics {
                total_conversations: 3,
                total_messages: 9,
                average_response_time: Some(1.5),
                user_satisfaction: None,
                top_questions: vec![TopQuestion {
                    question: "Refunds, how long?".into(),
                    count: 2,
                }],
                handoff_rate: 0.333,
                unanswered_rate: 0.0,
                total_questions: 4,
                ratings: RatingCounts([0, 0, 0, 1, 2]),
            },
            series: vec![BotSeriesPoint {
                start: "2026-01-01".into(),
                conversations: 3,
                messages: 9,
                average_response_time: Some(1.5),
                user_satisfaction: None,
            }],
        };
        let text = csv(&bot_report("Support, EU", &report));
        assert!(text.starts_with("Bot,\"Support, EU\"\r\nFrom,2026-01-01T00:00:00Z\r\n"));
        assert!(text.contains("\r\nAverage response time (s),1.5\r\n"));
        assert!(
            text.contains("\r\nSatisfaction (1-5),\r\n"),
            "none is empty"
        );
        assert!(text.contains("\r\nHandoff rate (%),33.3\r\n"));
        assert!(text.contains("\r\n2026-01-01,3,9,1.5,\r\n"));
        assert!(text.contains("\r\nTop question,Times asked\r\n\"Refunds, how long?\",2\r\n"));
        assert!(text.ends_with("\r\nRating,Ratings\r\n1,0\r\n2,0\r\n3,0\r\n4,1\r\n5,2\r\n"));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_people_report_has_a_row_per_person_then_the_totals() {
        let figures = AgentFigures {
            conversations_handled: 2,
            messages_sent: 5,
            average_first_response_time: Some(30.0),
            conversations_resolved: 1,
            average_resolution_time: None,
            csat: Some(4.5),
            ratings: RatingCounts([0, 0, 0, 1, 1]),
        };
        let report = AgentAnalytics {
            period: period(),
            granularity: Granularity::Week,
            agents: vec![AgentPerformance {
                agent_id: "a-1".into(),
                name: "Alex \"Ace\" Agent".into(),
                email: "alex@example.com".into(),
                figures: figures.clone(),
            }],
            totals: figures,
            series: vec![AgentSeriesPoint {
                start: "2025-12-29".into(),
                conversations_handled: 2,
                messages_sent: 5,
                average_first_response_time: Some(30.0),
                csat: Some(4.5),
            }],
        };
        let text = csv(&people_report(&report));
        assert!(text.contains("\r\nGranularity,week\r\n"));
        assert!(text.contains(
            "\r\n\"Alex \"\"Ace\"\" Agent\",alex@example.com,2,5,30,1,,4.5,2\r\nEveryone,,2,5,30,1,,4.5,2\r\n"
        ));
        assert!(text.ends_with("\r\n2025-12-29,2,5,30,4.5\r\n"));
    }
}
