//! Every string the widget shows visitors, by key, with its English. The widget reads them
//! from the locale table the loader fetched (`widget/locales/<language>.json`) with the
//! widget's own overrides on top (`WidgetInput::texts`, set in the admin UI), and falls back to
//! the English here. `{n}` and `{name}` are filled in where the text is shown.

macro_rules! widget_texts {
    ($($text:ident = $key:literal => $english:literal,)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum WidgetText {
            $($text,)*
        }

        impl WidgetText {
            pub const ALL: &'static [WidgetText] = &[$(WidgetText::$text,)*];

            /// Its key in locale tables and overrides.
            pub fn key(self) -> &'static str {
                match self {
                    $(WidgetText::$text => $key,)*
                }
            }

            pub fn english(self) -> &'static str {
                match self {
                    $(WidgetText::$text => $english,)*
                }
            }
        }
    };
}

widget_texts! {
    OpenChat = "openChat" => "Open chat",
    CloseChat = "closeChat" => "Close chat",
    Unread = "unread" => "{n} unread",
    Chat = "chat" => "Chat",
    Loading = "loading" => "Loading chat…",
    LoadFailed = "loadFailed" => "The chat could not load. Please try again later.",
    Connecting = "connecting" => "Connecting…",
    Offline = "offline" => "Offline: messages will be sent when you are back",
    ChattingWith = "chattingWith" => "You're chatting with {name}",
    WillReply = "willReply" => "{name} will reply here when back",
    Messages = "messages" => "Messages",
    AgentTyping = "agentTyping" => "Agent is typing…",
    TalkToHuman = "talkToHuman" => "Talk to a human",
    EndedReopen = "endedReopen" => "This conversation has ended. Write below to reopen it.",
    Ended = "ended" => "This conversation has ended.",
    StartNew = "startNew" => "Start a new conversation",
    Placeholder = "placeholder" => "Write a message…",
    MessageLabel = "messageLabel" => "Message",
    Send = "send" => "Send",
    AttachFile = "attachFile" => "Attach a file",
    Uploading = "uploading" => "Uploading file…",
    You = "you" => "You",
    Assistant = "assistant" => "Assistant",
    Agent = "agent" => "Agent",
    Ai = "ai" => "AI",
    Seen = "seen" => "Seen",
    Sending = "sending" => "Sending…",
    NotSentYet = "notSentYet" => "Not sent yet.",
    NotSent = "notSent" => "Not sent:",
    Retry = "retry" => "Retry",
    Sources = "sources" => "Sources:",
    RateLabel = "rate" => "Rate this conversation",
    HowWasIt = "howWasIt" => "How was this conversation?",
    Stars = "stars" => "{n} of 5",
    CommentPrompt = "commentPrompt" => "Thanks! Anything to add? (optional)",
    Comment = "comment" => "Comment",
    Thanks = "thanks" => "Thanks for your feedback!",
    PreChatIntro = "preChatIntro" => "Before we start, tell us how to reach you.",
    Name = "name" => "Name",
    Email = "email" => "Email",
    Optional = "optional" => "(optional)",
    StartChat = "startChat" => "Start chat",
    FollowUpOffer = "followUpOffer" => "Nobody is online right now. Leave your email and we'll send the reply there.",
    FollowUpSend = "followUpSend" => "Email me the reply",
    NoThanks = "noThanks" => "No thanks",
    FollowUpSet = "followUpSet" => "We'll email replies to {email} while you're away.",
}

/// The most characters an override may have.
pub const MAX_WIDGET_TEXT_OVERRIDE_CHARS: usize = 200;

/// The languages the widget has tables for besides English, and those written right to left.
pub const WIDGET_LANGUAGES: [&str; 5] = ["de", "fr", "es", "ar", "ja"];
pub const RIGHT_TO_LEFT: [&str; 1] = ["ar"];

pub fn by_key(key: &str) -> Option<WidgetText> {
    WidgetText::ALL
        .iter()
        .copied()
        .find(|text| text.key() == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_found() {
        for text in WidgetText::ALL {
            assert_eq!(by_key(text.key()), Some(*text));
        }
        assert_eq!(by_key("nope"), None);
    }
}
