//! Replies by email for a visitor who is away: they leave an address in the widget while
//! nobody answers live, and what the team writes while they are gone is emailed to them with
//! a link that reopens the conversation on the page they wrote from.

use crate::validate::{FieldErrors, Validator};
use serde::{Deserialize, Serialize};

/// Longest page address a follow-up link may return to.
pub const MAX_PAGE_URL_CHARS: usize = 2000;

/// `POST /api/conversations/{id}/follow-up`, by the conversation's visitor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct FollowUpRequest {
    pub email: String,
    /// Ticked beside the widget's consent text; required when the widget has one.
    #[serde(default)]
    pub consent: bool,
    /// The page the visitor writes from: the emailed link reopens the chat there. It must be
    /// on one of the widget's allowed origins.
    pub page_url: String,
}

impl FollowUpRequest {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut check = Validator::new();
        check.email("email", self.email.trim());
        let web = self.page_url.starts_with("https://") || self.page_url.starts_with("http://");
        if !web {
            check.fail("pageUrl", "must be an http(s) address");
        }
        check.max_chars("pageUrl", &self.page_url, MAX_PAGE_URL_CHARS);
        check.finish()
    }
}

/// Where a visitor's replies go while they are away.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct FollowUp {
    pub email: String,
}

/// `POST /api/widgets/{id}/resume`: the token of an emailed link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ResumeRequest {
    pub token: String,
}

/// The fragment an emailed link carries (`#parley-resume=<token>`), which the loader reads.
pub const RESUME_FRAGMENT: &str = "parley-resume=";

/// `page_url` (its own fragment dropped) with the fragment that resumes the conversation.
pub fn resume_link(page_url: &str, token: &str) -> String {
    let page = page_url.split('#').next().unwrap_or_default();
    String::from(page) + "#" + RESUME_FRAGMENT + token
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(email: &str, page_url: &str) -> FollowUpRequest {
        FollowUpRequest {
            email: email.into(),
            consent: true,
            page_url: page_url.into(),
        }
    }

    #[test]
    fn an_address_and_a_web_page_are_needed() {
        assert_eq!(
            request("ana@example.com", "https://shop.example/help").validate(),
            Ok(())
        );
        let errors = request("not-an-address", "javascript:alert(1)")
            .validate()
            .unwrap_err();
        assert!(errors.contains_key("email") && errors.contains_key("pageUrl"));
    }

    #[test]
    fn the_link_returns_to_the_page_with_the_token_in_its_fragment() {
        assert_eq!(
            resume_link("https://shop.example/help?x=1#faq", "t.o.k"),
            "https://shop.example/help?x=1#parley-resume=t.o.k"
        );
    }
}
