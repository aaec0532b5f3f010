//! Who is calling. Principals are axum extractors, so a handler that takes [`Admin`] cannot be
//! reached by an agent, and every authenticated call is rate-limited per user or API key on the
//! way in. An API key is accepted wherever a user is: a full-scope key acts as an admin of its
//! workspace (its sandbox for `test` keys), a read-only key the same but only for GET and HEAD.

pub mod api_key;
pub mod jwt;
pub mod password;

use crate::clock::now_secs;
use crate::error::{ApiError, ApiResult};
use crate::limits;
use crate::routes::AppState;
use crate::store::{self, users};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use jwt::{Claims, TokenKind};
use parley_shared_types::auth::Role;
use parley_shared_types::problem::ErrorCode;
use worker::Env;
use worker::send::SendFuture;

/// Agents' and admins' access tokens live 15 minutes; the refresh token renews them.
pub const ACCESS_TOKEN_SECS: u64 = 15 * 60;
/// A visitor's token lives as long as they may come back to the conversation.
pub const VISITOR_TOKEN_SECS: u64 = 30 * 24 * 3600;
/// Only `wrangler dev` (ENVIRONMENT=development) may run without a configured secret.
const DEV_JWT_SECRET: &str = "parley-local-dev-secret-change-me";

/// A signed-in agent or admin.
#[derive(Debug, Clone)]
pub struct UserPrincipal {
    pub id: String,
    pub workspace_id: String,
    pub role: Role,
    /// An API key acting as an admin, not a person: it holds no seat and is never online.
    pub api_key: bool,
}

/// A widget visitor, who may act only in their own conversation.
#[derive(Debug, Clone)]
pub struct VisitorPrincipal {
    pub visitor_id: String,
    pub workspace_id: String,
    pub conversation_id: String,
}

/// Any signed-in user, agent or admin.
pub struct Agent(pub UserPrincipal);
/// A signed-in admin; agents get 403.
pub struct Admin(pub UserPrincipal);
/// Routes open to both the conversation's visitor and the workspace's users.
pub enum Caller {
    User(UserPrincipal),
    Visitor(VisitorPrincipal),
}

pub fn jwt_secret(env: &Env) -> ApiResult<Vec<u8>> {
    if let Ok(secret) = env.secret("JWT_SECRET") {
        return Ok(secret.to_string().into_bytes());
    }
    if crate::settings::is_development(env) {
        Ok(DEV_JWT_SECRET.as_bytes().to_vec())
    } else {
        Err(ApiError::internal(
            "JWT_SECRET is not set: `wrangler secret put JWT_SECRET`",
        ))
    }
}

pub fn user_token(env: &Env, user: &UserPrincipal) -> ApiResult<String> {
    let who = (&user.id, &user.workspace_id, TokenKind::User);
    sign(env, who, Some(user.role), None, ACCESS_TOKEN_SECS)
}

pub fn visitor_token(env: &Env, visitor: &VisitorPrincipal) -> ApiResult<String> {
    let who = (
        &visitor.visitor_id,
        &visitor.workspace_id,
        TokenKind::Visitor,
    );
    let conversation = Some(visitor.conversation_id.clone());
    sign(env, who, None, conversation, VISITOR_TOKEN_SECS)
}

fn sign(
    env: &Env,
    (subject, workspace_id, kind): (&String, &String, TokenKind),
    role: Option<Role>,
    conv: Option<String>,
    lifetime_secs: u64,
) -> ApiResult<String> {
    let now = now_secs();
    let claims = Claims {
        sub: subject.clone(),
        ws: workspace_id.clone(),
        kind,
        role,
        conv,
        iat: now,
        exp: now + lifetime_secs,
    };
    Ok(jwt::encode(&claims, &jwt_secret(env)?))
}

