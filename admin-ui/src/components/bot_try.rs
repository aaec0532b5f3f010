use crate::api::{perform, use_api};
use leptos::prelude::*;
use parley_shared_types::chat::ChatResponse;
use parley_web_client::message_text::MessageText;

/// "Try it": ask the bot a question and see what it answers, how relevant each source it
/// drew on was, or that it found nothing and would offer a person.
#[component]
pub fn BotTry(bot_id: String) -> impl IntoView {
    let api = use_api();
    let question = RwSignal::new(String::new());
    let answer = RwSignal::new(None::<ChatResponse>);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let bot_id = StoredValue::new(bot_id);
    let ask = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = question.get_untracked().trim().to_owned();
        if text.is_empty() {
            return;
        }
        let bot = bot_id.get_value();
        let call = async move { api.try_bot(&bot, &text).await };
        perform(busy, error, call, move |found| answer.set(Some(found)));
    };
    let result = move || {
        answer.get().map(|found| {
            let sources = found
                .sources
                .iter()
                .map(|s| {
                    let percent = format!("{:.0}%", s.relevance * 100.0);
                    view! { <li><span class="source-title">{s.title.clone()}</span> " " <span class="muted">{percent}</span></li> }
                })
                .collect_view();
            let note = match (found.handoff, found.sources.is_empty()) {
                (true, _) => "Nothing in its knowledge answers this: it offers a person.",
                (false, true) => "Answered without citing knowledge.",
                (false, false) => "Sources, with how much of the question each covers:",
            };
            view! {
                <div id="bot-try-answer" class="try-answer">
                    <MessageText text=found.response markdown=true class="message-text" />
                    <p class="muted">{note}</p>
                    <ul class="try-sources">{sources}</ul>
                </div>
            }
        })
    };
    view! {
        <section class="bot-card" aria-labelledby="try-heading">
            <h3 id="try-heading">"Try it"</h3>
            <form class="inline-form" on:submit=ask>
                <input id="bot-try-question" placeholder="Ask what a visitor would ask" aria-label="Question" bind:value=question />
                <button type="submit" id="bot-try" class="primary" disabled=busy>"Ask"</button>
            </form>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {result}
        </section>
    }
}
