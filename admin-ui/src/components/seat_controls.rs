use crate::api::{explain, use_api};
use leptos::prelude::*;
use parley_shared_types::billing::BillingUsage;

/// Seats bought beyond the plan's own (admins): add or give back one at a time. Each button
/// answers with the updated usage, which the whole screen then shows, or says why not.
#[component]
pub fn SeatControls(usage: RwSignal<BillingUsage>) -> impl IntoView {
    let api = use_api();
    let settle = move |result: Result<BillingUsage, _>| match result {
        Ok(updated) => {
            usage.try_set(updated.clone());
            Ok(updated)
        }
        Err(e) => Err(explain(&e)),
    };
    let add = Action::new_local(move |_: &()| async move { settle(api.add_seat().await) });
    let remove = Action::new_local(move |_: &()| async move { settle(api.remove_seat().await) });
    let busy = move || add.pending().get() || remove.pending().get();
    let outcome = move |action: Action<(), Result<BillingUsage, String>>, done: &'static str| {
        move || {
            action.value().get().map(|result| match result {
                Ok(updated) => view! {
                    <p class="ok" role="status">
                        {format!("{done}: {} seats in all.", updated.agents_limit)}
                    </p>
                }
                .into_any(),
                Err(why) => view! { <p class="error" role="alert">{why}</p> }.into_any(),
            })
        }
    };
    view! {
        <section class="seat-controls" aria-labelledby="seats-title">
            <h3 id="seats-title">"Seats"</h3>
            <p>
                "Extra seats: "
                <strong id="extra-seats">{move || usage.with(|u| u.extra_seats)}</strong>
                <span class="muted">
                    {move || usage.with(|u| format!(" ({} agents of {} seats)", u.agents_used, u.agents_limit))}
                </span>
            </p>
            <div class="seat-actions">
                <div class="seat-action">
                    <button type="button" id="add-seat" disabled=busy on:click=move |_| {
                        remove.clear();
                        add.dispatch(());
                    }>
                        "Add a seat"
                    </button>
                    {outcome(add, "Seat added")}
                </div>
                <div class="seat-action">
                    <button
                        type="button"
                        id="remove-seat"
                        disabled=move || busy() || usage.with(|u| u.extra_seats == 0)
                        on:click=move |_| {
                            add.clear();
                            remove.dispatch(());
                        }
                    >
                        "Remove a seat"
                    </button>
                    {outcome(remove, "Seat removed")}
                </div>
            </div>
        </section>
    }
}
