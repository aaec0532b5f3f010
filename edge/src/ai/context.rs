//! Token reconciliation: the prompt for an OpenAI-compatible model, fitted to its context
//! window. The system prompt and the question always go; then the knowledge that fits (best
//! first) and the newest turns of the conversation that fit. The request plus the completion
//! it asks for never exceed the window.
//!
//! Tokens are estimated without the model's tokenizer, conservatively: one token per 3 bytes
//! of UTF-8 (English averages about 4), plus 4 per message and 3 per request, as OpenAI
//! counts message framing. A server may rely on: estimate(request) + max_tokens ≤ window.
//!
//! A completion cut off at `max_tokens` is continued with [`Prompt::continuation`], fitted to
//! the same window.

use serde::Serialize;
use serde_json::{Map, Value};

pub const BYTES_PER_TOKEN: usize = 3;
pub const MESSAGE_OVERHEAD: u32 = 4;
pub const REQUEST_OVERHEAD: u32 = 3;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PromptMessage {
    pub role: &'static str,
    pub content: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub messages: Vec<PromptMessage>,
    /// The completion length to ask for: the bot's max tokens, less if the window is small.
    pub max_tokens: u32,
    /// How many knowledge chunks made it in, best first.
    pub knowledge_used: usize,
    /// The model's context window the prompt was fitted to.
    pub window: u32,
}

/// What asks the model to go on with an answer it was cut off in.
pub const CONTINUE_INSTRUCTION: &str = "Your answer was cut off. Continue it exactly where it stopped, without repeating anything or starting over.";
/// The least of a cut-off answer worth sending back: with less, the model cannot tell where
/// it stopped.
const MIN_PARTIAL_TOKENS: u32 = 8;

/// A turn of the conversation so far: `user` or `assistant`, or a `system` note about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Turn {
    pub role: &'static str,
    pub content: String,
}

impl Turn {
    /// A turn of the conversation so far: the person the bot serves is the user, anyone else
    /// (the bot, an agent) the assistant.
    pub fn said(by_user: bool, content: String) -> Turn {
        Turn {
            role: if by_user { "user" } else { "assistant" },
            content,
        }
    }

    /// What the caller said about the user (RocketFlow's session `context`: the page, the
    /// browser…), as a note for the model.
    pub fn about_the_user(context: &Map<String, Value>) -> Turn {
        let facts: Vec<String> = context
            .iter()
            .map(|(key, value)| match value {
                Value::String(text) => format!("{key}: {text}"),
                other => format!("{key}: {other}"),
            })
            .collect();
        Turn {
            role: "system",
            content: format!("Context about the user: {}", facts.join("; ")),
        }
    }
}

pub fn estimate_tokens(text: &str) -> u32 {
    text.len().div_ceil(BYTES_PER_TOKEN) as u32
}

fn message_tokens(content: &str) -> u32 {
    estimate_tokens(content) + MESSAGE_OVERHEAD
}

/// What a request with these messages costs before the completion.
#[cfg(test)]
pub fn request_tokens(messages: &[PromptMessage]) -> u32 {
    REQUEST_OVERHEAD
        + messages
            .iter()
            .map(|m| message_tokens(&m.content))
            .sum::<u32>()
}

/// The end of `text` (from a character boundary) in at most `tokens` estimated tokens.
fn tail_to(text: &str, tokens: u32) -> &str {
    let max_bytes = tokens as usize * BYTES_PER_TOKEN;
    if text.len() <= max_bytes {
        return text;
    }
    let mut start = text.len() - max_bytes;
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}

/// `text` cut (at a character boundary) to at most `tokens` estimated tokens.
fn truncate_to(text: &str, tokens: u32) -> String {
    let max_bytes = tokens as usize * BYTES_PER_TOKEN;
    if text.len() <= max_bytes {
        return text.to_owned();
    }
    let mut end = max_bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_owned()
}

