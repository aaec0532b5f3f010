use crate::chat::Chat;
use crate::components::composer::Composer;
use leptos::prelude::*;

/// Once the conversation ends: "How was it?" as five stars (a click rates at once, and may
/// be changed), then an optional comment. The stars are plain buttons under one click
/// handler, lit by CSS from the score: each reactive child would cost the widget its own code.
#[component]
pub fn RatingPrompt(chat: Chat) -> impl IntoView {
    // 0 until rated.
    let score = RwSignal::new(0u32);
    let commented = RwSignal::new(false);
    let rate = move |stars: u32, comment: Option<String>| {
        let with_comment = comment.is_some();
        chat.rate(stars, comment, move || {
            score.set(stars);
            commented.set(with_comment);
        });
    };
    let on_star = move |ev: leptos::ev::MouseEvent| {
        let clicked = event_target::<web_sys::Element>(&ev).get_attribute("value");
        if let Some(stars) = clicked.and_then(|v| v.parse().ok()) {
            rate(stars, None);
        }
    };
    view! {
        <div class="parley-rating" role="group" aria-label="Rate this conversation">
            <p>"How was this conversation?"</p>
            <div class="parley-stars" data-score=move || score.get().to_string() on:click=on_star>
                <button type="button" value="1" aria-label="1 of 5">"★"</button>
                <button type="button" value="2" aria-label="2 of 5">"★"</button>
                <button type="button" value="3" aria-label="3 of 5">"★"</button>
                <button type="button" value="4" aria-label="4 of 5">"★"</button>
                <button type="button" value="5" aria-label="5 of 5">"★"</button>
            </div>
            {move || {
                (score.get() > 0 && !commented.get()).then(|| {
                    view! {
                        <Composer
                            placeholder="Thanks! Anything to add? (optional)"
                            label="Comment"
                            on_send=Callback::new(move |text| rate(score.get_untracked(), Some(text)))
                            on_typed=Callback::new(|()| {})
                        />
                    }
                })
            }}
            {move || commented.get().then(|| view! { <p role="status">"Thanks for your feedback!"</p> })}
        </div>
    }
}
