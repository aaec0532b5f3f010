//! Who is calling: tokens, API keys and the principals they stand for. The HTTP layer makes
//! extractors of them (`routes/extract.rs`), so a handler that takes `Admin` cannot be
//! reached by an agent. An API key is accepted wherever a user is: a full-scope key acts as an
//! admin of its workspace (its sandbox for `test` keys), a read-only key the same but only for
//! GET and HEAD.

pub mod api_key;
pub mod jwt;
pub mod password;

use crate::clock::now_secs;
use crate::error::{ApiError, ApiResult};
use crate::store::{self, users};
use jwt::{Claims, TokenKind};
use parley_shared_types::auth::Role;
use parley_shared_types::problem::ErrorCode;
use worker::Env;

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

/// How long an emailed link back to a conversation works.
pub const RESUME_TOKEN_SECS: u64 = 7 * 24 * 3600;
/// How long an emailed unsubscribe link works: as long as the emails may still come.
pub const UNSUBSCRIBE_TOKEN_SECS: u64 = 365 * 24 * 3600;

/// The token of an emailed link that reopens `visitor`'s conversation.
pub fn resume_token(env: &Env, visitor: &VisitorPrincipal) -> ApiResult<String> {
    let who = (
        &visitor.visitor_id,
        &visitor.workspace_id,
        TokenKind::Resume,
    );
    let conversation = Some(visitor.conversation_id.clone());
    sign(env, who, None, conversation, RESUME_TOKEN_SECS)
}

/// The token of an emailed link that stops `visitor`'s conversation's emails.
pub fn unsubscribe_token(env: &Env, visitor: &VisitorPrincipal) -> ApiResult<String> {
    let who = (
        &visitor.visitor_id,
        &visitor.workspace_id,
        TokenKind::Unsubscribe,
    );
    let conversation = Some(visitor.conversation_id.clone());
    sign(env, who, None, conversation, UNSUBSCRIBE_TOKEN_SECS)
}

/// The visitor an emailed link of `kind` names; a link of another kind, tampered with or
/// expired is refused (401).
pub fn linked_visitor(env: &Env, token: &str, kind: TokenKind) -> ApiResult<VisitorPrincipal> {
    let claims = jwt::decode(token, &jwt_secret(env)?, now_secs()).map_err(|e| {
        ApiError::new(
            ErrorCode::Unauthorized,
            format!("this link is not valid: {e}"),
        )
    })?;
    match claims.conv {
        Some(conversation_id) if claims.kind == kind && claims.role.is_none() => {
            Ok(VisitorPrincipal {
                visitor_id: claims.sub,
                workspace_id: claims.ws,
                conversation_id,
            })
        }
        _ => Err(ApiError::new(
            ErrorCode::Unauthorized,
            "this link is not valid here",
        )),
    }
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

/// Who a bearer token says is calling: a user as stored now, or a visitor of one
/// conversation.
pub async fn caller_of_token(env: &Env, token: &str) -> ApiResult<Caller> {
    let claims = jwt::decode(token, &jwt_secret(env)?, now_secs())
        .map_err(|e| ApiError::new(ErrorCode::Unauthorized, e.to_string()))?;
    match (claims.kind, claims.role, claims.conv) {
        (TokenKind::User, Some(_), None) => Ok(Caller::User(
            current_user(env, claims.ws, claims.sub).await?,
        )),
        (TokenKind::Visitor, None, Some(conversation_id)) => {
            Ok(Caller::Visitor(VisitorPrincipal {
                visitor_id: claims.sub,
                workspace_id: claims.ws,
                conversation_id,
            }))
        }
        _ => Err(ApiError::new(
            ErrorCode::Unauthorized,
            "the token's claims do not fit together",
        )),
    }
}

/// A key acts as an admin of the workspace it belongs to (its sandbox for `test` keys), so
/// every route that takes a user takes a key too; the key's id stands for the user's.
pub fn key_user(key: api_key::KeyPrincipal) -> UserPrincipal {
    UserPrincipal {
        id: key.key_id,
        workspace_id: key.workspace_id,
        role: Role::Admin,
        api_key: true,
    }
}

/// The user as stored now, not as the token remembers: a removed user is refused and a role
/// change applies at once, without waiting for the token to expire.
async fn current_user(env: &Env, workspace_id: String, id: String) -> ApiResult<UserPrincipal> {
    let row = users::find(&store::db(env)?, &workspace_id, &id).await?;
    let row =
        row.ok_or_else(|| ApiError::new(ErrorCode::Unauthorized, "this account no longer exists"))?;
    Ok(UserPrincipal {
        role: row.role(),
        id,
        workspace_id,
        api_key: false,
    })
}
