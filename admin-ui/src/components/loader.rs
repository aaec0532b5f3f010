use leptos::prelude::*;

/// Shows what `resource` loaded through `show`, or the edge's reason it could not. While a
/// new answer loads the last one stays on screen, marked busy, so changing a control does
/// not blank the page.
#[component]
pub fn Loader<T, V, F>(
    resource: LocalResource<Result<T, String>>,
    /// What is loading, for the first wait: "the bots".
    what: &'static str,
    show: F,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Copy + Send + Sync + 'static,
{
    let (pending, set_pending) = signal(false);
    view! {
        <div class="loaded" aria-busy=move || pending.get().to_string()>
            <Transition
                fallback=move || view! { <p aria-busy="true">{format!("Loading {what}…")}</p> }
                set_pending
            >
                {move || Suspend::new(async move {
                    match resource.await {
                        Ok(loaded) => show(loaded).into_any(),
                        Err(error) => view! { <p class="error" role="alert">{error}</p> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}
