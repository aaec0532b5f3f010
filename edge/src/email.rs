//! The one door for email: an HTTP email API that speaks Resend's wire format (`POST
//! {EMAIL_API_URL}/emails` with a bearer key and `{from, to, subject, text}`), configured by
//! `EMAIL_API_URL`, `EMAIL_FROM` (vars) and `EMAIL_API_KEY` (secret). Without a key,
//! `wrangler dev` keeps what it would have sent in a local outbox instead (`GET
//! /api/dev/outbox`); a production Worker without one refuses to pretend it sent anything.

use crate::clock::now_rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::ids::new_id;
use crate::outbound;
use crate::settings;
use crate::store::{self, dev_outbox};
use parley_shared_types::auth::OutboxEmail;
use parley_shared_types::outbound::UrlPolicy;
use serde::Serialize;
use std::time::Duration;
use worker::{Env, Headers, Method, Request, RequestInit};

const DEFAULT_API_URL: &str = "https://api.resend.com";
const DEFAULT_FROM: &str = "Parley <no-reply@parley.dev>";
const SEND_TIMEOUT: Duration = Duration::from_secs(15);

/// An email to one person, in plain text (links stay readable in any client).
pub struct Email<'a> {
    pub to: &'a str,
    pub subject: &'a str,
    pub text: &'a str,
}

#[derive(Serialize)]
struct SendRequest<'a> {
    from: &'a str,
    to: [&'a str; 1],
    subject: &'a str,
    text: &'a str,
}

/// Where the emails go: the configured service, or the local outbox in development.
pub fn dev_outbox_in_use(env: &Env) -> bool {
    env.secret("EMAIL_API_KEY").is_err() && settings::is_development(env)
}

pub async fn send(env: &Env, email: &Email<'_>) -> ApiResult<()> {
    let Ok(key) = env.secret("EMAIL_API_KEY").map(|key| key.to_string()) else {
        if !settings::is_development(env) {
            return Err(ApiError::internal(
                "EMAIL_API_KEY is not set: `wrangler secret put EMAIL_API_KEY`",
            ));
        }
        let kept = OutboxEmail {
            id: new_id(),
            to: email.to.to_owned(),
            subject: email.subject.to_owned(),
            text: email.text.to_owned(),
            created_at: now_rfc3339(),
        };
        return dev_outbox::insert(&store::db(env)?, &kept).await;
    };
    let base = settings::text(env, "EMAIL_API_URL", DEFAULT_API_URL);
    let from = settings::text(env, "EMAIL_FROM", DEFAULT_FROM);
    let url = format!("{}/emails", base.trim_end_matches('/'));
    let body = serde_json::to_string(&SendRequest {
        from: &from,
        to: [email.to],
        subject: email.subject,
        text: email.text,
    })
    .map_err(ApiError::internal)?;
    // The operator set this URL, not a user: it may be anywhere, but stays http(s) and is
    // never redirected.
    let response = outbound::send(&url, UrlPolicy::AllowLocal, false, SEND_TIMEOUT, |target| {
        let headers = Headers::new();
        headers.set("content-type", "application/json")?;
        headers.set("authorization", &format!("Bearer {key}"))?;
        let mut init = RequestInit::new();
        outbound::manual_redirects(&mut init)
            .with_method(Method::Post)
            .with_headers(headers)
            .with_body(Some(body.as_str().into()));
        Request::new_with_init(target.as_str(), &init)
    })
    .await
    .map_err(|why| ApiError::internal(format!("the email service: {why}")))?;
    match response.status_code() {
        200..300 => Ok(()),
        status => Err(ApiError::internal(format!(
            "the email service answered {status}"
        ))),
    }
}
