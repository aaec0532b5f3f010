use crate::api::{explain, use_api};
use leptos::prelude::*;
use parley_shared_types::message::{Message, SendMessageRequest};

/// The reply box's paper clip: the chosen file is uploaded and sent to the visitor as a
/// message of its own.
#[component]
pub fn AttachButton(
    conversation_id: String,
    #[prop(into)] disabled: Signal<bool>,
    on_sent: Callback<Message>,
) -> impl IntoView {
    let api = use_api();
    let error = RwSignal::new(None::<String>);
    let send = Action::new_local(move |(id, file): &(String, web_sys::File)| {
        let (id, file) = (id.clone(), file.clone());
        async move {
            let attachment = api.upload_attachment(&id, &file).await?;
            let request = SendMessageRequest {
                attachments: vec![attachment.id],
                ..SendMessageRequest::text("")
            };
            api.send_message(&id, &request).await
        }
    });
    Effect::new(move |_| match send.value().get() {
        Some(Ok(message)) => {
            error.set(None);
            on_sent.run(message);
        }
        Some(Err(e)) => error.set(Some(explain(&e))),
        None => {}
    });
    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            send.dispatch_local((conversation_id.clone(), file));
        }
        input.set_value("");
    };
    view! {
        <label class="attach-file" class:busy=move || send.pending().get()>
            <input
                type="file"
                id="attach-file"
                aria-label="Attach a file"
                accept="image/*,.pdf,.docx,.xlsx,.pptx,.txt,.csv"
                disabled=move || disabled.get() || send.pending().get()
                on:change=on_change
            />
            {move || if send.pending().get() { "Uploading…" } else { "📎 Attach" }}
        </label>
        {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
    }
}
