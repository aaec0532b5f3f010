//! D1 access every table file shares: bound arguments, one-row / all-rows / run / batch
//! queries whose failures are `ApiError`s (a UNIQUE violation is `CONFLICT`), counting and
//! paging.

use crate::error::{ApiError, ApiResult};
use parley_shared_types::page::ListRequest;
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
    fn copy(&self) -> Arg<'a> {
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
    batch_changes(db, statements).await.map(drop)
}

/// Runs writes in one transaction; returns how many rows each changed.
pub async fn batch_changes(
    db: &D1Database,
    statements: Vec<D1PreparedStatement>,
) -> ApiResult<Vec<usize>> {
    let results = db.batch(statements).await.map_err(d1_error)?;
    results
        .iter()
        .map(|result| Ok(result.meta()?.and_then(|meta| meta.changes).unwrap_or(0)))
        .collect()
}

/// Runs writes in one transaction; returns the rows the one at `index` answered (its
/// `RETURNING`).
pub async fn batch_rows<T: DeserializeOwned>(
    db: &D1Database,
    statements: Vec<D1PreparedStatement>,
    index: usize,
) -> ApiResult<Vec<T>> {
    let results = db.batch(statements).await.map_err(d1_error)?;
    match results.get(index) {
        Some(result) => Ok(result.results::<T>()?),
        None => Ok(Vec::new()),
    }
}

/// A uniqueness violation is the caller's conflict, not a server failure.
pub(super) fn d1_error(error: worker::Error) -> ApiError {
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

/// Proves D1 answers and the schema is migrated (the `workspaces` table exists).
pub async fn ping(db: &D1Database) -> ApiResult<()> {
    first::<serde_json::Value>(db, "SELECT COUNT(*) AS n FROM workspaces", &[])
        .await
        .map(drop)
}

/// The SQL that reads one [`ListRequest`] of a list ordered by `(order_column, id)`.
pub struct Paging<'a> {
    /// ` AND …` (or nothing): only the items after the cursor's, in list order.
    pub after_cursor: String,
    /// `ORDER BY …` and `LIMIT … OFFSET …`.
    pub order_and_limit: String,
    /// The arguments of both, in that order.
    pub args: Vec<Arg<'a>>,
}

impl<'a> Paging<'a> {
    /// `scope` is the list's own filter (`workspace_id = ? …`) with its arguments: a cursor
    /// names an item only inside it, so another workspace's id reads as no item at all and
    /// reveals neither that it exists nor when it was made.
    pub fn of(
        list: &'a ListRequest,
        (table, order_column): (&str, &str),
        (scope, scope_args): (&str, &[Arg<'a>]),
        newest_first: bool,
    ) -> Self {
        let (direction, comparison) = if newest_first {
            ("DESC", "<")
        } else {
            ("ASC", ">")
        };
        let mut args = Vec::new();
        let after_cursor = match &list.cursor {
            Some(cursor) => {
                args.push(Arg::Text(cursor));
                args.extend(scope_args.iter().map(Arg::copy));
                format!(
                    " AND ({order_column}, id) {comparison} (SELECT {order_column}, id FROM {table} WHERE id = ? AND {scope})"
                )
            }
            None => String::new(),
        };
        args.push(Arg::Int(i64::from(list.page.limit)));
        args.push(Arg::Int(list.page.offset() as i64));
        Paging {
            after_cursor,
            order_and_limit: format!(
                "ORDER BY {order_column} {direction}, id {direction} LIMIT ? OFFSET ?"
            ),
            args,
        }
    }
}

/// One page (or the rest after a cursor) of `SELECT {columns} FROM {table} WHERE {filter}`,
/// ordered oldest first by `(created_at, id)`, with the filter's total.
pub async fn page_of<T: DeserializeOwned>(
    db: &D1Database,
    (columns, table, filter): (&str, &str, &str),
    filter_args: &[Arg<'_>],
    list: &ListRequest,
) -> ApiResult<(Vec<T>, u64)> {
    let total = count(db, &format!("{table} WHERE {filter}"), filter_args).await?;
    let paging = Paging::of(list, (table, "created_at"), (filter, filter_args), false);
    let sql = format!(
        "SELECT {columns} FROM {table} WHERE {filter}{} {}",
        paging.after_cursor, paging.order_and_limit
    );
    let args: Vec<Arg<'_>> = filter_args
        .iter()
        .map(Arg::copy)
        .chain(paging.args)
        .collect();
    Ok((all(db, &sql, &args).await?, total))
}

/// SQLite stores booleans as 0/1.
pub fn flag(value: i64) -> bool {
    value != 0
}
