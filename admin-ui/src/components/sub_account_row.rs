use crate::api::{perform, use_api};
use crate::components::confirm_button::ConfirmButton;
use leptos::prelude::*;
use parley_shared_types::sub_account::{SubAccount, SubAccountInput, SubAccountUsage};

/// One sub-account: its id (what `X-RunAs-UserId` takes), its share of the plan this
/// period, and renaming or deleting it (two steps: everything in it is erased).
#[component]
pub fn SubAccountRow(
    child: SubAccount,
    usage: Option<SubAccountUsage>,
    changed: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let name = RwSignal::new(child.name.clone());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let save = {
        let id = child.id.clone();
        move |_| {
            let input = SubAccountInput {
                name: Some(name.get_untracked()),
                ..SubAccountInput::default()
            };
            let id = id.clone();
            let call = async move { api.update_sub_account(&id, &input).await };
            perform(busy, error, call, move |_| changed.run(()));
        }
    };
    let remove = {
        let id = child.id.clone();
        Callback::new(move |()| {
            let id = id.clone();
            let call = async move { api.delete_sub_account(&id).await };
            perform(busy, error, call, move |()| changed.run(()));
        })
    };
    let usage = usage.map_or_else(
        || "–".to_owned(),
        |u| {
            format!(
                "{} conversations · {} AI responses · {} seats",
                u.conversations_used, u.ai_responses_used, u.agents_used
            )
        },
    );
    view! {
        <tr data-sub-account=child.id.clone()>
            <td>
                <input
                    class="sub-account-name"
                    aria-label=format!("Name of {}", child.name)
                    prop:value=name
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
            </td>
            <td class="sub-account-email">{child.email.clone().unwrap_or_default()}</td>
            <td><code class="sub-account-id">{child.id.clone()}</code></td>
            <td class="sub-account-usage">{usage}</td>
            <td class="row-actions">
                <button type="button" class="save-sub-account" disabled=busy on:click=save>
                    "Save"
                </button>
                <ConfirmButton
                    class="delete-sub-account"
                    label="Delete"
                    confirm="Confirm delete"
                    busy
                    confirmed=remove
                />
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            </td>
        </tr>
    }
}
