//! Extractors: JSON bodies and queries whose rejections are problem JSON, and the principals
//! (every authenticated call is rate-limited per user, API key or visitor IP on the way in).

use super::rate_limit::{charge, client_ip};
use crate::AppState;
use crate::auth::{self, Caller, UserPrincipal, api_key};
use crate::domain::sub_accounts;
use crate::error::{ApiError, ApiResult};
use crate::limits;
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::{HeaderMap, Method, Uri, header, request::Parts};
use parley_shared_types::api_key::{KEY_PREFIX, KeyScope};
use parley_shared_types::auth::Role;
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::sub_account::RUN_AS_HEADER;
use parley_shared_types::validate::FieldErrors;
use serde::de::DeserializeOwned;
use std::time::Duration;
use worker::send::SendFuture;

pub const API_KEY_HEADER: &str = "x-api-key";

/// How long a request body may take to arrive. Bodies are JSON (messages, settings, at most
/// [`MAX_BODY_BYTES`]): a person's upload finishes well within it, while a client trickling
/// bytes to hold the request open (slow-loris) is cut off.
pub const BODY_DEADLINE: Duration = Duration::from_secs(15);
/// axum's default body limit.
const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// A JSON body whose every rejection (bad JSON, wrong types, missing content type, too large,
/// too slow) is problem JSON.
pub struct Body<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> ApiResult<Self> {
        let (parts, body) = request.into_parts();
        let bytes = SendFuture::new(within_deadline(axum::body::to_bytes(body, MAX_BODY_BYTES)))
            .await?
            .map_err(|_| {
                ApiError::new(
                    ErrorCode::BadRequest,
                    "the request body is over 2 MiB or was cut off",
                )
            })?;
        let request = Request::from_parts(parts, axum::body::Body::from(bytes));
        let axum::Json(value) = axum::Json::<T>::from_request(request, state).await?;
        Ok(Body(value))
    }
}

/// A body as its exact text, for a signature that covers its bytes (platforms' callbacks).
pub struct RawBody(pub String);

impl<S: Send + Sync> FromRequest<S> for RawBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, _state: &S) -> ApiResult<Self> {
        let bytes = SendFuture::new(within_deadline(axum::body::to_bytes(
            request.into_body(),
            MAX_BODY_BYTES,
        )))
        .await?
        .map_err(|_| {
            ApiError::new(
                ErrorCode::BadRequest,
                "the request body is over 2 MiB or was cut off",
            )
        })?;
        String::from_utf8(bytes.to_vec())
            .map(RawBody)
            .map_err(|_| ApiError::new(ErrorCode::BadRequest, "the request body is not UTF-8"))
    }
}

/// How long an uploaded file may take to arrive: 10 MiB from a phone on a slow line.
pub const UPLOAD_DEADLINE: Duration = Duration::from_secs(120);

/// An uploaded file's bytes, up to `max`: a `Content-Length` over it is refused before a byte
/// is read (413), as is a body that turns out longer.
pub async fn upload(headers: &HeaderMap, body: axum::body::Body, max: u64) -> ApiResult<Vec<u8>> {
    let announced = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|length| length.to_str().ok()?.parse::<u64>().ok());
    if announced.is_some_and(|length| length > max) {
        return Err(crate::domain::attachments::too_large());
    }
    let reading = axum::body::to_bytes(body, max as usize);
    let bytes = SendFuture::new(within(UPLOAD_DEADLINE, reading))
        .await?
        .map_err(|error| {
            let over = error
                .into_inner()
                .downcast_ref::<http_body_util::LengthLimitError>()
                .is_some();
            if over {
                crate::domain::attachments::too_large()
            } else {
                ApiError::new(ErrorCode::BadRequest, "the upload was cut off")
            }
        })?;
    Ok(bytes.to_vec())
}

/// `reading`, unless the body takes longer than [`BODY_DEADLINE`].
async fn within_deadline<T>(reading: impl Future<Output = T>) -> ApiResult<T> {
    within(BODY_DEADLINE, reading).await
}

/// `reading`, unless it takes longer than `limit`.
async fn within<T>(limit: Duration, reading: impl Future<Output = T>) -> ApiResult<T> {
    let deadline = worker::Delay::from(limit);
    match futures_util::future::select(std::pin::pin!(reading), deadline).await {
        futures_util::future::Either::Left((read, _)) => Ok(read),
        futures_util::future::Either::Right(_) => Err(ApiError::new(
            ErrorCode::RequestTimeout,
            format!(
                "the request body did not arrive within {} seconds",
                limit.as_secs()
            ),
        )),
    }
}

