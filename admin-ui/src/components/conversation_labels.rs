use crate::api::{perform, use_api};
use crate::components::label_chip::LabelChip;
use leptos::prelude::*;
use parley_shared_types::conversation::Conversation;
use parley_shared_types::label::Label;

/// The open conversation's labels: each one taken off with its ×, another put on from the
/// workspace's labels.
#[component]
pub fn ConversationLabels(
    conversation: RwSignal<Option<Conversation>>,
    labels: RwSignal<Vec<Label>>,
) -> impl IntoView {
    let api = use_api();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let id = move || conversation.with_untracked(|c| c.as_ref().map(|c| c.id.clone()));
    let attach = move |ev: leptos::ev::Event| {
        let label_id = event_target_value(&ev);
        let Some(id) = id().filter(|_| !label_id.is_empty()) else {
            return;
        };
        let call = async move { api.attach_label(&id, label_id).await };
        perform(busy, error, call, move |c| conversation.set(Some(c)));
    };
    let detach = Callback::new(move |label_id: String| {
        let Some(id) = id() else { return };
        let call = {
            let label_id = label_id.clone();
            async move { api.detach_label(&id, &label_id).await }
        };
        perform(busy, error, call, move |()| {
            conversation.update(|c| {
                if let Some(c) = c {
                    c.labels.retain(|l| l.id != label_id);
                }
            })
        });
    });
    let chips = move || {
        let on = conversation.with(|c| c.as_ref().map(|c| c.labels.clone()).unwrap_or_default());
        on.into_iter()
            .map(|label| view! { <LabelChip label on_remove=detach disabled=busy /> })
            .collect_view()
    };
    let options = move || {
        let on = conversation.with(|c| {
            c.as_ref()
                .map(|c| c.labels.iter().map(|l| l.id.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        });
        labels
            .get()
            .into_iter()
            .filter(|l| !on.contains(&l.id))
            .map(|l| view! { <option value=l.id.clone()>{l.name.clone()}</option> })
            .collect_view()
    };
    view! {
        <div class="conversation-labels" id="conversation-labels">
            <span class="label-chips">{chips}</span>
            // Rebuilt with the labels, so it shows its prompt again after each choice.
            {move || {
                view! {
                    <select id="add-label" aria-label="Add a label" disabled=busy on:change=attach>
                        <option value="" selected>"Add label…"</option>
                        {options}
                    </select>
                }
            }}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </div>
    }
}
