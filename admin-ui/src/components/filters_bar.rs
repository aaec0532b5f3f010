use crate::filter::{Assignment, Handler, InboxFilter};
use leptos::prelude::*;
use parley_shared_types::conversation::ConversationStatus;
use parley_shared_types::label::Label;
use parley_shared_types::widget::Widget;
use std::time::Duration;

/// Status, assignment, who answers (people or the bot), widget, label and a search of visitor
/// ids and message words; searching waits for a pause in typing.
#[component]
pub fn FiltersBar(
    filter: RwSignal<InboxFilter>,
    widgets: RwSignal<Vec<Widget>>,
    labels: RwSignal<Vec<Label>>,
) -> impl IntoView {
    let pending_search = StoredValue::new_local(None::<TimeoutHandle>);
    let on_search = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if let Some(handle) = pending_search.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || filter.update(|f| f.search = value),
            Duration::from_millis(250),
        );
        pending_search.set_value(handle.ok());
    };
    let widget_options = move || {
        widgets
            .get()
            .into_iter()
            .map(|w| view! { <option value=w.id.clone()>{w.name.clone()}</option> })
            .collect_view()
    };
    let label_options = move || {
        labels
            .get()
            .into_iter()
            .map(|l| view! { <option value=l.id.clone()>{l.name.clone()}</option> })
            .collect_view()
    };
    view! {
        <div class="filters" role="search">
            <select
                id="filter-status"
                aria-label="Status"
                on:change=move |ev| {
                    let status = ConversationStatus::parse(&event_target_value(&ev));
                    filter.update(|f| f.status = status);
                }
            >
                <option value="open" selected>"Open"</option>
                <option value="pending">"Pending"</option>
                <option value="closed">"Closed"</option>
                <option value="all">"All statuses"</option>
            </select>
            <select
                id="filter-assignment"
                aria-label="Assigned to"
                on:change=move |ev| {
                    let assignment = Assignment::parse(&event_target_value(&ev));
                    filter.update(|f| f.assignment = assignment);
                }
            >
                <option value=Assignment::All.as_str() selected>"Anyone"</option>
                <option value=Assignment::Mine.as_str()>"Assigned to me"</option>
                <option value=Assignment::Unassigned.as_str()>"Unassigned"</option>
            </select>
            <select
                id="filter-handler"
                aria-label="Answered by"
                on:change=move |ev| {
                    let handler = Handler::parse(&event_target_value(&ev));
                    filter.update(|f| f.handler = handler);
                }
            >
                <option value=Handler::People.as_str() selected>"People"</option>
                <option value=Handler::Bot.as_str()>"The bot"</option>
                <option value=Handler::Anyone.as_str()>"People or the bot"</option>
            </select>
            <select
                id="filter-widget"
                aria-label="Widget"
                on:change=move |ev| {
                    let widget = Some(event_target_value(&ev)).filter(|w| !w.is_empty());
                    filter.update(|f| f.widget_id = widget);
                }
            >
                <option value="" selected>"All widgets"</option>
                {widget_options}
            </select>
            <select
                id="filter-label"
                aria-label="Label"
                on:change=move |ev| {
                    let label = Some(event_target_value(&ev)).filter(|l| !l.is_empty());
                    filter.update(|f| f.label_id = label);
                }
            >
                <option value="" selected>"Any label"</option>
                {label_options}
            </select>
            <input
                id="filter-search"
                type="search"
                placeholder="Search visitors and messages"
                aria-label="Search visitors and messages"
                on:input=on_search
            />
        </div>
    }
}