pub fn fit(
    window: u32,
    max_tokens: u32,
    system: &str,
    knowledge: &[String],
    history: &[Turn],
    question: &str,
) -> Prompt {
    // The completion may take at most half the window, so a prompt always has room.
    let max_tokens = max_tokens.clamp(1, window / 2);
    let budget = window - max_tokens - REQUEST_OVERHEAD;
    // The fixed parts get at most a quarter of the budget each, cut if longer.
    let quarter = (budget / 4).saturating_sub(MESSAGE_OVERHEAD);
    let system = truncate_to(system, quarter);
    let question = truncate_to(question, quarter);
    let mut left = budget - message_tokens(&system) - message_tokens(&question);

    // Knowledge takes up to half of what is left, whole chunks only, best first.
    let mut knowledge_budget = left / 2;
    let mut system_content = system;
    let mut knowledge_used = 0;
    for chunk in knowledge {
        let entry = format!("\n\n[{}] {chunk}", knowledge_used + 1);
        // Rounding up each piece separately can only overestimate the whole.
        let cost = estimate_tokens(&entry);
        if cost > knowledge_budget {
            break;
        }
        knowledge_budget -= cost;
        left -= cost;
        system_content.push_str(&entry);
        knowledge_used += 1;
    }

    // The newest turns that fit, whole turns only.
    let mut kept = Vec::new();
    for turn in history.iter().rev() {
        let cost = message_tokens(&turn.content);
        if cost > left {
            break;
        }
        left -= cost;
        kept.push(PromptMessage {
            role: turn.role,
            content: turn.content.clone(),
        });
    }
    kept.reverse();

    let mut messages = vec![PromptMessage {
        role: "system",
        content: system_content,
    }];
    messages.extend(kept);
    messages.push(PromptMessage {
        role: "user",
        content: question,
    });
    Prompt {
        messages,
        max_tokens,
        knowledge_used,
        window,
    }
}

