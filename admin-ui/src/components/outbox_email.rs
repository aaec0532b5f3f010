use leptos::prelude::*;
use parley_shared_types::auth::OutboxEmail;

/// One kept email: its subject, addressee and text, with its Parley links clickable.
#[component]
pub fn OutboxEmailView(email: OutboxEmail) -> impl IntoView {
    let lines = email
        .text
        .lines()
        .map(|line| {
            let line = line.trim().to_owned();
            if is_parley_link(&line) {
                view! { <p><a class="outbox-link" href=line.clone()>{line.clone()}</a></p> }
                    .into_any()
            } else {
                view! { <p>{line}</p> }.into_any()
            }
        })
        .collect_view();
    view! {
        <li class="outbox-email">
            <h3>{email.subject}</h3>
            <p class="muted">"To " {email.to} " · " {email.created_at}</p>
            {lines}
        </li>
    }
}

/// Only links to this Parley itself are made clickable: the outbox is shown on its origin.
fn is_parley_link(line: &str) -> bool {
    let origin = crate::api::base_url();
    !origin.is_empty()
        && line.starts_with(&format!("{origin}/"))
        && !line.contains(char::is_whitespace)
}
