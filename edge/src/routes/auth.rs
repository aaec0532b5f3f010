//! `/auth/v1`: sign-up, the password and refresh-token grants, and who am I.

use super::dev::DEV_OUTBOX_PATH;
use super::extract::Agent;
use super::extract::{Body, public_origin, valid};
use super::problem::Problems;
use super::rate_limit::PerIp;
use crate::AppState;
use crate::auth::{self, ACCESS_TOKEN_SECS, UserPrincipal, password};
use crate::clock::{now_rfc3339, now_secs};
use crate::domain::billing;
use crate::email::{self, Email};
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, new_secret, secret_hash};
use crate::object_client::{self, CounterCommand};
use crate::store::{self, refresh_tokens, signups, users};
use axum::Json;
use axum::extract::Query;
use axum::http::{HeaderMap, StatusCode, Uri};
use parley_shared_types::auth::{
    PasswordGrant, RefreshGrant, Role, SignUpAccepted, SignUpRequest, TokenResponse, User,
    VERIFICATION_SENT, VerifyRequest,
};
use parley_shared_types::problem::ErrorCode;
use serde::Deserialize;
use serde_json::Value;

const REFRESH_TOKEN_SECS: u64 = 30 * 24 * 3600;
/// How long a sign-up email's link works.
const SIGNUP_LINK_SECS: u64 = 24 * 3600;
/// Verified when the email is unknown, so a wrong email costs as long as a wrong password.
const DECOY_HASH: &str =
    "$pbkdf2-sha256$i=100000,l=32$ZGVjb3ktc2FsdA$ZGVjb3ktaGFzaC1kZWNveS1oYXNoLWRlY295LWhhc2g";

/// `POST /auth/v1/signup`: answers 202 the same way whether or not the email has an account,
/// so nobody learns which emails are registered; the email says what happened. The link in it
/// creates the workspace (`POST /auth/v1/verify`).
#[utoipa::path(post, path = "/auth/v1/signup", tag = "auth", operation_id = "signUp", security(()), request_body = SignUpRequest, responses((status = 202, body = SignUpAccepted), Problems))]
#[worker::send]
pub async fn sign_up(
    state: AppState,
    _: PerIp,
    uri: Uri,
    headers: HeaderMap,
    Body(request): Body<SignUpRequest>,
) -> ApiResult<(StatusCode, Json<SignUpAccepted>)> {
    valid(request.validate())?;
    // Before anything is promised: a workspace whose admin gets no token would be half made.
    auth::jwt_secret(&state.env)?;
    let db = store::db(&state.env)?;
    let email = request.email.trim().to_lowercase();
    // Hashed either way, so the answer takes as long whether or not the email is known.
    let password_hash = password::hash(&request.password).await?;
    let origin = public_origin(&uri, &headers);
    let message = if users::find_by_email(&db, &email).await?.is_some() {
        account_exists_email(&origin)
    } else {
        let token = new_secret();
        let pending = signups::PendingSignup {
            email: email.clone(),
            name: request.name.trim().to_owned(),
            workspace_name: request.workspace_name.trim().to_owned(),
            password_hash,
            expires_at: (now_secs() + SIGNUP_LINK_SECS) as i64,
        };
        signups::insert(&db, &secret_hash(&token), &pending).await?;
        confirm_email(&origin, &token)
    };
    let (subject, text) = message;
    email::send(
        &state.env,
        &Email {
            to: &email,
            subject,
            text: &text,
        },
    )
    .await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(SignUpAccepted {
            status: VERIFICATION_SENT.to_owned(),
            email,
            dev_outbox: email::dev_outbox_in_use(&state.env).then(|| DEV_OUTBOX_PATH.to_owned()),
        }),
    ))
}

fn confirm_email(origin: &str, token: &str) -> (&'static str, String) {
    (
        "Confirm your Parley workspace",
        format!(
            "Welcome to Parley!\n\nOpen this link to confirm your email and create your workspace \
             (it works once, for 24 hours):\n\n{origin}/admin/#/verify/{token}\n\n\
             If you did not sign up, ignore this email: nothing is created without the link."
        ),
    )
}

fn account_exists_email(origin: &str) -> (&'static str, String) {
    (
        "You already have a Parley account",
        format!(
            "Someone (probably you) tried to create a Parley workspace with this email, which \
             already has an account. Nothing was changed.\n\nSign in at {origin}/admin/\n\n\
             If this was not you, you can ignore this email."
        ),
    )
}

/// `POST /auth/v1/verify`: `{"type": "signup", "token": …}` from the sign-up email creates the
/// workspace and signs its admin in. A link works once.
#[utoipa::path(post, path = "/auth/v1/verify", tag = "auth", operation_id = "verify", security(()), request_body = VerifyRequest, responses((status = 201, body = TokenResponse), Problems))]
#[worker::send]
pub async fn verify(
    state: AppState,
    _: PerIp,
    Body(request): Body<VerifyRequest>,
) -> ApiResult<(StatusCode, Json<TokenResponse>)> {
    if request.kind != "signup" {
        return Err(ApiError::validation(
            "unsupported verification",
            [("type".to_owned(), vec!["must be signup".to_owned()])].into(),
        ));
    }
    auth::jwt_secret(&state.env)?;
    let db = store::db(&state.env)?;
    let pending = signups::take(&db, &secret_hash(request.token.trim()))
        .await?
        .filter(|pending| pending.expires_at > now_secs() as i64)
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::Unauthorized,
                "this link is invalid, used or expired: sign up again",
            )
        })?;
    let (user_id, workspace_id, now) = (new_id(), new_id(), now_rfc3339());
    let admin = users::NewUser {
        id: &user_id,
        email: &pending.email,
        name: &pending.name,
        role: Role::Admin,
        password_hash: &pending.password_hash,
        created_at: &now,
    };
    let trial = billing::trial(&db, &workspace_id)?;
    users::create_workspace(&db, &workspace_id, &pending.workspace_name, &admin, trial)
        .await
        .map_err(|e| e.conflict_as("an account with this email exists now: sign in"))?;
    let user = users::find(&db, &workspace_id, &user_id)
        .await?
        .ok_or_else(|| ApiError::internal("new user vanished"))?;
    Ok((
        StatusCode::CREATED,
        Json(issue_tokens(&state, user.into_user()).await?),
    ))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GrantQuery {
    /// `password` or `refresh_token`
    grant_type: Option<String>,
}

