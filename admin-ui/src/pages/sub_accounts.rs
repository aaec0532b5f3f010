use crate::api::{explain, perform, use_api};
use crate::components::resource_table::ResourceTable;
use crate::components::sub_account_row::SubAccountRow;
use leptos::prelude::*;
use parley_shared_types::sub_account::{RUN_AS_HEADER, SubAccount, SubAccountInput};

pub fn render() -> AnyView {
    view! { <SubAccountsPage /> }.into_any()
}

/// The workspace's sub-accounts (ChatBotKit's Partner API): add, rename, delete, and each
/// one's id for `X-RunAs-UserId` with its share of the plan this billing period.
#[component]
pub fn SubAccountsPage() -> impl IntoView {
    let api = use_api();
    let reload = RwSignal::new(0u32);
    let children = LocalResource::new(move || {
        reload.track();
        async move {
            let children = api.sub_accounts().await.map_err(|e| explain(&e))?;
            // Usage is a bonus: a failure to read it leaves the list usable.
            let usage = api.billing_usage().await.ok();
            Ok::<_, String>((children, usage.map(|u| u.sub_accounts).unwrap_or_default()))
        }
    });
    let changed = Callback::new(move |()| reload.update(|n| *n += 1));
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let email_given = email.get_untracked();
        let input = SubAccountInput {
            name: Some(name.get_untracked()),
            email: Some(email_given).filter(|e| !e.trim().is_empty()),
            ..SubAccountInput::default()
        };
        let call = async move { api.create_sub_account(&input).await };
        perform(busy, error, call, move |_: SubAccount| {
            name.set(String::new());
            email.set(String::new());
            changed.run(());
        });
    };
    let rows = move || {
        children.get().map(|answer| match answer {
            Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
            Ok((list, _)) if list.is_empty() => view! {
                <p class="empty-state">"No sub-accounts yet: add the first below."</p>
            }
            .into_any(),
            Ok((list, usage)) => view! {
                <ResourceTable
                    id="sub-accounts-table"
                    columns=&["Name", "Email", "Id (X-RunAs-UserId)", "This period"]
                >
                    {list
                        .into_iter()
                        .map(|child| {
                            let share = usage.iter().find(|u| u.id == child.id).cloned();
                            view! { <SubAccountRow child usage=share changed /> }
                        })
                        .collect_view()}
                </ResourceTable>
            }
            .into_any(),
        })
    };
    view! {
        <section class="page">
            <div class="page-head">
                <h2>"Sub-accounts"</h2>
            </div>
            <p class="hint">
                "Each sub-account is a workspace of its own that this one's plan pays for. Call the API with an admin key of this workspace and the header "
                <code>{RUN_AS_HEADER}": <id>"</code>
                " to act in one; its data never reaches this workspace or its siblings."
            </p>
            <Suspense fallback=|| {
                view! { <p aria-busy="true">"Loading sub-accounts…"</p> }
            }>{rows}</Suspense>
            <form class="inline-form" id="new-sub-account" on:submit=create>
                <h3>"New sub-account"</h3>
                <input
                    id="new-sub-account-name"
                    aria-label="Sub-account name"
                    placeholder="e.g. Northwind Shop"
                    prop:value=name
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
                <input
                    id="new-sub-account-email"
                    type="email"
                    aria-label="Sub-account email (optional)"
                    placeholder="owner@example.com (optional)"
                    prop:value=email
                    on:input=move |ev| email.set(event_target_value(&ev))
                />
                <button type="submit" class="primary" disabled=busy>"Add sub-account"</button>
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            </form>
        </section>
    }
}
