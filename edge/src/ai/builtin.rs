//! The built-in answer engine: answers from the bot's own knowledge with no network and no
//! keys, and says so plainly when its knowledge has nothing on the question.

use super::chunk::sentences;
use super::retrieval::{ANSWER_RELEVANCE, Retrieved, terms};
use parley_shared_types::bot::ResponseStyle;

pub const DONT_KNOW: &str = "I'm sorry, I don't know the answer to that. Would you like to talk to a human? Just ask for a human and I'll connect you.";

/// The answer the best chunk gives, or `None` when nothing retrieved answers the question.
pub fn compose(question: &str, retrieved: &[Retrieved], style: ResponseStyle) -> Option<String> {
    let best = retrieved
        .first()
        .filter(|c| c.relevance >= ANSWER_RELEVANCE)?;
    // FAQ chunks are "question\nanswer": the answer is the reply.
    let body = match best.content.split_once('\n') {
        Some((_, answer)) => answer.to_owned(),
        None => best_sentences(question, &best.content, 2),
    };
    Some(match style {
        ResponseStyle::Concise => sentences(&body)
            .first()
            .map_or(body.clone(), |s| (*s).to_owned()),
        ResponseStyle::Friendly | ResponseStyle::Formal => body,
    })
}

/// The `n` sentences sharing most words with the question, in their original order.
fn best_sentences(question: &str, text: &str, n: usize) -> String {
    let question = terms(question);
    let all = sentences(text);
    let mut scored: Vec<(usize, usize)> = all
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let stems = terms(s).stems;
            (
                i,
                question.stems.iter().filter(|q| stems.contains(q)).count(),
            )
        })
        .collect();
    scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut chosen: Vec<usize> = scored.into_iter().take(n).map(|(i, _)| i).collect();
    chosen.sort_unstable();
    chosen
        .into_iter()
        .map(|i| all[i])
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits an answer into the pieces it streams as: words with their following space.
pub fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive(' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(content: &str, relevance: f64) -> Retrieved {
        Retrieved {
            source_id: "s".into(),
            title: "t".into(),
            url: None,
            content: content.into(),
            relevance,
        }
    }

    #[test]
    fn faq_chunks_answer_with_their_answer() {
        let found = [chunk(
            "How long do refunds take?\nRefunds take 5 days.",
            0.9,
        )];
        assert_eq!(
            compose("refund time?", &found, ResponseStyle::Friendly).as_deref(),
            Some("Refunds take 5 days.")
        );
    }

    #[test]
    fn text_chunks_answer_with_their_most_relevant_sentences_in_order() {
        let text = "We ship worldwide. Refunds are issued to the original card. Refunds take 5 days. Our office is in Lisbon.";
        let found = [chunk(text, 0.8)];
        assert_eq!(
            compose("How long do refunds take?", &found, ResponseStyle::Friendly).as_deref(),
            Some("Refunds are issued to the original card. Refunds take 5 days.")
        );
        assert_eq!(
            compose("How long do refunds take?", &found, ResponseStyle::Concise).as_deref(),
            Some("Refunds are issued to the original card.")
        );
    }

    #[test]
    fn weak_or_no_knowledge_answers_nothing() {
        assert_eq!(compose("pizza?", &[], ResponseStyle::Friendly), None);
        assert_eq!(
            compose(
                "pizza?",
                &[chunk("Refunds take 5 days.", 0.2)],
                ResponseStyle::Friendly
            ),
            None
        );
    }

    #[test]
    fn tokens_reassemble_to_the_text() {
        let text = "Refunds take 5 days.";
        assert_eq!(tokens(text).collect::<String>(), text);
        assert_eq!(tokens(text).count(), 4);
    }
}
