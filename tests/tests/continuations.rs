//! Continuations: an OpenAI-compatible answer cut off at `max_tokens` (`finish_reason:
//! "length"`) is asked for again with what was written, so the visitor gets the whole answer
//! as one message that keeps streaming, whether the endpoint streams (SSE) or answers whole
//! JSON; a model that never finishes is stopped after a bounded number of continuations with
//! what it wrote. Every request fits the context window (the fake refuses those that do not).

use parley_shared_types::message::{Message, SenderType};
use parley_tests::Server;
use parley_tests::fake_openai::{API_KEY, FakeOpenAi};
use parley_tests::fixtures::{Team, Visitor, all_messages};

const QUESTION: &str = "How long do refunds take?";

/// The conversation's messages the bot wrote.
async fn bot_messages(team: &Team, visitor: &Visitor) -> Vec<Message> {
    all_messages(&team.agent, visitor.conversation_id())
        .await
        .into_iter()
        .filter(|m| m.sender_type == SenderType::Ai)
        .collect()
}

/// A visitor of a conversation answered through `fake` asks [`QUESTION`]; the deltas and the
/// stored answer their socket received, and the bot's messages stored.
async fn ask_in_widget(
    server: &Server,
    fake: &FakeOpenAi,
    window: u32,
) -> (Vec<String>, Message, Vec<Message>) {
    let mut team = Team::new(server).await;
    let (bot, _) = team.openai_bot(fake, window, 60).await;
    team.answer_with(&bot).await;
    let visitor = team.visitor().await;
    let mut hub = visitor.hub(server).await;
    visitor.say(QUESTION).await;
    let (deltas, answer) = hub.next_ai_answer().await.unwrap();
    assert!(
        deltas.iter().all(|d| d.message_id == answer.id),
        "every piece streams into the one message"
    );
    let stored = bot_messages(&team, &visitor).await;
    (
        deltas.into_iter().map(|d| d.delta).collect(),
        answer,
        stored,
    )
}

/// What the edge asked in its `n`th request: `(role, content)` pairs.
fn request(fake: &FakeOpenAi, n: usize) -> Vec<(String, String)> {
    fake.requests()[n].messages.clone()
}

#[tokio::test]
async fn a_streamed_answer_cut_off_is_continued_into_one_message() {
    let server = Server::shared().await;
    let fake = FakeOpenAi::start(4096, API_KEY).await.unwrap();
    fake.reply_cut_off(&["Refunds ", "take "]);
    fake.reply_with(&["five ", "business days."]);
    let (deltas, answer, stored) = ask_in_widget(server, &fake, 4096).await;

    assert_eq!(deltas, ["Refunds ", "take ", "five ", "business days."]);
    assert_eq!(answer.content, "Refunds take five business days.");
    assert_eq!(stored.len(), 1, "one message: {stored:?}");
    assert_eq!(stored[0].id, answer.id);
    assert_eq!(stored[0].content, answer.content);

    assert_eq!(fake.requests().len(), 2);
    let continued = request(&fake, 1);
    let [.., question, so_far, go_on] = &continued[..] else {
        panic!("too few messages: {continued:?}");
    };
    assert_eq!(question, &("user".to_owned(), QUESTION.to_owned()));
    assert_eq!(
        so_far,
        &("assistant".to_owned(), "Refunds take ".to_owned())
    );
    assert_eq!(go_on.0, "user");
    assert!(go_on.1.to_lowercase().contains("continue"), "{go_on:?}");
    assert_eq!(fake.overflows(), 0);
}

#[tokio::test]
async fn a_whole_json_answer_cut_off_is_continued_into_one_message() {
    let server = Server::shared().await;
    let fake = FakeOpenAi::start(4096, API_KEY).await.unwrap();
    fake.answer_whole();
    fake.reply_cut_off(&["Refunds take "]);
    fake.reply_with(&["five business days."]);
    let (deltas, answer, stored) = ask_in_widget(server, &fake, 4096).await;

    assert_eq!(deltas, ["Refunds take ", "five business days."]);
    assert_eq!(answer.content, "Refunds take five business days.");
    assert_eq!(stored.len(), 1, "one message: {stored:?}");
    assert_eq!(fake.requests().len(), 2);
    assert_eq!(
        request(&fake, 1).iter().rev().nth(1),
        Some(&("assistant".to_owned(), "Refunds take ".to_owned()))
    );
}

#[tokio::test]
async fn a_model_that_never_finishes_is_stopped_with_what_it_wrote() {
    let server = Server::shared().await;
    // A small window: each continuation must still fit it, with the answer's end in it.
    let window = 500;
    let fake = FakeOpenAi::start(window, API_KEY).await.unwrap();
    let parts: Vec<String> = (1..=6)
        .map(|n| format!("{}(part {n})", "more words ".repeat(30)))
        .collect();
    for part in &parts {
        fake.reply_cut_off(&[part]);
    }
    let (_, answer, stored) = ask_in_widget(server, &fake, window).await;

    // The first request and three continuations; the rest of the script is never asked for.
    assert_eq!(fake.requests().len(), 4);
    assert_eq!(answer.content, parts[..4].concat());
    assert_eq!(stored.len(), 1, "one message: {stored:?}");
    assert_eq!(fake.overflows(), 0, "every continuation fits the window");
    let last = request(&fake, 3);
    let so_far = &last[last.len() - 2];
    assert_eq!(so_far.0, "assistant");
    assert!(
        parts[..3].concat().ends_with(&so_far.1) && so_far.1.ends_with(parts[2].as_str()),
        "the continuation carries the answer's end: {so_far:?}"
    );
}
