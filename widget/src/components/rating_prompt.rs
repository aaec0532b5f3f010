use crate::chat::Chat;
use crate::components::composer::Composer;
use leptos::prelude::*;
use parley_shared_types::widget_text::WidgetText;

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
    let stars = move |n: &str| chat.text_with(WidgetText::Stars, n);
    let on_star = move |ev: leptos::ev::MouseEvent| {
        let clicked = event_target::<web_sys::Element>(&ev).get_attribute("value");
        if let Some(stars) = clicked.and_then(|v| v.parse().ok()) {
            rate(stars, None);
        }
    };
    view! {
        <div class="parley-rating" role="group" aria-label=chat.text(WidgetText::RateLabel)>
            <p>{chat.text(WidgetText::HowWasIt)}</p>
            <div class="parley-stars" data-score=move || score.get().to_string() on:click=on_star>
                <button type="button" value="1" aria-label=stars("1")>"★"</button>
                <button type="button" value="2" aria-label=stars("2")>"★"</button>
                <button type="button" value="3" aria-label=stars("3")>"★"</button>
                <button type="button" value="4" aria-label=stars("4")>"★"</button>
                <button type="button" value="5" aria-label=stars("5")>"★"</button>
            </div>
            {move || {
                (score.get() > 0 && !commented.get()).then(|| {
                    view! {
                        <Composer
                            placeholder=chat.text(WidgetText::CommentPrompt)
                            label=chat.text(WidgetText::Comment)
                            send_label=chat.text(WidgetText::Send)
                            on_send=Callback::new(move |text| rate(score.get_untracked(), Some(text)))
                            on_typed=Callback::new(|()| {})
                        />
                    }
                })
            }}
            {move || commented.get().then(|| view! { <p role="status">{chat.text(WidgetText::Thanks)}</p> })}
        </div>
    }
}
