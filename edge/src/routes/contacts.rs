//! `/api/contacts`: the visitors a workspace has talked to. Members list, search, read and
//! edit them; admins export everything Parley holds about one (a data request) and erase one
//! everywhere.

use super::extract::{Admin, Agent};
use super::extract::{Body, Params, valid};
use super::list::Listing;
use super::problem::Problems;
use crate::AppState;
use crate::domain::contacts;
use crate::error::{ApiError, ApiResult};
use crate::store::{self, contacts::ContactRow};
use axum::Json;
use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use parley_shared_types::contact::{
    Contact, ContactDetails, ContactExport, ContactFilter, ContactQuery, UpdateContactRequest,
};
use parley_shared_types::page::Page;

/// `GET /api/contacts`: newest first; `search` finds part of a name, email or user id.
#[utoipa::path(get, path = "/api/contacts", tag = "contacts", operation_id = "listContacts", params(ContactQuery), responses((status = 200, body = Page<Contact>), Problems))]
#[worker::send]
pub async fn list(
    state: AppState,
    Agent(me): Agent,
    headers: HeaderMap,
    Params(query): Params<ContactQuery>,
) -> ApiResult<Response> {
    let filter = query
        .validate()
        .map_err(|errors| ApiError::validation("the query is not valid", errors))?;
    let listing: Listing = Listing::new(filter.list.clone(), &headers);
    let filter = ContactFilter {
        list: listing.request(),
        ..filter
    };
    let (rows, total) =
        store::contacts::list(&store::db(&state.env)?, &me.workspace_id, &filter).await?;
    let data = rows.into_iter().map(ContactRow::into_contact).collect();
    Ok(listing.page(data, total, |c: &Contact| &c.id))
}

/// `GET /api/contacts/{id}`: the contact and their conversations, newest first.
#[utoipa::path(get, path = "/api/contacts/{id}", tag = "contacts", operation_id = "getContact", params(("id" = String, Path, description = "contact id")), responses((status = 200, body = ContactDetails), Problems))]
#[worker::send]
pub async fn get(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
) -> ApiResult<Json<ContactDetails>> {
    Ok(Json(
        contacts::details(&state.env, &me.workspace_id, &id).await?,
    ))
}

/// `PATCH /api/contacts/{id}`: `name` and `email` replace (`""` clears); `attributes` merges
/// (a key set to `null` is deleted).
#[utoipa::path(patch, path = "/api/contacts/{id}", tag = "contacts", operation_id = "updateContact", params(("id" = String, Path, description = "contact id")), request_body = UpdateContactRequest, responses((status = 200, body = Contact), Problems))]
#[worker::send]
pub async fn update(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
    Body(request): Body<UpdateContactRequest>,
) -> ApiResult<Json<Contact>> {
    valid(request.validate())?;
    Ok(Json(
        contacts::update(&state.env, &me.workspace_id, &id, &request).await?,
    ))
}

/// `DELETE /api/contacts/{id}`: erases the contact and everything of theirs (conversations,
/// messages, ratings, search entries); their visitor tokens then reach nothing.
#[utoipa::path(delete, path = "/api/contacts/{id}", tag = "contacts", operation_id = "deleteContact", params(("id" = String, Path, description = "contact id")), responses((status = 204, description = "Erased"), Problems))]
#[worker::send]
pub async fn remove(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    contacts::erase(&state.env, &me.workspace_id, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/contacts/{id}/export`: everything Parley holds about the contact, as a JSON
/// download.
#[utoipa::path(get, path = "/api/contacts/{id}/export", tag = "contacts", operation_id = "exportContact", params(("id" = String, Path, description = "contact id")), responses((status = 200, body = ContactExport), Problems))]
#[worker::send]
pub async fn export(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let export = contacts::export(&state.env, &me.workspace_id, &id).await?;
    let file = format!(
        "attachment; filename=\"contact-{}.json\"",
        export.contact.id
    );
    let mut response = Json(export).into_response();
    response.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&file).map_err(ApiError::internal)?,
    );
    Ok(response)
}
