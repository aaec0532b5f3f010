//! `page` + `limit` pagination → `{data, total, page, limit}`, as in the ChatFlow seed; `per_page`
//! as ChatbotPlatform's name for `limit`; `cursor` (the id of the last item seen) as in
//! ChatBotKit, for lists that grow while they are read.

use crate::validate::{FieldErrors, Validator};
use serde::{Deserialize, Serialize};

pub const MAX_PAGE_LIMIT: u32 = 100;
pub const DEFAULT_PAGE_LIMIT: u32 = 20;
/// `Accept: application/jsonl` asks for the whole list as JSON lines.
pub const JSONL_CONTENT_TYPE: &str = "application/jsonl";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    pub data: Vec<T>,
    pub total: u64,
    pub page: u32,
    pub limit: u32,
    /// The id to pass as `cursor` for the next items; absent when this page was the last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// The paging part of every list's query string.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ListQuery {
    #[cfg_attr(feature = "openapi", param(minimum = 1))]
    pub page: Option<u32>,
    /// Page size, at most 100; `per_page` (ChatbotPlatform's name) and `take` (ChatBotKit's)
    /// are the same.
    #[serde(alias = "per_page", alias = "take")]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    pub limit: Option<u32>,
    /// The id of the last item already seen; the list continues after it.
    #[cfg_attr(feature = "openapi", param(format = "uuid"))]
    pub cursor: Option<String>,
}

/// A checked [`ListQuery`]: a page, or the items after `cursor` (then `page` is 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListRequest {
    pub page: PageRequest,
    pub cursor: Option<String>,
}

impl ListQuery {
    pub fn validate(&self, default_limit: u32) -> Result<ListRequest, FieldErrors> {
        let mut check = Validator::new();
        let page = PageRequest::new(self.page, self.limit, default_limit);
        if let Err((field, why)) = &page {
            check.fail(field, why.clone());
        }
        if let Some(cursor) = &self.cursor {
            check.uuid("cursor", cursor);
            if self.page.is_some_and(|page| page != 1) {
                check.fail("page", "a cursor already says where to continue; drop page");
            }
        }
        check.finish()?;
        Ok(ListRequest {
            page: page.map_err(|_| FieldErrors::new())?,
            cursor: self.cursor.clone(),
        })
    }
}

impl ListQuery {
    /// The paging of a query whose other fields are a list's filters, checked into `check`
    /// beside them; finish with [`finish_list`].
    pub fn check_into(&self, check: &mut Validator, default_limit: u32) -> Option<ListRequest> {
        check.merge(self.validate(default_limit))
    }
}

/// Ends the check of a list's query: the checked paging when nothing failed, else every
/// error found.
pub fn finish_list(
    check: &mut Validator,
    list: Option<ListRequest>,
) -> Result<ListRequest, FieldErrors> {
    // Paging that failed its checks left an error, so `list` is there when none is.
    let Some(list) = list else {
        return Err(check.finish().err().unwrap_or_default());
    };
    check.finish()?;
    Ok(list)
}

impl ListRequest {
    /// The same starting point without a page size: the whole rest of the list.
    pub fn everything(&self) -> ListRequest {
        ListRequest {
            page: PageRequest {
                page: 1,
                limit: u32::MAX,
            },
            cursor: self.cursor.clone(),
        }
    }
}

/// A validated page request: `page` ≥ 1, 1 ≤ `limit` ≤ [`MAX_PAGE_LIMIT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub page: u32,
    pub limit: u32,
}

impl PageRequest {
    pub fn new(
        page: Option<u32>,
        limit: Option<u32>,
        default_limit: u32,
    ) -> Result<Self, (&'static str, String)> {
        let page = page.unwrap_or(1);
        let limit = limit.unwrap_or(default_limit);
        if page == 0 {
            return Err(("page", "must be 1 or more".into()));
        }
        if limit == 0 || limit > MAX_PAGE_LIMIT {
            return Err(("limit", format!("must be between 1 and {MAX_PAGE_LIMIT}")));
        }
        Ok(PageRequest { page, limit })
    }

    pub fn offset(self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.limit)
    }

    pub fn of<T>(self, data: Vec<T>, total: u64) -> Page<T> {
        Page {
            data,
            total,
            page: self.page,
            limit: self.limit,
            next_cursor: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_bounds() {
        assert_eq!(
            PageRequest::new(None, None, 20).unwrap(),
            PageRequest { page: 1, limit: 20 }
        );
        assert_eq!(
            PageRequest::new(Some(3), Some(50), 20).unwrap().offset(),
            100
        );
        assert_eq!(PageRequest::new(Some(0), None, 20).unwrap_err().0, "page");
        assert_eq!(
            PageRequest::new(None, Some(101), 20).unwrap_err().0,
            "limit"
        );
        assert_eq!(PageRequest::new(None, Some(0), 20).unwrap_err().0, "limit");
    }

    fn query(pairs: &str) -> ListQuery {
        serde_json::from_str(pairs).unwrap()
    }

    #[test]
    fn per_page_is_limit_and_a_cursor_continues_from_page_one() {
        let request = query(r#"{"per_page": 5}"#).validate(20).unwrap();
        assert_eq!(request.page, PageRequest { page: 1, limit: 5 });
        let cursor = "3f0c3a52-6d1e-4c6b-9b1a-2f1d7e0c9a01";
        let request = query(&format!(r#"{{"cursor": "{cursor}"}}"#))
            .validate(20)
            .unwrap();
        assert_eq!(request.cursor.as_deref(), Some(cursor));
        assert_eq!(request.everything().page.limit, u32::MAX);
        let errors = query(r#"{"cursor": "x", "page": 2, "limit": 0}"#)
            .validate(20)
            .unwrap_err();
        assert_eq!(
            errors.keys().collect::<Vec<_>>(),
            ["cursor", "limit", "page"]
        );
    }
}
