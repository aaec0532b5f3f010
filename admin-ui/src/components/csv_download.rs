use crate::download::save;
use leptos::prelude::*;

/// A button that downloads a section's figures as a CSV file, made in the browser from what
/// the section shows.
#[component]
pub fn CsvDownload(id: &'static str, file_name: String, csv: String) -> impl IntoView {
    let failed = RwSignal::new(false);
    view! {
        <button
            type="button"
            class="csv-download"
            id=id
            on:click=move |_| {
                // Excel reads a CSV without a byte order mark in the system's legacy code
                // page, which garbles names and questions outside ASCII.
                let text = format!("\u{feff}{csv}");
                failed.set(save(&file_name, "text/csv;charset=utf-8", &text).is_err())
            }
        >
            "Download CSV"
        </button>
        <Show when=move || failed.get()>
            <span class="error" role="alert">"Your browser refused the download."</span>
        </Show>
    }
}
