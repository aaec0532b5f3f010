use leptos::prelude::*;
use parley_shared_types::health::{HealthReport, HealthStatus};

/// One row per binding, with the reason when it failed.
#[component]
pub fn HealthTable(report: HealthReport) -> impl IntoView {
    let overall = match report.status {
        HealthStatus::Ok => "All systems answer",
        HealthStatus::Degraded => "Degraded",
    };
    let rows = report
        .checks
        .all()
        .into_iter()
        .map(|(name, check)| {
            let (class, state) = if check.ok {
                ("check-ok", "ok")
            } else {
                ("check-failed", "failed")
            };
            view! {
                <tr data-check=name>
                    <th scope="row">{name}</th>
                    <td class=class>{state}</td>
                    <td>{check.error.clone().unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="health-summary">{overall} " · version " {report.version.clone()}</p>
        <table class="health-table">
            <tbody>{rows}</tbody>
        </table>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parley_shared_types::health::{Check, HealthChecks};
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn check(error: Option<&str>) -> Check {
        Check {
            ok: error.is_none(),
            error: error.map(str::to_owned),
        }
    }

    #[wasm_bindgen_test]
    fn shows_each_binding_and_why_one_failed() {
        let checks = HealthChecks {
            d1: check(None),
            kv: check(Some("KV binding missing")),
            conversation_room: check(None),
            workspace_inbox: check(None),
        };
        let report = HealthReport {
            status: checks.status(),
            version: "9.9.9".into(),
            checks,
        };
        let container = crate::test_page::container();

        leptos::mount::mount_to(container.clone(), move || view! { <HealthTable report /> })
            .forget();

        let text = |selector: &str| {
            container
                .query_selector(selector)
                .unwrap()
                .unwrap()
                .text_content()
                .unwrap()
        };
        assert!(text(".health-summary").contains("Degraded"));
        assert!(text(".health-summary").contains("9.9.9"));
        assert_eq!(text("tr[data-check=d1] td"), "ok");
        assert_eq!(text("tr[data-check=kv] td"), "failed");
        assert!(text("tr[data-check=kv]").contains("KV binding missing"));
    }
}
