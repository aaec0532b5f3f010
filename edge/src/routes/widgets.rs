//! `/api/widgets` (and the admin variants): chat widgets, their embed code, and the public
//! config the widget reads on every page load (from KV, so a load costs no D1 query, but for
//! a widget a bot answers: the bot's welcome is read from D1).

use super::extract::{Admin, Agent};
use super::extract::{Body, public_origin, valid};
use super::list;
use super::problem::Problems;
use super::rate_limit::PerIp;
use crate::AppState;
use crate::cache::{self, Key};
use crate::clock::{now_rfc3339, utc_day};
use crate::domain;
use crate::domain::stats::round1;
use crate::domain::widgets::{check_time_zone, public_widget, within_business_hours};
use crate::error::{ApiError, ApiResult};
use crate::ids::parse_id;
use crate::ids::{new_id, new_secret};
use crate::object_client::{self, InboxCommand};
use crate::store::{self, bots, stats, widgets, widgets::WidgetRow};
use axum::Json;
use axum::extract::Path;
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::Response;
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::widget::{
    IdentityCheck, IdentityCheckRequest, IdentitySecret, Widget, WidgetConfig, WidgetInput,
    embed_code, text_on,
};
use serde::Serialize;
use worker::Env;

/// `POST /api/widgets`.
#[utoipa::path(post, path = "/api/widgets", tag = "widgets", operation_id = "createWidget", request_body = WidgetInput, responses((status = 201, body = Widget), Problems))]
#[worker::send]
pub async fn create(
    state: AppState,
    Admin(me): Admin,
    uri: Uri,
    headers: HeaderMap,
    Body(input): Body<WidgetInput>,
) -> ApiResult<(StatusCode, Json<Widget>)> {
    valid(input.validate(true))?;
    check_time_zone(&input)?;
    check_bot(&state.env, &me.workspace_id, &input).await?;
    let row = WidgetRow::new(new_id(), me.workspace_id, input, now_rfc3339());
    widgets::insert(&store::db(&state.env)?, &row).await?;
    Ok((
        StatusCode::CREATED,
        Json(to_widget(row, &public_origin(&uri, &headers))),
    ))
}

/// `POST /api/admin/widgets`: the seed's admin path to the same.
#[utoipa::path(post, path = "/api/admin/widgets", tag = "admin", operation_id = "adminCreateWidget", request_body = WidgetInput, responses((status = 201, body = Widget), Problems))]
pub async fn admin_create(
    state: AppState,
    admin: Admin,
    uri: Uri,
    headers: HeaderMap,
    body: Body<WidgetInput>,
) -> ApiResult<(StatusCode, Json<Widget>)> {
    create(state, admin, uri, headers, body).await
}

#[utoipa::path(get, path = "/api/widgets", tag = "widgets", operation_id = "listWidgets",  responses((status = 200, body = Vec<Widget>), Problems))]
#[worker::send]
pub async fn list(
    state: AppState,
    Agent(me): Agent,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let origin = public_origin(&uri, &headers);
    let rows = widgets::list(&store::db(&state.env)?, &me.workspace_id).await?;
    let widgets = rows
        .into_iter()
        .map(|row| to_widget(row, &origin))
        .collect();
    Ok(list::array(&headers, widgets))
}