/// The Worker's bindings and the request's context, which `routes::router` left in the
/// request's extensions.
impl<S: Send + Sync> FromRequestParts<S> for AppState {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> ApiResult<Self> {
        AppState::of(parts)
    }
}

impl AppState {
    pub fn of(parts: &Parts) -> ApiResult<AppState> {
        parts
            .extensions
            .get::<AppState>()
            .cloned()
            .ok_or_else(|| ApiError::internal("the request reached a route without its state"))
    }
}

/// Query parameters whose rejections are problem JSON.
pub struct Params<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> ApiResult<Self> {
        let Query(value) = Query::<T>::from_request_parts(parts, state).await?;
        Ok(Params(value))
    }
}

/// Any signed-in user, agent or admin.
pub struct Agent(pub UserPrincipal);
/// A signed-in admin; agents get 403.
pub struct Admin(pub UserPrincipal);

/// The credential: `Authorization: Bearer …`, or for WebSockets (which cannot set headers)
/// the `access_token` (what SignalR clients send) or `token` (the seed's) query parameter.
fn presented_token(parts: &Parts) -> Option<String> {
    let header = parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    if let Some((scheme, token)) = header.and_then(|h| h.split_once(' '))
        && scheme.eq_ignore_ascii_case("bearer")
    {
        return Some(token.trim().to_owned());
    }
    let query = parts.uri.query()?;
    query
        .split('&')
        .find_map(|pair| match pair.split_once('=') {
            Some(("access_token" | "token", value)) if !value.is_empty() => Some(value.to_owned()),
            _ => None,
        })
}

/// The API key a request presents, in any of the three accepted styles:
/// `Authorization: Bearer pk_…`, `Authorization: Token pk_…` or `X-API-KEY: pk_…`.
/// A bearer credential that is not a key is left for the JWT check.
pub fn presented_key(headers: &HeaderMap) -> Option<String> {
    if let Some(key) = headers.get(API_KEY_HEADER).and_then(|v| v.to_str().ok()) {
        return Some(key.trim().to_owned());
    }
    let authorization = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, credential) = authorization.split_once(' ')?;
    let credential = credential.trim();
    let is_key = credential.starts_with(KEY_PREFIX);
    let accepted =
        scheme.eq_ignore_ascii_case("token") || (scheme.eq_ignore_ascii_case("bearer") && is_key);
    accepted.then(|| credential.to_owned())
}

/// What a key may do with a request of `method`: read-only keys only read.
pub fn permits(scope: KeyScope, method: &Method) -> bool {
    scope == KeyScope::Full || matches!(*method, Method::GET | Method::HEAD)
}

async fn authenticate(parts: &Parts, state: &AppState) -> ApiResult<Caller> {
    if let Some(key) = presented_key(&parts.headers) {
        return authenticate_key(parts, state, &key).await;
    }
    let token = presented_token(parts).ok_or_else(|| {
        ApiError::new(
            ErrorCode::Unauthorized,
            "sign in: no bearer token or API key was sent",
        )
    })?;
    let caller = auth::caller_of_token(&state.env, &token).await?;
    match &caller {
        Caller::User(user) => {
            let counter = format!("user:{}", user.id);
            charge(parts, &state.env, &counter, limits::PER_CALLER).await?
        }
        Caller::Visitor(_) => {
            let counter = format!("ip:{}", client_ip(&parts.headers));
            charge(parts, &state.env, &counter, limits::PER_IP).await?
        }
    }
    Ok(caller)
}

/// A key acts as an admin of its workspace (see [`auth::key_user`]).
async fn authenticate_key(parts: &Parts, state: &AppState, key: &str) -> ApiResult<Caller> {
    let key = match api_key::cached(&state.env, key).await? {
        Some(key) => key,
        None => {
            // A key the edge has not seen lately costs a D1 read: an IP gets a few a minute,
            // so guessing keys is slow and past the limit costs no read at all.
            let counter = format!("key-lookup:{}", client_ip(&parts.headers));
            charge(parts, &state.env, &counter, limits::KEY_LOOKUPS_PER_IP).await?;
            api_key::look_up(&state.env, key).await?
        }
    };
    let counter = format!("key:{}", key.key_id);
    charge(parts, &state.env, &counter, key.requests_per_minute).await?;
    if !permits(key.scope, &parts.method) {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            "this API key is read-only: it may only GET",
        ));
    }
    Ok(Caller::User(auth::key_user(key)))
}

