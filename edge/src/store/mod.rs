//! D1 access: the only place with SQL for D1. Every query that reads tenant data takes the
//! caller's workspace id.

pub mod bots;
pub mod chats;
pub mod conversations;
pub mod knowledge;
pub mod refresh_tokens;
pub mod stats;
pub mod users;
pub mod widgets;

use crate::error::{ApiError, ApiResult};
use parley_shared_types::page::PageRequest;
use parley_shared_types::problem::ErrorCode;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement, Env};

pub fn db(env: &Env) -> ApiResult<D1Database> {
    Ok(env.d1("DB")?)
}

/// A bound parameter: text, number or NULL.
pub enum Arg<'a> {
    Text(&'a str),
    Int(i64),
    Null,
}

impl<'a> Arg<'a> {
    fn copied(&self) -> Arg<'a> {
        match self {
            Arg::Text(text) => Arg::Text(text),
            Arg::Int(n) => Arg::Int(*n),
            Arg::Null => Arg::Null,
        }
    }
}

impl From<&Arg<'_>> for JsValue {
    fn from(arg: &Arg<'_>) -> JsValue {
        match arg {
            Arg::Text(text) => JsValue::from_str(text),
            Arg::Int(n) => JsValue::from_f64(*n as f64),
            Arg::Null => JsValue::NULL,
        }
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(text)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(text: &'a String) -> Self {
        Arg::Text(text)
    }
}

impl<'a> From<Option<&'a str>> for Arg<'a> {
    fn from(text: Option<&'a str>) -> Self {
        text.map_or(Arg::Null, Arg::Text)
    }
}

impl From<i64> for Arg<'_> {
    fn from(n: i64) -> Self {
        Arg::Int(n)
    }
}

impl From<bool> for Arg<'_> {
    fn from(b: bool) -> Self {
        Arg::Int(i64::from(b))
    }
}

pub fn statement(db: &D1Database, sql: &str, args: &[Arg<'_>]) -> ApiResult<D1PreparedStatement> {
    let values: Vec<JsValue> = args.iter().map(JsValue::from).collect();
    Ok(db.prepare(sql).bind(&values)?)
}

pub async fn first<T: DeserializeOwned>(
    db: &D1Database,
    sql: &str,
    args: &[Arg<'_>],
) -> ApiResult<Option<T>> {
    statement(db, sql, args)?
        .first::<T>(None)
        .await
        .map_err(d1_error)
}

pub async fn all<T: DeserializeOwned>(
    db: &D1Database,
    sql: &str,
    args: &[Arg<'_>],
) -> ApiResult<Vec<T>> {
    let result = statement(db, sql, args)?.all().await.map_err(d1_error)?;
    Ok(result.results::<T>()?)
}

/// Runs a write; returns how many rows it changed.
pub async fn run(db: &D1Database, sql: &str, args: &[Arg<'_>]) -> ApiResult<usize> {
    let result = statement(db, sql, args)?.run().await.map_err(d1_error)?;
    Ok(result.meta()?.and_then(|meta| meta.changes).unwrap_or(0))
}

/// Runs writes in one transaction: all or nothing.
pub async fn batch(db: &D1Database, statements: Vec<D1PreparedStatement>) -> ApiResult<()> {
    db.batch(statements).await.map_err(d1_error)?;
    Ok(())
}

/// A uniqueness violation is the caller's conflict, not a server failure.
fn d1_error(error: worker::Error) -> ApiError {
    let text = error.to_string();
    if text.contains("UNIQUE constraint failed") {
        ApiError::new(ErrorCode::Conflict, "that already exists")
    } else {
        ApiError::internal(text)
    }
}

/// How many rows `from_where` (a table and its condition) has.
pub async fn count(db: &D1Database, from_where: &str, args: &[Arg<'_>]) -> ApiResult<u64> {
    #[derive(serde::Deserialize)]
    struct Count {
        n: i64,
    }
    let counted =
        first::<Count>(db, &format!("SELECT COUNT(*) AS n FROM {from_where}"), args).await?;
    Ok(counted.map_or(0, |c| c.n.max(0) as u64))
}

/// One page of rows and how many there are in all: `SELECT {columns} FROM {from_where}
/// ORDER BY {order}`, `args` binding the condition's placeholders.
pub async fn page_of<T: DeserializeOwned>(
    db: &D1Database,
    columns: &str,
    from_where: &str,
    order: &str,
    args: &[Arg<'_>],
    page: PageRequest,
) -> ApiResult<(Vec<T>, u64)> {
    let total = count(db, from_where, args).await?;
    let mut paged: Vec<Arg<'_>> = args.iter().map(Arg::copied).collect();
    paged.extend([i64::from(page.limit).into(), (page.offset() as i64).into()]);
    let rows = all(
        db,
        &format!("SELECT {columns} FROM {from_where} ORDER BY {order} LIMIT ? OFFSET ?"),
        &paged,
    )
    .await?;
    Ok((rows, total))
}

/// Proves D1 answers and the schema is migrated (the `workspaces` table exists).
pub async fn ping(db: &D1Database) -> ApiResult<()> {
    first::<serde_json::Value>(db, "SELECT COUNT(*) AS n FROM workspaces", &[])
        .await
        .map(drop)
}

/// SQLite stores booleans as 0/1.
pub fn flag(value: i64) -> bool {
    value != 0
}
