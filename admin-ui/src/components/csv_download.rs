use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Hands `csv` to the browser as a download named `file_name`.
fn save(file_name: &str, csv: &str) -> Result<(), JsValue> {
    // Excel reads a CSV without a byte order mark in the system's legacy code page, which
    // garbles names and questions outside ASCII.
    let parts = js_sys::Array::of1(&JsValue::from_str(&format!("\u{feff}{csv}")));
    let options = BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let link: HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // The download reads the URL after this handler returns; free the blob once it has.
    set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        Duration::from_secs(10),
    );
    Ok(())
}

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
            on:click=move |_| failed.set(save(&file_name, &csv).is_err())
        >
            "Download CSV"
        </button>
        <Show when=move || failed.get()>
            <span class="error" role="alert">"Your browser refused the download."</span>
        </Show>
    }
}