/// `X-RunAs-UserId: <child id>` moves the request into a sub-account of the caller's
/// workspace, where it acts as the sub-account itself (ChatBotKit's user assumption): an admin
/// that, like a key, is no person (no seat, never online), and whose id is the child's, so
/// nothing the child keeps (a note's author, a personal canned response's owner) names the
/// parent's users or keys. A read-only key stays read-only (checked before). Only an admin or
/// an API key may ask; an id that is not a child of the caller's workspace is 404.
async fn run_as(parts: &Parts, state: &AppState, caller: Caller) -> ApiResult<Caller> {
    let Some(child_id) = parts.headers.get(RUN_AS_HEADER) else {
        return Ok(caller);
    };
    // A value that is not text names no workspace: it reads as one that does not exist.
    let child_id = child_id.to_str().unwrap_or("?").trim();
    if child_id.is_empty() {
        return Ok(caller);
    }
    match caller {
        Caller::User(user) if user.role == Role::Admin => {
            let workspace_id =
                sub_accounts::run_as(&state.env, &user.workspace_id, child_id).await?;
            Ok(Caller::User(UserPrincipal {
                id: workspace_id.clone(),
                workspace_id,
                role: Role::Admin,
                api_key: true,
            }))
        }
        _ => Err(ApiError::new(
            ErrorCode::Forbidden,
            "only an admin or an API key of the parent account may act in a sub-account",
        )),
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> ApiResult<Self> {
        let state = &AppState::of(parts)?;
        let caller = SendFuture::new(authenticate(parts, state)).await?;
        let caller = SendFuture::new(run_as(parts, state, caller)).await?;
        let workspace_id = match &caller {
            Caller::User(user) => &user.workspace_id,
            Caller::Visitor(visitor) => &visitor.workspace_id,
        };
        super::request_log::note_workspace(parts, workspace_id);
        Ok(caller)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Agent {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> ApiResult<Self> {
        let state = &AppState::of(parts)?;
        match Caller::from_request_parts(parts, state).await? {
            Caller::User(user) => Ok(Agent(user)),
            Caller::Visitor(_) => Err(ApiError::new(
                ErrorCode::Forbidden,
                "this needs an agent or admin, not a visitor token",
            )),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> ApiResult<Self> {
        let state = &AppState::of(parts)?;
        let Agent(user) = Agent::from_request_parts(parts, state).await?;
        if user.role == Role::Admin {
            Ok(Admin(user))
        } else {
            Err(ApiError::new(
                ErrorCode::Forbidden,
                "this needs the admin role",
            ))
        }
    }
}

/// A request that was read but failed its rules becomes a 422 with every field's errors.
pub fn valid(result: Result<(), FieldErrors>) -> ApiResult<()> {
    result.map_err(|errors| ApiError::validation("the request is not valid", errors))
}

/// A URL Parley will fetch (a knowledge page, a model endpoint) must be one the deployment's
/// host policy allows; otherwise the request is refused before anything is stored.
pub fn fetchable(env: &worker::Env, field: &str, url: Option<&str>) -> ApiResult<()> {
    let Some(url) = url else { return Ok(()) };
    let policy = crate::outbound::policy(env, crate::outbound::Purpose::Fetch);
    parley_shared_types::outbound::check(url, policy)
        .map(drop)
        .map_err(|why| {
            ApiError::validation(
                "the request is not valid",
                [(field.to_owned(), vec![format!("the URL {why}")])].into(),
            )
        })
}

/// This deployment's own origin, as the request reached it.
pub fn public_origin(uri: &Uri, headers: &HeaderMap) -> String {
    let host = uri.authority().map(|a| a.as_str().to_owned()).or_else(|| {
        headers
            .get("host")
            .and_then(|h| h.to_str().ok())
            .map(str::to_owned)
    });
    let scheme = uri.scheme_str().unwrap_or("https");
    host.map_or_else(String::new, |host| format!("{scheme}://{host}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(name: &'static str, value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(name, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn accepts_the_three_header_styles() {
        for (name, value) in [
            ("authorization", "Bearer pk_live_abc"),
            ("authorization", "Token pk_live_abc"),
            ("authorization", "token pk_live_abc"),
            ("x-api-key", "pk_live_abc"),
        ] {
            assert_eq!(
                presented_key(&headers(name, value)).as_deref(),
                Some("pk_live_abc"),
                "{name}: {value}"
            );
        }
    }

    #[test]
    fn a_bearer_jwt_is_not_a_key() {
        assert_eq!(
            presented_key(&headers("authorization", "Bearer eyJhbGci.x.y")),
            None
        );
        assert_eq!(presented_key(&HeaderMap::new()), None);
    }

    #[test]
    fn read_only_keys_only_read() {
        assert!(permits(KeyScope::Read, &Method::GET));
        assert!(permits(KeyScope::Read, &Method::HEAD));
        assert!(!permits(KeyScope::Read, &Method::POST));
        assert!(!permits(KeyScope::Read, &Method::DELETE));
        assert!(permits(KeyScope::Full, &Method::DELETE));
    }
}
