//! `/hubs/chat`: the SignalR-compatible real-time hub. With `conversationId` the socket joins
//! that conversation's room (its visitor, or a user of its workspace); without, a user's
//! socket joins the workspace feed. Negotiation is answered here; sockets are accepted
//! hibernatable by the objects.

use super::extract::Params;
use super::problem::Problems;
use crate::AppState;
use crate::auth::Caller;
use crate::clock::now_secs;
use crate::domain::conversations::{sender_of, visible};
use crate::error::{ApiError, ApiResult};
use crate::ids::new_id;
use crate::limits;
use crate::object_client::{self, InboxCommand, SESSION_HEADER};
use crate::rooms::hub_session::HubSession;
use axum::Json;
use axum::extract::Request;
use axum::http::HeaderValue;
use axum::response::Response;
use parley_shared_types::hub::NegotiateResponse;
use parley_shared_types::message::{Sender, SenderType};
use parley_shared_types::problem::ErrorCode;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HubQuery {
    conversation_id: Option<String>,
    /// The last `seq` this client saw; it is sent everything after it first.
    last_seq: Option<u64>,
}

/// `POST /hubs/chat/negotiate`: WebSockets only, negotiate version 1 (what SignalR clients ask).
#[utoipa::path(post, path = "/hubs/chat/negotiate", tag = "hub", operation_id = "negotiateHub", security(()),  responses((status = 200, body = NegotiateResponse), Problems))]
pub async fn negotiate() -> Json<NegotiateResponse> {
    Json(NegotiateResponse::websockets_only(new_id(), new_id()))
}

/// `GET /hubs/chat?conversationId=…&access_token=…` with `Upgrade: websocket`.
#[utoipa::path(get, path = "/hubs/chat", tag = "hub", operation_id = "connectHub", params(HubQuery), responses((status = 101, description = "Switching to the SignalR JSON hub protocol over WebSocket"), Problems))]
#[worker::send]
pub async fn connect(
    state: AppState,
    caller: Caller,
    Params(query): Params<HubQuery>,
    mut request: Request,
) -> ApiResult<Response> {
    let upgrade = request
        .headers()
        .get("upgrade")
        .and_then(|v| v.to_str().ok());
    if !upgrade.is_some_and(|v| v.eq_ignore_ascii_case("websocket")) {
        return Err(ApiError::new(
            ErrorCode::BadRequest,
            "the hub speaks WebSocket: send Upgrade: websocket",
        ));
    }
    let env = &state.env;
    let (stub, session) = match (query.conversation_id, &caller) {
        (Some(id), _) => {
            let conversation = visible(env, &caller, &id).await?;
            let per_minute = match &caller {
                Caller::User(_) => limits::PER_CALLER,
                Caller::Visitor(_) => limits::PER_IP,
            };
            let mut session = HubSession::new(
                new_id(),
                sender_of(&caller),
                Some(conversation.id.clone()),
                query.last_seq,
            )
            .sending_in(conversation.workspace_id.clone(), per_minute);
            if let Caller::User(user) = &caller {
                session = session.for_team(!user.api_key, now_secs());
                let track = InboxCommand::TrackRoomSocket {
                    principal_id: user.id.clone(),
                    conversation_id: conversation.id.clone(),
                };
                object_client::call::<_, ()>(
                    &object_client::inbox(env, &user.workspace_id)?,
                    &track,
                )
                .await?;
            }
            (object_client::room(env, &conversation.id)?, session)
        }
        (None, Caller::User(user)) => {
            let agent = Sender {
                sender_type: SenderType::Agent,
                sender_id: user.id.clone(),
            };
            (
                object_client::inbox(env, &user.workspace_id)?,
                HubSession::new(new_id(), agent, None, None)
                    .sending_in(user.workspace_id.clone(), limits::PER_CALLER)
                    .for_team(!user.api_key, now_secs()),
            )
        }
        (None, Caller::Visitor(_)) => {
            return Err(ApiError::new(
                ErrorCode::BadRequest,
                "visitors connect with ?conversationId= of their conversation",
            ));
        }
    };
    let session = serde_json::to_string(&session).map_err(ApiError::internal)?;
    request.headers_mut().insert(
        SESSION_HEADER,
        HeaderValue::from_str(&session).map_err(ApiError::internal)?,
    );
    let response = stub
        .fetch_with_request(worker::Request::try_from(request)?)
        .await?;
    Ok(Response::from(response))
}
