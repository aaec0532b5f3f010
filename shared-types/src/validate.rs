//! Field validation shared by the edge (which enforces it) and the UIs (which show it early).

use std::collections::BTreeMap;

/// Field name → what is wrong with it; rendered as the problem's `errors`.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

/// Collects every problem with a request before answering, so one round trip shows them all.
#[derive(Debug, Default)]
pub struct Validator {
    errors: FieldErrors,
}

impl Validator {
    pub fn new() -> Self {
        Validator::default()
    }

    pub fn fail(&mut self, field: &str, why: impl Into<String>) {
        self.errors
            .entry(field.to_owned())
            .or_default()
            .push(why.into());
    }

    /// Non-blank text of at most `max` characters.
    pub fn text(&mut self, field: &str, value: &str, max: usize) -> &mut Self {
        if value.trim().is_empty() {
            self.fail(field, "must not be empty");
        }
        self.max_chars(field, value, max)
    }

    pub fn max_chars(&mut self, field: &str, value: &str, max: usize) -> &mut Self {
        let chars = value.chars().count();
        if chars > max {
            self.fail(
                field,
                format!("must be at most {max} characters (got {chars})"),
            );
        }
        self
    }

    pub fn email(&mut self, field: &str, value: &str) -> &mut Self {
        if !is_email(value) {
            self.fail(field, "must be an email address");
        }
        self.max_chars(field, value, MAX_EMAIL_CHARS)
    }

    pub fn password(&mut self, field: &str, value: &str) -> &mut Self {
        let chars = value.chars().count();
        if chars < MIN_PASSWORD_CHARS {
            self.fail(
                field,
                format!("must be at least {MIN_PASSWORD_CHARS} characters"),
            );
        }
        self.max_chars(field, value, MAX_PASSWORD_CHARS)
    }

    pub fn uuid(&mut self, field: &str, value: &str) -> &mut Self {
        if !is_uuid(value) {
            self.fail(field, "must be a UUID");
        }
        self
    }

    /// Adds the errors of a part checked on its own (e.g. a list query's paging).
    pub fn merge<T>(&mut self, checked: Result<T, FieldErrors>) -> Option<T> {
        match checked {
            Ok(value) => Some(value),
            Err(errors) => {
                for (field, whys) in errors {
                    self.errors.entry(field).or_default().extend(whys);
                }
                None
            }
        }
    }

    pub fn finish(&mut self) -> Result<(), FieldErrors> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(std::mem::take(&mut self.errors))
        }
    }
}

pub const MAX_NAME_CHARS: usize = 100;
pub const MAX_EMAIL_CHARS: usize = 254;
pub const MIN_PASSWORD_CHARS: usize = 8;
pub const MAX_PASSWORD_CHARS: usize = 256;

/// Deliberately loose (one `@`, a dot in the domain, no spaces): the real check is the mail.
pub fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !value
            .chars()
            .any(|c| c.is_whitespace() || c == '<' || c == '>')
        && !domain.contains('@')
}

/// The canonical hyphenated form, any case.
pub fn is_uuid(value: &str) -> bool {
    value.len() == 36
        && value.char_indices().all(|(i, c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

/// `#rgb` or `#rrggbb`.
pub fn is_hex_color(value: &str) -> bool {
    value
        .strip_prefix('#')
        .is_some_and(|hex| matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit()))
}

/// What was wrong with each field, in words: "Base URL is required; max tokens must be at
/// least 1".
pub fn describe(errors: &FieldErrors) -> String {
    let text = errors
        .iter()
        // Concatenated, not formatted: the widget shows this and carries no `core::fmt`.
        .map(|(field, whys)| field_words(field) + " " + &whys.join(", "))
        .collect::<Vec<_>>()
        .join("; ");
    capitalized(&text)
}

/// Text with a capital first letter (ASCII: field names and Parley's own wording, and it
/// keeps Unicode's case tables out of the widget).
pub fn capitalized(text: &str) -> String {
    let mut text = text.to_owned();
    if let Some(first) = text.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    text
}

/// A field's JSON name as words: "baseUrl" → "base URL", "settings.maxTokens" → "max
/// tokens".
fn field_words(field: &str) -> String {
    let name = field.rsplit('.').next().unwrap_or(field);
    let mut words: Vec<String> = Vec::new();
    for c in name.chars() {
        if c.is_ascii_uppercase() || words.is_empty() {
            words.push(String::new());
        }
        if let Some(word) = words.last_mut() {
            word.push(c.to_ascii_lowercase());
        }
    }
    words
        .into_iter()
        .map(|word| match word.as_str() {
            "url" | "api" | "id" | "ai" => word.to_ascii_uppercase(),
            _ => word,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_every_error_per_field() {
        let errors = Validator::new()
            .text("name", " ", 10)
            .email("email", "nope")
            .password("password", "short")
            .finish()
            .unwrap_err();
        assert_eq!(errors["name"], ["must not be empty"]);
        assert_eq!(errors["email"], ["must be an email address"]);
        assert_eq!(errors["password"], ["must be at least 8 characters"]);
        assert!(Validator::new().text("name", "Ada", 10).finish().is_ok());
    }

    #[test]
    fn recognises_emails_uuids_and_colors() {
        assert!(is_email("agent@company.com"));
        assert!(
            !is_email("agent@company")
                && !is_email("@company.com")
                && !is_email("a b@c.com")
                && !is_email("a@b@c.com")
        );
        assert!(is_uuid("3F0C3A52-6d1e-4c6b-9b1a-2f1d7e0c9a01"));
        assert!(!is_uuid("3f0c3a526d1e4c6b9b1a2f1d7e0c9a01") && !is_uuid("widget-uuid"));
        assert!(is_hex_color("#6366f1") && is_hex_color("#FFF"));
        assert!(!is_hex_color("6366f1") && !is_hex_color("#6366f") && !is_hex_color("#ggg"));
    }

    #[test]
    fn field_errors_read_as_words() {
        assert_eq!(
            capitalized("élan"),
            "élan",
            "a first letter beyond ASCII stays"
        );
        assert_eq!(capitalized(""), "");
        let mut errors = FieldErrors::new();
        errors.insert("baseUrl".into(), vec!["is required".into()]);
        errors.insert(
            "settings.maxTokens".into(),
            vec!["must be at least 1".into(), "x".into()],
        );
        errors.insert("apiKey".into(), vec!["is too long".into()]);
        assert_eq!(
            describe(&errors),
            "API key is too long; base URL is required; max tokens must be at least 1, x"
        );
        assert_eq!(describe(&FieldErrors::new()), "");
    }
}
