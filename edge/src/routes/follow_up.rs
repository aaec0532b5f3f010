//! Replies by email for visitors who are away: the visitor leaves an address, an emailed link
//! brings them back to the conversation on the site's page, another stops the emails.

use super::extract::{Body, Params, public_origin, valid};
use super::problem::Problems;
use super::rate_limit::PerIp;
use crate::AppState;
use crate::auth::Caller;
use crate::domain::conversations::own_visitor;
use crate::domain::follow_up;
use crate::error::ApiResult;
use axum::Json;
use axum::extract::Path;
use axum::http::{HeaderMap, Uri, header};
use axum::response::Html;
use parley_shared_types::conversation::StartedConversation;
use parley_shared_types::follow_up::{FollowUp, FollowUpRequest, ResumeRequest};
use serde::Deserialize;

/// `POST /api/conversations/{id}/follow-up`: the conversation's visitor asks for the team's
/// replies by email while they are away (the widget offers it when nobody answers live).
#[utoipa::path(post, path = "/api/conversations/{id}/follow-up", tag = "follow-up", operation_id = "followUpByEmail", params(("id" = String, Path, description = "conversation id")), request_body = FollowUpRequest, responses((status = 200, body = FollowUp), Problems))]
#[worker::send]
pub async fn subscribe(
    state: AppState,
    caller: Caller,
    Path(id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    Body(request): Body<FollowUpRequest>,
) -> ApiResult<Json<FollowUp>> {
    let visitor = own_visitor(
        &caller,
        &id,
        "only the conversation's visitor asks for replies by email",
    )?;
    valid(request.validate())?;
    let edge = public_origin(&uri, &headers);
    Ok(Json(
        follow_up::subscribe(&state.env, &visitor, request, &edge).await?,
    ))
}

/// `POST /api/widgets/{id}/resume`: public, from a page the widget accepts. An emailed link's
/// token (`#parley-resume=…`, valid a week) for the conversation and a visitor token; the
/// loader calls it when a page opens with that fragment.
#[utoipa::path(post, path = "/api/widgets/{id}/resume", tag = "follow-up", operation_id = "resumeConversation", security(()), params(("id" = String, Path, description = "widget id")), request_body = ResumeRequest, responses((status = 200, body = StartedConversation), Problems))]
#[worker::send]
pub async fn resume(
    state: AppState,
    Path(id): Path<String>,
    _: PerIp,
    headers: HeaderMap,
    Body(request): Body<ResumeRequest>,
) -> ApiResult<Json<StartedConversation>> {
    let origin = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok());
    let resumed = follow_up::resume(&state.env, &id, &request.token, origin).await?;
    Ok(Json(resumed))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnsubscribeQuery {
    /// The token of the emailed link.
    pub token: String,
}

/// `GET /api/follow-up/unsubscribe?token=…`: the emailed link's page, whose button stops the
/// emails (a link alone never does: mail scanners open links).
#[utoipa::path(get, path = "/api/follow-up/unsubscribe", tag = "follow-up", operation_id = "unsubscribePage", security(()), params(UnsubscribeQuery), responses((status = 200, description = "A page with the button that stops the emails", content_type = "text/html", body = String), Problems))]
pub async fn unsubscribe_page(
    _: PerIp,
    Params(_query): Params<UnsubscribeQuery>,
) -> Html<&'static str> {
    Html(include_str!("unsubscribe.html"))
}

/// `POST /api/follow-up/unsubscribe?token=…`: stops the conversation's emails (the page's
/// button, or a mail client's one-click unsubscribe).
#[utoipa::path(post, path = "/api/follow-up/unsubscribe", tag = "follow-up", operation_id = "unsubscribe", security(()), params(UnsubscribeQuery), responses((status = 200, description = "The emails stopped", content_type = "text/html", body = String), Problems))]
#[worker::send]
pub async fn unsubscribe(
    state: AppState,
    _: PerIp,
    Params(query): Params<UnsubscribeQuery>,
) -> ApiResult<Html<&'static str>> {
    follow_up::unsubscribe(&state.env, &query.token).await?;
    Ok(Html(include_str!("unsubscribed.html")))
}