/// The credential: `Authorization: Bearer …`, or for WebSockets (which cannot set headers)
/// the `access_token` (what SignalR clients send) or `token` (the seed's) query parameter.
fn presented_token(parts: &Parts) -> Option<String> {
    let header = parts
        .headers
        .get(axum::http::header::AUTHORIZATION)
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

async fn authenticate(parts: &Parts, state: &AppState) -> ApiResult<Caller> {
    if let Some(key) = api_key::presented_key(&parts.headers) {
        return authenticate_key(parts, state, &key).await;
    }
    let token = presented_token(parts).ok_or_else(|| {
        ApiError::new(
            ErrorCode::Unauthorized,
            "sign in: no bearer token or API key was sent",
        )
    })?;
    let claims = jwt::decode(&token, &jwt_secret(&state.env)?, now_secs())
        .map_err(|e| ApiError::new(ErrorCode::Unauthorized, e.to_string()))?;
    let caller = match (claims.kind, claims.role, claims.conv) {
        (TokenKind::User, Some(_), None) => {
            Caller::User(current_user(state, claims.ws, claims.sub).await?)
        }
        (TokenKind::Visitor, None, Some(conversation_id)) => Caller::Visitor(VisitorPrincipal {
            visitor_id: claims.sub,
            workspace_id: claims.ws,
            conversation_id,
        }),
        _ => {
            return Err(ApiError::new(
                ErrorCode::Unauthorized,
                "the token's claims do not fit together",
            ));
        }
    };
    match &caller {
        Caller::User(user) => {
            let counter = format!("user:{}", user.id);
            limits::spend(parts, &state.env, &counter, limits::PER_CALLER).await?
        }
        Caller::Visitor(_) => {
            let counter = format!("ip:{}", limits::client_ip(&parts.headers));
            limits::spend(parts, &state.env, &counter, limits::PER_IP).await?
        }
    }
    Ok(caller)
}

/// A key acts as an admin of the workspace it belongs to (its sandbox for `test` keys), so
/// every route that takes a user takes a key too; the key's id stands for the user's.
async fn authenticate_key(parts: &Parts, state: &AppState, key: &str) -> ApiResult<Caller> {
    let key = match api_key::cached(&state.env, key).await? {
        Some(key) => key,
        None => {
            // A key the edge has not seen lately costs a D1 read: an IP gets a few a minute,
            // so guessing keys is slow and past the limit costs no read at all.
            let counter = format!("key-lookup:{}", limits::client_ip(&parts.headers));
            limits::spend(parts, &state.env, &counter, limits::KEY_LOOKUPS_PER_IP).await?;
            api_key::look_up(&state.env, key).await?
        }
    };
    let counter = format!("key:{}", key.key_id);
    limits::spend(
        parts,
        &state.env,
        &counter,
        limits::per_key(key.environment),
    )
    .await?;
    if !api_key::permits(key.scope, &parts.method) {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            "this API key is read-only: it may only GET",
        ));
    }
    Ok(Caller::User(UserPrincipal {
        id: key.key_id,
        workspace_id: key.workspace_id,
        role: Role::Admin,
        api_key: true,
    }))
}

/// The user as stored now, not as the token remembers: a removed user is refused and a role
/// change applies at once, without waiting for the token to expire.
async fn current_user(
    state: &AppState,
    workspace_id: String,
    id: String,
) -> ApiResult<UserPrincipal> {
    let row = users::find(&store::db(&state.env)?, &workspace_id, &id).await?;
    let row =
        row.ok_or_else(|| ApiError::new(ErrorCode::Unauthorized, "this account no longer exists"))?;
    Ok(UserPrincipal {
        role: row.role(),
        id,
        workspace_id,
        api_key: false,
    })
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        let caller = SendFuture::new(authenticate(parts, state)).await?;
        let workspace_id = match &caller {
            Caller::User(user) => &user.workspace_id,
            Caller::Visitor(visitor) => &visitor.workspace_id,
        };
        crate::routes::request_log::note_workspace(parts, workspace_id);
        Ok(caller)
    }
}

impl FromRequestParts<AppState> for Agent {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        match Caller::from_request_parts(parts, state).await? {
            Caller::User(user) => Ok(Agent(user)),
            Caller::Visitor(_) => Err(ApiError::new(
                ErrorCode::Forbidden,
                "this needs an agent or admin, not a visitor token",
            )),
        }
    }
}

impl FromRequestParts<AppState> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
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
