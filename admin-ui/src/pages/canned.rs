use crate::api::{explain, perform, use_api};
use crate::components::canned_row::CannedRow;
use crate::components::resource_table::ResourceTable;
use leptos::prelude::*;
use parley_shared_types::auth::Role;
use parley_shared_types::canned::{CannedResponse, CannedScope, CreateCannedResponseRequest};

pub fn render() -> AnyView {
    view! { <CannedPage /> }.into_any()
}

/// Saved replies: the workspace's (kept by admins) and your own. In a conversation's reply box
/// type `/` and the shortcut; `{{visitor.name}}` and `{{agent.name}}` are filled in.
#[component]
pub fn CannedPage() -> impl IntoView {
    let api = use_api();
    let me = api.my_id();
    let admin = api.role() == Some(Role::Admin);
    let reload = RwSignal::new(0u32);
    let responses = LocalResource::new(move || {
        reload.track();
        async move { api.canned_responses().await.map_err(|e| explain(&e)) }
    });
    let changed = Callback::new(move |()| reload.update(|n| *n += 1));
    let shortcut = RwSignal::new(String::new());
    let content = RwSignal::new(String::new());
    let shared = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = CreateCannedResponseRequest {
            shortcut: shortcut.get_untracked(),
            content: content.get_untracked(),
            scope: Some(if shared.get_untracked() {
                CannedScope::Workspace
            } else {
                CannedScope::Personal
            }),
        };
        let call = async move { api.create_canned_response(&request).await };
        perform(busy, error, call, move |_: CannedResponse| {
            shortcut.set(String::new());
            content.set(String::new());
            changed.run(());
        });
    };
    let rows = move || {
        let me = me.clone();
        responses.get().map(|answer| match answer {
            Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
            Ok(list) if list.is_empty() => {
                view! { <p class="empty-state">"No canned responses yet: add the first below."</p> }
                    .into_any()
            }
            Ok(list) => view! {
                <ResourceTable id="canned-table" columns=&["Shortcut", "Scope", "Text"]>
                        {list
                            .into_iter()
                            .map(|response| {
                                let editable = match response.scope {
                                    CannedScope::Workspace => admin,
                                    CannedScope::Personal => response.owner_id.as_deref() == Some(me.as_str()),
                                };
                                view! { <CannedRow response editable changed /> }
                            })
                            .collect_view()}
                </ResourceTable>
            }
            .into_any(),
        })
    };
    let scope_choice = admin.then(|| {
        view! {
            <label>
                <input type="checkbox" id="new-canned-shared" prop:checked=shared on:change=move |ev| shared.set(event_target_checked(&ev)) />
                " Share with the workspace"
            </label>
        }
    });
    view! {
        <section class="page">
            <div class="page-head">
                <h2>"Canned responses"</h2>
            </div>
            <p class="hint">"In a reply, type / and a shortcut. {{visitor.name}} and {{agent.name}} are filled in."</p>
            <Suspense fallback=|| view! { <p aria-busy="true">"Loading canned responses…"</p> }>{rows}</Suspense>
            <form class="inline-form" id="new-canned" on:submit=create>
                <h3>"New canned response"</h3>
                <input
                    id="new-canned-shortcut"
                    aria-label="Shortcut"
                    placeholder="greet"
                    prop:value=shortcut
                    on:input=move |ev| shortcut.set(event_target_value(&ev))
                />
                <textarea
                    id="new-canned-content"
                    aria-label="Text"
                    rows="2"
                    placeholder="Hi {{visitor.name}}, {{agent.name}} here. How can I help?"
                    prop:value=content
                    on:input=move |ev| content.set(event_target_value(&ev))
                ></textarea>
                {scope_choice}
                <button type="submit" class="primary" disabled=busy>"Add"</button>
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            </form>
        </section>
    }
}