#[utoipa::path(get, path = "/api/widgets/{id}", tag = "widgets", operation_id = "getWidget", params(("id" = String, Path, description = "widget id")), responses((status = 200, body = Widget), Problems))]
#[worker::send]
pub async fn get(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Json<Widget>> {
    let row = find(&state.env, &me.workspace_id, &id).await?;
    Ok(Json(to_widget(row, &public_origin(&uri, &headers))))
}

/// `PUT /api/widgets/{id}`: only the fields sent change.
#[utoipa::path(put, path = "/api/widgets/{id}", tag = "widgets", operation_id = "updateWidget", params(("id" = String, Path, description = "widget id")), request_body = WidgetInput, responses((status = 200, body = Widget), Problems))]
#[worker::send]
pub async fn update(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    Body(input): Body<WidgetInput>,
) -> ApiResult<Json<Widget>> {
    valid(input.validate(false))?;
    check_time_zone(&input)?;
    check_bot(&state.env, &me.workspace_id, &input).await?;
    let mut row = find(&state.env, &me.workspace_id, &id).await?;
    row.apply(input);
    widgets::update(&store::db(&state.env)?, &row).await?;
    cache::forget(&state.env, Key::Widget(&row.id)).await?;
    Ok(Json(to_widget(row, &public_origin(&uri, &headers))))
}

/// A new identity secret for the widget, shown this once: from now on a `Parley.identify`
/// with a `userId` must carry `userHash` = hex HMAC-SHA256(secret, userId), and the previous
/// secret proves nothing.
#[utoipa::path(post, path = "/api/widgets/{id}/identity-secret", tag = "widgets", operation_id = "rotateIdentitySecret", params(("id" = String, Path, description = "widget id")), responses((status = 201, body = IdentitySecret), Problems))]
#[worker::send]
pub async fn rotate_identity_secret(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<(StatusCode, Json<IdentitySecret>)> {
    let row = find(&state.env, &me.workspace_id, &id).await?;
    let secret = new_secret();
    let db = store::db(&state.env)?;
    widgets::set_identity_secret(&db, &me.workspace_id, &row.id, Some(&secret)).await?;
    cache::forget(&state.env, Key::Widget(&row.id)).await?;
    Ok((StatusCode::CREATED, Json(IdentitySecret { secret })))
}

/// Turns identity verification off: claimed identities are kept again, unverified.
#[utoipa::path(delete, path = "/api/widgets/{id}/identity-secret", tag = "widgets", operation_id = "removeIdentitySecret", params(("id" = String, Path, description = "widget id")), responses((status = 204, description = "Identity verification is off"), Problems))]
#[worker::send]
pub async fn remove_identity_secret(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let row = find(&state.env, &me.workspace_id, &id).await?;
    let db = store::db(&state.env)?;
    widgets::set_identity_secret(&db, &me.workspace_id, &row.id, None).await?;
    cache::forget(&state.env, Key::Widget(&row.id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/widgets/{id}/identity`: public, from a page the widget accepts; the loader
/// calls it when the page calls `Parley.identify`.
#[utoipa::path(post, path = "/api/widgets/{id}/identity", tag = "widgets", operation_id = "checkVisitorIdentity", security(()), params(("id" = String, Path, description = "widget id")), request_body = IdentityCheckRequest, responses((status = 200, body = IdentityCheck), Problems))]
#[worker::send]
pub async fn check_identity(
    state: AppState,
    Path(id): Path<String>,
    _: PerIp,
    headers: HeaderMap,
    Body(request): Body<IdentityCheckRequest>,
) -> ApiResult<Json<IdentityCheck>> {
    valid(request.validate())?;
    let origin = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok());
    let checked = domain::conversations::check_identity(&state.env, &id, request, origin).await?;
    Ok(Json(checked))
}

/// `GET /api/widgets/{id}/config`: public; what the widget shows before anyone signs in.
#[utoipa::path(get, path = "/api/widgets/{id}/config", tag = "widgets", operation_id = "widgetConfig", security(()), params(("id" = String, Path, description = "widget id")), responses((status = 200, body = WidgetConfig), Problems))]
#[worker::send]
pub async fn config(
    state: AppState,
    Path(id): Path<String>,
    _: PerIp,
) -> ApiResult<Json<WidgetConfig>> {
    let row = public_widget(&state.env, &id).await?;
    let online: Vec<String> = object_client::call(
        &object_client::inbox(&state.env, &row.workspace_id)?,
        &InboxCommand::OnlineAgents,
    )
    .await?;
    // While a bot answers, its welcome is what visitors read first.
    let bot_welcome = match (&row.bot_id, row.ai_enabled()) {
        (Some(bot_id), true) => bots::find(&store::db(&state.env)?, &row.workspace_id, bot_id)
            .await?
            .map(|bot| bot.settings().welcome_message)
            .filter(|text| !text.trim().is_empty()),
        _ => None,
    };
    let agents_online = !online.is_empty() && within_business_hours(&row);
    Ok(Json(WidgetConfig {
        ai_enabled: row.ai_enabled(),
        theme_text_color: text_on(&row.theme_color).to_owned(),
        reopen_on_reply: row.reopen_on_reply(),
        texts: row.texts(),
        pre_chat: row.pre_chat(),
        follow_up_after_seconds: row.follow_up_after_seconds(),
        id: row.id,
        name: row.name,
        welcome_message: bot_welcome.unwrap_or(row.welcome_message),
        title: row.title,
        theme_color: row.theme_color,
        offline_message: row.offline_message,
        agents_online,
    }))
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AdminWidget {
    #[serde(flatten)]
    widget: Widget,
    conversations_today: u64,
    conversations_last30_days: u64,
    avg_response_time: f64,
}

/// `GET /api/admin/widgets`: the widgets with their usage.
#[utoipa::path(get, path = "/api/admin/widgets", tag = "admin", operation_id = "adminListWidgets",  responses((status = 200, body = Vec<AdminWidget>), Problems))]
#[worker::send]
pub async fn admin_list(
    state: AppState,
    Admin(me): Admin,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let db = store::db(&state.env)?;
    let origin = public_origin(&uri, &headers);
    let activity = stats::widgets(&db, &me.workspace_id, &utc_day(0), &utc_day(30)).await?;
    let rows = widgets::list(&db, &me.workspace_id).await?;
    let widgets = rows
        .into_iter()
        .map(|row| {
            let usage = activity.iter().find(|a| a.widget_id == row.id);
            AdminWidget {
                conversations_today: usage.map_or(0, |a| a.conversations_today.max(0) as u64),
                conversations_last30_days: usage
                    .map_or(0, |a| a.conversations_recent.max(0) as u64),
                avg_response_time: usage.and_then(|a| a.avg_response).map_or(0.0, round1),
                widget: to_widget(row, &origin),
            }
        })
        .collect();
    Ok(list::array(&headers, widgets))
}

async fn find(env: &Env, workspace_id: &str, id: &str) -> ApiResult<WidgetRow> {
    let id = parse_id(id, "widget")?;
    widgets::find(&store::db(env)?, workspace_id, &id)
        .await?
        .ok_or_else(|| not_found(&id))
}

/// A widget may point only to a bot of its own workspace.
async fn check_bot(env: &Env, workspace_id: &str, input: &WidgetInput) -> ApiResult<()> {
    let Some(bot_id) = &input.bot_id else {
        return Ok(());
    };
    if bots::find(&store::db(env)?, workspace_id, bot_id)
        .await?
        .is_some()
    {
        return Ok(());
    }
    Err(ApiError::validation(
        "no such bot",
        [(
            "botId".to_owned(),
            vec!["must be a bot of this workspace".to_owned()],
        )]
        .into(),
    ))
}

fn not_found(id: &str) -> ApiError {
    ApiError::new(ErrorCode::NotFound, format!("no widget {id}"))
}

fn to_widget(row: WidgetRow, origin: &str) -> Widget {
    Widget {
        embed_code: embed_code(origin, &row.id),
        allowed_origins: row.allowed_origins(),
        ai_enabled: row.ai_enabled(),
        auto_assign: row.auto_assign(),
        reopen_on_reply: row.reopen_on_reply(),
        business_hours: row.business_hours(),
        pre_chat: row.pre_chat(),
        follow_up_after_seconds: row.follow_up_after_seconds(),
        texts: row.texts(),
        title: row.title,
        id: row.id,
        workspace_id: row.workspace_id,
        name: row.name,
        welcome_message: row.welcome_message,
        theme_color: row.theme_color,
        offline_message: row.offline_message,
        identity_verification: row.identity_secret.is_some(),
        bot_id: row.bot_id,
        created_at: row.created_at,
    }
}
