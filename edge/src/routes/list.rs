//! Every list answers the same way: `page` + `limit` (or `per_page`) pages, or `cursor` (the id
//! of the last item seen) for lists that grow, as `{data, total, page, limit, nextCursor}`;
//! with `Accept: application/jsonl` the whole list (after `cursor`, if given) as JSON lines.
//!
//! A handler takes a [`Listing`], passes `listing.request()` to its store query, and returns
//! `listing.page(items, total, id_of)`; the short lists ChatFlow answers as plain arrays
//! (users, widgets) return [`array`]`(headers, items)`.

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use axum::extract::{FromRequestParts, Query};
use axum::http::{HeaderMap, HeaderValue, header, request::Parts};
use axum::response::{IntoResponse, Json, Response};
use parley_shared_types::page::{
    DEFAULT_PAGE_LIMIT, JSONL_CONTENT_TYPE, ListQuery, ListRequest, Page,
};
use serde::Serialize;

/// The extractor; `DEFAULT_LIMIT` is the page size when the caller names none.
pub struct Listing<const DEFAULT_LIMIT: u32 = DEFAULT_PAGE_LIMIT> {
    request: ListRequest,
    jsonl: bool,
}

impl<const DEFAULT_LIMIT: u32> Listing<DEFAULT_LIMIT> {
    /// For lists whose query checks its paging together with its filters.
    pub fn new(request: ListRequest, headers: &HeaderMap) -> Self {
        Listing {
            request,
            jsonl: wants_jsonl(headers),
        }
    }

    /// What to read: one page, or everything (from the cursor on) for JSON lines.
    pub fn request(&self) -> ListRequest {
        if self.jsonl {
            self.request.everything()
        } else {
            self.request.clone()
        }
    }

    /// A page as `{data,total,page,limit,nextCursor}`, or its items as JSON lines.
    pub fn page<T: Serialize>(self, data: Vec<T>, total: u64, id_of: fn(&T) -> &str) -> Response {
        let request = self.request.page;
        let page = |data, next_cursor| Page {
            next_cursor,
            ..request.of(data, total)
        };
        self.framed(data, id_of, page, |item| item)
    }

    /// The items framed as a dialect frames them: `page(items, next cursor)` (the cursor is
    /// set while a page came back full), or one `line(item)` per JSON line.
    pub fn framed<T, P: Serialize, L: Serialize>(
        self,
        data: Vec<T>,
        id_of: fn(&T) -> &str,
        page: impl FnOnce(Vec<T>, Option<String>) -> P,
        line: fn(T) -> L,
    ) -> Response {
        if self.jsonl {
            let lines: Vec<L> = data.into_iter().map(line).collect();
            return json_lines(&lines);
        }
        let next_cursor = (data.len() == self.request.page.limit as usize)
            .then(|| data.last().map(|last| id_of(last).to_owned()))
            .flatten();
        Json(page(data, next_cursor)).into_response()
    }
}

/// A short list the contract answers as a plain JSON array, unpaged (or as JSON lines).
pub fn array<T: Serialize>(headers: &HeaderMap, data: Vec<T>) -> Response {
    if wants_jsonl(headers) {
        json_lines(&data)
    } else {
        Json(data).into_response()
    }
}

fn wants_jsonl(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains(JSONL_CONTENT_TYPE))
}

fn json_lines<T: Serialize>(items: &[T]) -> Response {
    let mut body = String::new();
    for item in items {
        match serde_json::to_string(item) {
            Ok(line) => {
                body.push_str(&line);
                body.push('\n');
            }
            Err(e) => return ApiError::internal(e).into_response(),
        }
    }
    let mut response = body.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(JSONL_CONTENT_TYPE),
    );
    response
}

impl<S: Send + Sync, const DEFAULT_LIMIT: u32> FromRequestParts<S> for Listing<DEFAULT_LIMIT> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> ApiResult<Self> {
        let state = &AppState::of(parts)?;
        let Query(query) = Query::<ListQuery>::from_request_parts(parts, state).await?;
        let request = query
            .validate(DEFAULT_LIMIT)
            .map_err(|errors| ApiError::validation("the query is not valid", errors))?;
        Ok(Listing::new(request, &parts.headers))
    }
}
