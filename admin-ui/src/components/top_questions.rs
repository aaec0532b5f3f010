use leptos::prelude::*;
use parley_shared_types::analytics::TopQuestion;

/// What visitors asked the bot most, most asked first, each with how often and a bar against
/// the most asked.
#[component]
pub fn TopQuestions(questions: Vec<TopQuestion>) -> impl IntoView {
    if questions.is_empty() {
        return view! {
            <p class="empty-state">"No questions in this range: widen it, or ask the bot something from a widget."</p>
        }
        .into_any();
    }
    let most = questions.iter().map(|q| q.count).max().unwrap_or(1).max(1);
    let items = questions
        .into_iter()
        .map(|top| {
            let share = top.count as f64 / most as f64 * 100.0;
            view! {
                <li>
                    <div class="question-row">
                        <span class="question-text">{top.question}</span>
                        <span class="bar-cell">
                            <span class="inline-bar" style:width=format!("{share:.0}%")></span>
                            <span class="question-count">{top.count}</span>
                        </span>
                    </div>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="top-questions" id="top-questions">{items}</ol> }.into_any()
}