impl Prompt {
    /// The prompt that has the model continue `partial`, its answer to this prompt so far,
    /// which stopped at `max_tokens`: the same system message and question, then the answer
    /// as the assistant's and [`CONTINUE_INSTRUCTION`], in the same window with the same
    /// `max_tokens`. The answer's end matters most (the model goes on from there), so it
    /// keeps as much of it as fits, then the newest turns that still fit. `None` when the
    /// window leaves no room for enough of the answer.
    pub fn continuation(&self, partial: &str) -> Option<Prompt> {
        let (system, rest) = self.messages.split_first()?;
        let (question, history) = rest.split_last()?;
        let fixed = message_tokens(&system.content)
            + message_tokens(&question.content)
            + message_tokens(CONTINUE_INSTRUCTION);
        let mut left = self
            .window
            .checked_sub(self.max_tokens + REQUEST_OVERHEAD + fixed + MESSAGE_OVERHEAD)?;
        if left < MIN_PARTIAL_TOKENS {
            return None;
        }
        let answered = tail_to(partial, left);
        left -= estimate_tokens(answered);
        let mut kept: Vec<&PromptMessage> = Vec::new();
        for turn in history.iter().rev() {
            let cost = message_tokens(&turn.content);
            if cost > left {
                break;
            }
            left -= cost;
            kept.push(turn);
        }
        let mut messages = vec![system.clone()];
        messages.extend(kept.into_iter().rev().cloned());
        messages.extend([
            question.clone(),
            PromptMessage {
                role: "assistant",
                content: answered.to_owned(),
            },
            PromptMessage {
                role: "user",
                content: CONTINUE_INSTRUCTION.to_owned(),
            },
        ]);
        Some(Prompt {
            messages,
            ..self.clone()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn turns(n: usize, words: usize) -> Vec<Turn> {
        (0..n)
            .map(|i| Turn {
                role: if i % 2 == 0 { "user" } else { "assistant" },
                content: format!("turn {i} {}", "word ".repeat(words)),
            })
            .collect()
    }

    #[test]
    fn the_users_context_is_a_system_note() {
        let context = serde_json::json!({"page_url": "https://example.com/products", "visits": 3});
        let turn = Turn::about_the_user(context.as_object().unwrap());
        assert_eq!(turn.role, "system");
        assert_eq!(
            turn.content,
            "Context about the user: page_url: https://example.com/products; visits: 3"
        );
    }

    #[test]
    fn everything_fits_in_a_large_window() {
        let knowledge = vec!["Refunds take 5 days.".to_owned()];
        let prompt = fit(8192, 500, "Be kind.", &knowledge, &turns(4, 3), "Refunds?");
        assert_eq!(prompt.messages.len(), 6);
        assert_eq!(prompt.knowledge_used, 1);
        assert!(
            prompt.messages[0]
                .content
                .contains("[1] Refunds take 5 days.")
        );
        assert_eq!(prompt.messages.last().unwrap().content, "Refunds?");
        assert_eq!(prompt.max_tokens, 500);
    }

    #[test]
    fn a_small_window_keeps_the_newest_turns_and_never_overflows() {
        let knowledge: Vec<String> = (0..50)
            .map(|i| format!("fact {i} {}", "x ".repeat(40)))
            .collect();
        for window in [256, 300, 512, 1000, 2048, 4096] {
            for max_tokens in [1, 100, 500, 5000] {
                let history = turns(40, 30);
                let prompt = fit(
                    window,
                    max_tokens,
                    &"s".repeat(3000),
                    &knowledge,
                    &history,
                    &"q".repeat(5000),
                );
                assert!(
                    request_tokens(&prompt.messages) + prompt.max_tokens <= window,
                    "window {window}, max {max_tokens}: {}",
                    request_tokens(&prompt.messages)
                );
                let middle = &prompt.messages[1..prompt.messages.len() - 1];
                let newest = &history[history.len() - middle.len()..];
                assert!(
                    middle
                        .iter()
                        .zip(newest)
                        .all(|(m, t)| m.content == t.content)
                );
            }
        }
    }

    #[test]
    fn knowledge_goes_in_best_first_and_whole() {
        let knowledge = vec!["a".repeat(300), "b".repeat(3000)];
        let prompt = fit(1024, 200, "", &knowledge, &[], "q");
        assert_eq!(prompt.knowledge_used, 1);
        assert!(!prompt.messages[0].content.contains('b'));
    }

    #[test]
    fn truncation_respects_character_boundaries() {
        assert_eq!(truncate_to("ééé", 1), "é");
        assert_eq!(tail_to("ééé", 1), "é");
        assert_eq!(tail_to("abcdef", 1), "def");
    }

    #[test]
    fn a_continuation_sends_the_answer_so_far_and_asks_to_go_on() {
        let first = fit(
            8192,
            100,
            "Be kind.",
            &[],
            &turns(2, 3),
            "Tell me everything.",
        );
        let next = first.continuation("Once upon a time").unwrap();
        let roles: Vec<&str> = next.messages.iter().map(|m| m.role).collect();
        assert_eq!(
            roles,
            ["system", "user", "assistant", "user", "assistant", "user"]
        );
        let [.., question, answered, instruction] = &next.messages[..] else {
            unreachable!()
        };
        assert_eq!(question.content, "Tell me everything.");
        assert_eq!(answered.content, "Once upon a time");
        assert_eq!(instruction.content, CONTINUE_INSTRUCTION);
        assert_eq!(next.max_tokens, first.max_tokens);
    }

    #[test]
    fn a_continuation_keeps_the_answers_end_and_never_overflows() {
        for window in [256, 300, 512, 1000, 2048, 4096] {
            for max_tokens in [1, 100, 500] {
                let partial = format!("{}THE END", "word ".repeat(4000));
                let first = fit(window, max_tokens, "s", &[], &turns(40, 30), "q");
                let next = first.continuation(&partial).unwrap();
                assert!(
                    request_tokens(&next.messages) + next.max_tokens <= window,
                    "window {window}, max {max_tokens}"
                );
                let answered = &next.messages[next.messages.len() - 2];
                assert!(answered.content.ends_with("THE END"));
            }
        }
    }

    #[test]
    fn no_continuation_without_room_for_the_answer() {
        let first = fit(64, 32, &"s".repeat(300), &[], &[], &"q".repeat(300));
        assert_eq!(first.continuation("partial answer"), None);
    }
}