/// `POST /auth/v1/token?grant_type=password|refresh_token`.
#[utoipa::path(post, path = "/auth/v1/token", tag = "auth", operation_id = "token", security(()), params(GrantQuery), request_body(content = PasswordGrant, description = "PasswordGrant for grant_type=password; RefreshGrant (refreshToken) for grant_type=refresh_token"), responses((status = 200, body = TokenResponse), Problems))]
#[worker::send]
pub async fn token(
    state: AppState,
    Query(query): Query<GrantQuery>,
    _: PerIp,
    Body(body): Body<Value>,
) -> ApiResult<Json<TokenResponse>> {
    let user = match query.grant_type.as_deref() {
        Some("password") => password_grant(&state, parse(body)?).await?,
        Some("refresh_token") => refresh_grant(&state, parse(body)?).await?,
        _ => {
            return Err(ApiError::validation(
                "unsupported grant",
                [(
                    "grant_type".to_owned(),
                    vec!["must be password or refresh_token".to_owned()],
                )]
                .into(),
            ));
        }
    };
    Ok(Json(issue_tokens(&state, user).await?))
}

/// `GET /auth/v1/user`: the signed-in user.
#[utoipa::path(get, path = "/auth/v1/user", tag = "auth", operation_id = "currentUser",  responses((status = 200, body = User), Problems))]
#[worker::send]
pub async fn current_user(state: AppState, Agent(me): Agent) -> ApiResult<Json<User>> {
    let row = users::find(&store::db(&state.env)?, &me.workspace_id, &me.id).await?;
    row.map(|row| Json(row.into_user()))
        .ok_or_else(|| ApiError::new(ErrorCode::Unauthorized, "this account no longer exists"))
}

fn parse<T: serde::de::DeserializeOwned>(body: Value) -> ApiResult<T> {
    serde_json::from_value(body)
        .map_err(|e| ApiError::new(ErrorCode::BadRequest, format!("invalid body: {e}")))
}

fn invalid_login() -> ApiError {
    ApiError::new(ErrorCode::Unauthorized, "invalid email or password")
}

/// Each account also backs off on its own (see [`limits::SignInBackoff`]), so guesses spread
/// over many addresses cannot outrun the per-IP limit.
async fn password_grant(state: &AppState, grant: PasswordGrant) -> ApiResult<User> {
    let email = grant.email.trim().to_lowercase();
    let counter =
        object_client::rate_counter(&state.env, &format!("signin:{}", secret_hash(&email)))?;
    let locked: Option<u64> = object_client::call(&counter, &CounterCommand::SignInLocked).await?;
    if let Some(retry_after) = locked {
        return Err(account_locked(retry_after));
    }
    let row = users::find_by_email(&store::db(&state.env)?, &email).await?;
    let stored = row
        .as_ref()
        .map_or(DECOY_HASH, |row| row.password_hash.as_str());
    let matches = password::verify(&grant.password, stored).await?;
    match row {
        Some(row) if matches => {
            object_client::call::<_, ()>(&counter, &CounterCommand::SignInSucceeded).await?;
            Ok(row.into_user())
        }
        _ => {
            let locked: Option<u64> =
                object_client::call(&counter, &CounterCommand::SignInFailed).await?;
            Err(locked.map_or_else(invalid_login, account_locked))
        }
    }
}

fn account_locked(retry_after: u64) -> ApiError {
    ApiError::rate_limited_because(
        retry_after,
        format!("too many wrong passwords for this account: try again in {retry_after} s"),
    )
}

async fn refresh_grant(state: &AppState, grant: RefreshGrant) -> ApiResult<User> {
    let db = store::db(&state.env)?;
    let redeemed = refresh_tokens::take(&db, &secret_hash(&grant.refresh_token)).await?;
    let expired = || {
        ApiError::new(
            ErrorCode::Unauthorized,
            "the refresh token is invalid, used or expired: sign in again",
        )
    };
    let redeemed = redeemed
        .filter(|r| r.expires_at > now_secs() as i64)
        .ok_or_else(expired)?;
    let row = users::find_by_id(&db, &redeemed.user_id)
        .await?
        .ok_or_else(expired)?;
    Ok(row.into_user())
}

async fn issue_tokens(state: &AppState, user: User) -> ApiResult<TokenResponse> {
    let principal = UserPrincipal {
        id: user.id.clone(),
        workspace_id: user.workspace_id.clone(),
        role: user.role,
        api_key: false,
    };
    let access_token = auth::user_token(&state.env, &principal)?;
    let refresh_token = new_secret();
    let expires_at = (now_secs() + REFRESH_TOKEN_SECS) as i64;
    refresh_tokens::insert(
        &store::db(&state.env)?,
        &secret_hash(&refresh_token),
        &user.id,
        expires_at,
    )
    .await?;
    Ok(TokenResponse {
        access_token,
        token_type: "bearer".into(),
        expires_in: ACCESS_TOKEN_SECS,
        refresh_token,
        user,
    })
}
