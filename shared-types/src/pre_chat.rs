//! A widget's pre-chat form: what the visitor is asked before their first message (a name, an
//! email address, a consent checkbox), always or only while nobody answers live.

use crate::validate::{FieldErrors, Validator};
use serde::{Deserialize, Serialize};

pub const MAX_CONSENT_CHARS: usize = 300;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", default)]
pub struct PreChat {
    /// Off: the visitor writes at once.
    pub enabled: bool,
    pub name: Ask,
    pub email: Ask,
    /// A checkbox with `consentText` beside it.
    pub consent: Ask,
    /// What the visitor agrees to (e.g. how their details are used).
    pub consent_text: String,
    /// Asked only while no agent answers live (outside business hours or nobody online).
    pub only_when_offline: bool,
}

/// Whether a field is on the form, and whether the visitor must fill it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Ask {
    #[default]
    Off,
    Optional,
    Required,
}

impl Ask {
    pub const ALL: [Ask; 3] = [Ask::Off, Ask::Optional, Ask::Required];

    pub fn as_str(self) -> &'static str {
        match self {
            Ask::Off => "off",
            Ask::Optional => "optional",
            Ask::Required => "required",
        }
    }

    pub fn parse(text: &str) -> Option<Ask> {
        Ask::ALL.into_iter().find(|ask| ask.as_str() == text)
    }
}

impl PreChat {
    /// Whether the form comes before a visitor's first message, given whether an agent
    /// answers live now.
    pub fn asks(&self, agents_online: bool) -> bool {
        let asks_something = [self.name, self.email, self.consent]
            .iter()
            .any(|ask| *ask != Ask::Off);
        self.enabled && asks_something && !(self.only_when_offline && agents_online)
    }

    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut check = Validator::new();
        check.max_chars("preChat.consentText", &self.consent_text, MAX_CONSENT_CHARS);
        if self.consent != Ask::Off && self.consent_text.trim().is_empty() {
            check.fail(
                "preChat.consentText",
                "is required when the form asks for consent",
            );
        }
        check.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(email: Ask, only_when_offline: bool) -> PreChat {
        PreChat {
            enabled: true,
            email,
            only_when_offline,
            ..PreChat::default()
        }
    }

    #[test]
    fn asks_when_on_with_a_field_and_not_while_agents_answer_if_only_offline() {
        assert!(form(Ask::Required, false).asks(true));
        assert!(form(Ask::Optional, true).asks(false));
        assert!(!form(Ask::Optional, true).asks(true));
        assert!(!form(Ask::Off, false).asks(false), "nothing to ask");
        let off = PreChat {
            enabled: false,
            ..form(Ask::Required, false)
        };
        assert!(!off.asks(false));
    }

    #[test]
    fn consent_needs_its_text() {
        let mut consent = PreChat {
            consent: Ask::Required,
            ..form(Ask::Off, false)
        };
        let errors = consent.validate().unwrap_err();
        assert!(errors.contains_key("preChat.consentText"), "{errors:?}");
        consent.consent_text = "I agree that Acme stores my details to answer me.".into();
        assert!(consent.validate().is_ok());
        assert_eq!(Ask::parse("required"), Some(Ask::Required));
        assert_eq!(Ask::parse("maybe"), None);
    }
}
