use crate::api::{explain, use_api};
use crate::components::widget_editor::WidgetEditor;
use crate::route::{href, use_router};
use leptos::prelude::*;
use leptos::task::spawn_local;
use parley_shared_types::widget::Widget;

pub fn render() -> AnyView {
    view! { <WidgetsPage /> }.into_any()
}

/// `#/widgets` lists them; `#/widgets/new` creates one; `#/widgets/<id>` edits one.
#[component]
pub fn WidgetsPage() -> impl IntoView {
    let rest = use_router().rest();
    move || match rest.get() {
        None => view! { <WidgetList /> }.into_any(),
        Some(id) if id == "new" => view! { <WidgetEditor widget_id=None /> }.into_any(),
        Some(id) => view! { <WidgetEditor widget_id=Some(id) /> }.into_any(),
    }
}

#[component]
fn WidgetList() -> impl IntoView {
    let api = use_api();
    let widgets = RwSignal::new(None::<Result<Vec<Widget>, String>>);
    spawn_local(async move {
        let result = api.widgets().await.map_err(|e| explain(&e));
        widgets.try_set(Some(result));
    });
    let rows = move || {
        match widgets.get() {
        None => view! { <p aria-busy="true">"Loading widgets…"</p> }.into_any(),
        Some(Err(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
        Some(Ok(list)) if list.is_empty() => view! {
            <p class="empty-state">"No widgets yet. Create one to get the code for your site."</p>
        }
        .into_any(),
        Some(Ok(list)) => view! {
            <ul class="widget-list" id="widget-list">
                {list
                    .into_iter()
                    .map(|w| {
                        view! {
                            <li>
                                <a href=href("widgets", Some(&w.id)) class="widget-row">
                                    <span class="swatch" style:background-color=w.theme_color.clone()></span>
                                    <span class="widget-name">{w.name.clone()}</span>
                                    <span class="muted">
                                        {if w.ai_enabled { "AI on" } else { "AI off" }} " · "
                                        {if w.auto_assign { "auto-assign" } else { "manual assign" }}
                                    </span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any(),
    }
    };
    view! {
        <section class="page">
            <div class="page-head">
                <h2>"Widgets"</h2>
                <a class="button primary" id="new-widget" href=href("widgets", Some("new"))>"New widget"</a>
            </div>
            {rows}
        </section>
    }
}
