use leptos::prelude::*;

/// A destructive action in two steps: the first press asks, the second (on the same button,
/// now saying `confirm`) runs `confirmed`; Cancel steps back.
#[component]
pub fn ConfirmButton(
    class: &'static str,
    label: &'static str,
    /// What the button says once asked: "Confirm revoke".
    confirm: &'static str,
    #[prop(into)] busy: Signal<bool>,
    confirmed: Callback<()>,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let press = move |_| {
        if asking.get_untracked() {
            asking.set(false);
            confirmed.run(());
        } else {
            asking.set(true);
        }
    };
    view! {
        <button type="button" class=format!("danger {class}") disabled=busy on:click=press>
            {move || if asking.get() { confirm } else { label }}
        </button>
        {move || asking.get().then(|| view! {
            <button type="button" class="link-button" on:click=move |_| asking.set(false)>"Cancel"</button>
        })}
    }
}
