use leptos::prelude::*;

/// Panel styles live beside the panel: the shadow root keeps them off the host page.
const STYLE: &str = include_str!("panel.css");

/// The open chat panel.
#[component]
pub fn Panel(widget_id: String) -> impl IntoView {
    view! {
        <style>{STYLE}</style>
        <section class="parley-panel" role="dialog" aria-label="Chat" data-widget-id=widget_id>
            <header class="parley-header">"Chat with us"</header>
            <p class="parley-welcome">"Hi! How can we help you today?"</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;
    use web_sys::{HtmlElement, ShadowRootInit, ShadowRootMode};

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn mounts_inside_a_shadow_root_and_nowhere_else() {
        let document = web_sys::window().unwrap().document().unwrap();
        let host = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&host).unwrap();
        let shadow = host
            .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
            .unwrap();
        let container: HtmlElement = document.create_element("div").unwrap().unchecked_into();
        shadow.append_child(&container).unwrap();

        crate::mount(container, "widget-1".to_owned());

        let panel = shadow
            .query_selector(".parley-panel")
            .unwrap()
            .expect("panel inside the shadow root");
        assert_eq!(
            panel.get_attribute("data-widget-id").as_deref(),
            Some("widget-1")
        );
        assert!(panel.text_content().unwrap().contains("How can we help"));
        assert!(
            document.query_selector(".parley-panel").unwrap().is_none(),
            "nothing leaks into the light DOM"
        );
    }
}
