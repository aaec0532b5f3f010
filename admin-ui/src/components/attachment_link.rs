use crate::api::use_api;
use leptos::either::Either;
use leptos::prelude::*;
use parley_shared_types::attachment::{Attachment, readable_size};

/// A file in a message: an image as a preview, anything else as a download link with its
/// size. Its bytes are read with the agent's token into a URL of the page, let go when the
/// message leaves the view.
#[component]
pub fn AttachmentLink(attachment: Attachment, conversation_id: String) -> impl IntoView {
    let api = use_api();
    let path = attachment.path(&conversation_id);
    let url = LocalResource::new(move || {
        let path = path.clone();
        async move { api.file_url(&path).await.ok() }
    });
    on_cleanup(move || {
        if let Some(Some(url)) = url.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    });
    let href = move || url.get().flatten();
    let name = attachment.name.clone();
    let shown = if attachment.is_image() {
        Either::Left(view! { <img class="message-image" src=href alt=name.clone() /> })
    } else {
        Either::Right(
            view! { <span>"📎 " {name.clone()} " · " {readable_size(attachment.size)}</span> },
        )
    };
    view! {
        <a class="message-file" href=href download=name target="_blank" rel="noopener">{shown}</a>
    }
}
