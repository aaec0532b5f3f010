use crate::chat::Chat;
use leptos::either::Either;
use leptos::prelude::*;
use leptos::task::spawn_local;
use parley_shared_types::attachment::{Attachment, readable_size};

/// A file in a message: an image as a preview, anything else as a download link with its
/// size. The bytes are read with the visitor's token into a URL of the page (an `<img>` cannot
/// send the token), let go when the message leaves the view. A signal and a task rather than
/// a `LocalResource`: the resource machinery cost the widget 15 KB brotli.
#[component]
pub fn AttachmentView(
    attachment: Attachment,
    conversation_id: String,
    chat: Chat,
) -> impl IntoView {
    let url = RwSignal::new(None::<String>);
    let path = attachment.path(&conversation_id);
    spawn_local(async move {
        let read = chat.file_url(path).await;
        if url.try_set(read.clone()).is_some() {
            // The message left the view while the bytes were read.
            forget(read);
        }
    });
    on_cleanup(move || forget(url.get_untracked()));
    let name = attachment.name.clone();
    let shown = if attachment.is_image() {
        Either::Left(view! { <img class="parley-image" src=url alt=name.clone() /> })
    } else {
        Either::Right(view! { <span>{name.clone()} " · " {readable_size(attachment.size)}</span> })
    };
    view! {
        <a class="parley-file" href=url download=name target="_blank" rel="noopener">{shown}</a>
    }
}

fn forget(url: Option<String>) {
    if let Some(url) = url {
        let _ = web_sys::Url::revoke_object_url(&url);
    }
}
