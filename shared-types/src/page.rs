//! `page` + `limit` pagination → `{data, total, page, limit}`, as in the ChatFlow seed.

use serde::{Deserialize, Serialize};

pub const MAX_PAGE_LIMIT: u32 = 100;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    pub data: Vec<T>,
    pub total: u64,
    pub page: u32,
    pub limit: u32,
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
}
