//! Greetings, thanks and goodbyes: the built-in engine answers them in the visitor's language
//! rather than searching its knowledge (where "hello" finds nothing and "thanks" would get
//! "I don't know"). Only a message that is small talk and nothing else is answered so.

/// What a small-talk message does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Greeting,
    Thanks,
    Goodbye,
}

/// One language's small talk: the words of each kind, words that may go with them ("thank
/// you very much"), and the replies.
struct Language {
    greetings: &'static [&'static str],
    thanks: &'static [&'static str],
    goodbyes: &'static [&'static str],
    fillers: &'static [&'static str],
    greeting_reply: &'static str,
    thanks_reply: &'static str,
    goodbye_reply: &'static str,
}

const LANGUAGES: [Language; 4] = [
    Language {
        greetings: &[
            "hi",
            "hello",
            "hey",
            "hiya",
            "howdy",
            "morning",
            "afternoon",
            "evening",
        ],
        thanks: &["thanks", "thank", "thx", "ty", "cheers"],
        goodbyes: &["bye", "goodbye", "cya"],
        fillers: &[
            "there", "you", "so", "very", "much", "a", "lot", "ok", "okay", "great", "good",
            "cool", "all", "everyone", "team", "for", "the", "help", "that", "s", "it", "again",
            "now", "see", "later",
        ],
        greeting_reply: "Hello! How can I help you today?",
        thanks_reply: "You're welcome! Is there anything else I can help with?",
        goodbye_reply: "Goodbye! Come back any time.",
    },
    Language {
        greetings: &["hallo", "servus", "moin", "guten", "tag", "morgen", "abend"],
        thanks: &["danke", "dankeschön", "vielen", "dank"],
        goodbyes: &["tschüss", "tschüs", "wiedersehen", "ciao"],
        fillers: &[
            "auf", "schön", "sehr", "super", "ok", "für", "die", "hilfe", "zusammen",
        ],
        greeting_reply: "Hallo! Wie kann ich Ihnen helfen?",
        thanks_reply: "Gern geschehen! Kann ich sonst noch helfen?",
        goodbye_reply: "Auf Wiedersehen! Schauen Sie gern wieder vorbei.",
    },
    Language {
        greetings: &["bonjour", "salut", "bonsoir", "coucou"],
        thanks: &["merci"],
        goodbyes: &["revoir", "bientôt"],
        fillers: &[
            "beaucoup", "à", "au", "tous", "ok", "pour", "l", "aide", "bien", "super",
        ],
        greeting_reply: "Bonjour ! Comment puis-je vous aider ?",
        thanks_reply: "Avec plaisir ! Puis-je vous aider pour autre chose ?",
        goodbye_reply: "Au revoir ! À bientôt.",
    },
    Language {
        greetings: &["hola", "buenas", "buenos", "días", "tardes", "noches"],
        thanks: &["gracias"],
        goodbyes: &["adiós", "adios", "chao"],
        fillers: &[
            "muchas", "mil", "ok", "por", "la", "ayuda", "todo", "hasta", "luego",
        ],
        greeting_reply: "¡Hola! ¿En qué puedo ayudarte?",
        thanks_reply: "¡De nada! ¿Puedo ayudarte con algo más?",
        goodbye_reply: "¡Adiós! Vuelve cuando quieras.",
    },
];

/// The reply to a message that is only a greeting, thanks or goodbye (in one of the languages
/// above, answered in the same); `None` for anything that asks something.
pub fn reply(message: &str) -> Option<&'static str> {
    let words: Vec<String> = message
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        return None;
    }
    LANGUAGES.iter().find_map(|language| {
        let mut kind = None;
        for word in &words {
            let this = if language.thanks.contains(&word.as_str()) {
                Some(Kind::Thanks)
            } else if language.goodbyes.contains(&word.as_str()) {
                Some(Kind::Goodbye)
            } else if language.greetings.contains(&word.as_str()) {
                Some(Kind::Greeting)
            } else if language.fillers.contains(&word.as_str()) {
                None
            } else {
                return None;
            };
            // Thanks outweighs a goodbye, which outweighs a greeting ("ok thanks bye").
            kind = match (kind, this) {
                (Some(Kind::Thanks), _) | (_, Some(Kind::Thanks)) => Some(Kind::Thanks),
                (Some(Kind::Goodbye), _) | (_, Some(Kind::Goodbye)) => Some(Kind::Goodbye),
                (old, new) => new.or(old),
            };
        }
        kind.map(|kind| match kind {
            Kind::Greeting => language.greeting_reply,
            Kind::Thanks => language.thanks_reply,
            Kind::Goodbye => language.goodbye_reply,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greetings_thanks_and_goodbyes_are_answered_in_their_language() {
        assert_eq!(reply("hello"), Some("Hello! How can I help you today?"));
        assert_eq!(reply("Hi there!"), Some("Hello! How can I help you today?"));
        assert_eq!(
            reply("thanks!"),
            Some("You're welcome! Is there anything else I can help with?")
        );
        assert_eq!(reply("Thank you very much"), reply("thanks"));
        assert_eq!(reply("ok thanks, bye"), reply("thanks"));
        assert_eq!(reply("Bye!"), Some("Goodbye! Come back any time."));
        assert_eq!(reply("Hallo"), Some("Hallo! Wie kann ich Ihnen helfen?"));
        assert_eq!(
            reply("Vielen Dank!"),
            Some("Gern geschehen! Kann ich sonst noch helfen?")
        );
        assert_eq!(
            reply("Merci beaucoup"),
            Some("Avec plaisir ! Puis-je vous aider pour autre chose ?")
        );
        assert_eq!(reply("¡Hola!"), Some("¡Hola! ¿En qué puedo ayudarte?"));
        assert_eq!(
            reply("muchas gracias"),
            Some("¡De nada! ¿Puedo ayudarte con algo más?")
        );
    }

    #[test]
    fn a_message_that_asks_something_is_not_small_talk() {
        assert_eq!(reply("Hi, how do I embed the widget?"), None);
        assert_eq!(reply("thanks, and what does it cost?"), None);
        assert_eq!(reply("hello world"), None);
        assert_eq!(reply(""), None);
        assert_eq!(reply("!!!"), None);
        assert_eq!(reply("ok"), None, "fillers alone say nothing");
    }
}
