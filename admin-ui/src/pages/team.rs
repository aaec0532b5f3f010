use crate::api::{explain, use_api};
use crate::components::member_row::MemberRow;
use crate::components::new_member_form::NewMemberForm;
use leptos::prelude::*;
use leptos::task::spawn_local;
use parley_shared_types::auth::TeamMember;

pub fn render() -> AnyView {
    view! { <TeamPage /> }.into_any()
}

/// The team with who is online, new members, role changes and removal.
#[component]
pub fn TeamPage() -> impl IntoView {
    let api = use_api();
    let me = api.my_id();
    let team = RwSignal::new(None::<Result<Vec<TeamMember>, String>>);
    let reload = RwSignal::new(0u32);
    Effect::new(move |_| {
        reload.track();
        spawn_local(async move {
            let result = api.team().await.map_err(|e| explain(&e));
            team.try_set(Some(result));
        });
    });
    // Presence changes when someone's feed connects; refresh the dots now and then.
    let tick = set_interval_with_handle(
        move || reload.update(|n| *n += 1),
        std::time::Duration::from_secs(30),
    );
    if let Ok(tick) = tick {
        on_cleanup(move || tick.clear());
    }
    let changed = Callback::new(move |()| reload.update(|n| *n += 1));
    let rows = move || match team.get() {
        None => view! { <p aria-busy="true">"Loading the team…"</p> }.into_any(),
        Some(Err(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
        Some(Ok(members)) => {
            let me = me.clone();
            view! {
                <table class="team-table" id="team-table">
                    <thead>
                        <tr>
                            <th scope="col">"Name"</th>
                            <th scope="col">"Email"</th>
                            <th scope="col">"Role"</th>
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {members
                            .into_iter()
                            .map(|member| {
                                let is_me = member.user.id == me;
                                view! { <MemberRow member is_me changed /> }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            }
            .into_any()
        }
    };
    view! {
        <section class="page">
            <div class="page-head">
                <h2>"Team"</h2>
            </div>
            {rows}
            <NewMemberForm created=changed />
        </section>
    }
}
