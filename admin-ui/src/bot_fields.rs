//! The bot forms' free-text fields and what they mean: handoff keywords as a comma list, FAQ
//! pairs as blocks of text. Pure, so both directions are tested.

use parley_shared_types::bot::{FaqPair, KnowledgeKind, KnowledgeSourceInput};

/// `"human, real person,"` → `["human", "real person"]`.
pub fn keywords_from_text(text: &str) -> Vec<String> {
    text.split([',', '\n'])
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(str::to_owned)
        .collect()
}

pub fn keywords_to_text(keywords: &[String]) -> String {
    keywords.join(", ")
}

/// FAQ pairs typed as blocks separated by a blank line: the first line of a block is the
/// question, the lines after it the answer.
pub fn faqs_from_text(text: &str) -> Result<Vec<FaqPair>, String> {
    let mut pairs = Vec::new();
    let mut block: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim).chain([""]) {
        if !line.is_empty() {
            block.push(line);
            continue;
        }
        if let Some((question, answer)) = block.split_first() {
            if answer.is_empty() {
                return Err(format!("the question {question:?} has no answer below it"));
            }
            pairs.push(FaqPair {
                question: (*question).to_owned(),
                answer: answer.join("\n"),
            });
        }
        block.clear();
    }
    if pairs.is_empty() {
        return Err("write at least one question with its answer".into());
    }
    Ok(pairs)
}

/// A knowledge source as its form says it: `body` is the text, or the FAQ blocks, or the
/// page's address, by `kind`; a blank title is none (the edge names the source).
pub fn knowledge_input(
    kind: KnowledgeKind,
    title: &str,
    body: &str,
) -> Result<KnowledgeSourceInput, String> {
    let mut input = KnowledgeSourceInput {
        kind,
        title: Some(title.trim().to_owned()).filter(|t| !t.is_empty()),
        content: None,
        faqs: None,
        url: None,
        meta: None,
    };
    match kind {
        KnowledgeKind::Faq => input.faqs = Some(faqs_from_text(body)?),
        KnowledgeKind::Text => input.content = Some(body.to_owned()),
        KnowledgeKind::Website => input.url = Some(body.trim().to_owned()),
    }
    Ok(input)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn keywords_round_trip_through_a_comma_list() {
        let keywords = keywords_from_text(" human, real person,,\noperator ");
        assert_eq!(keywords, ["human", "real person", "operator"]);
        assert_eq!(keywords_to_text(&keywords), "human, real person, operator");
        assert!(keywords_from_text(" , ").is_empty());
    }

    #[wasm_bindgen_test]
    fn faq_blocks_become_pairs() {
        let text = "How do I embed the widget?\nPaste one script tag.\nThat's all.\n\n\n  Where is my data?  \n In the EU.\n";
        let pairs = faqs_from_text(text).unwrap();
        assert_eq!(pairs.len(), 2);
        assert_eq!(pairs[0].question, "How do I embed the widget?");
        assert_eq!(pairs[0].answer, "Paste one script tag.\nThat's all.");
        assert_eq!(
            (pairs[1].question.as_str(), pairs[1].answer.as_str()),
            ("Where is my data?", "In the EU.")
        );
    }

    #[wasm_bindgen_test]
    fn a_question_without_an_answer_is_refused() {
        assert!(
            faqs_from_text("Q one?\nA one.\n\nQ two?")
                .unwrap_err()
                .contains("Q two?")
        );
        assert!(faqs_from_text("  \n").is_err());
    }

    #[wasm_bindgen_test]
    fn a_knowledge_form_becomes_the_input_its_kind_needs() {
        let faq = knowledge_input(KnowledgeKind::Faq, "  ", "Q?\nA.").unwrap();
        assert_eq!(faq.title, None, "a blank title is none");
        assert_eq!(faq.faqs.unwrap()[0].answer, "A.");
        let text = knowledge_input(KnowledgeKind::Text, "Policy", "Refunds take 5 days.").unwrap();
        assert_eq!(
            (text.title.as_deref(), text.content.as_deref()),
            (Some("Policy"), Some("Refunds take 5 days."))
        );
        let page = knowledge_input(KnowledgeKind::Website, "", " https://x.test/faq ").unwrap();
        assert_eq!(page.url.as_deref(), Some("https://x.test/faq"));
        assert!(knowledge_input(KnowledgeKind::Faq, "", "a question alone").is_err());
    }
}
