//! The room's SQL on a native in-memory SQLite, so its tables are tested with real SQL.

use super::message_log::Sql;
use crate::error::{ApiError, ApiResult};
use rusqlite::types::Value;
use serde::de::DeserializeOwned;
use worker::SqlStorageValue;

/// The same SQL on a native in-memory SQLite; clones share the database, as a room's
/// tables share its storage.
#[derive(Clone)]
pub struct Native(std::rc::Rc<rusqlite::Connection>);

impl Native {
    pub fn in_memory() -> Self {
        Native(std::rc::Rc::new(
            rusqlite::Connection::open_in_memory().unwrap(),
        ))
    }
}

impl Sql for Native {
    fn rows<T: DeserializeOwned>(
        &self,
        query: &str,
        values: Vec<SqlStorageValue>,
    ) -> ApiResult<Vec<T>> {
        let mut statement = self.0.prepare(query).map_err(ApiError::internal)?;
        let names: Vec<String> = statement
            .column_names()
            .into_iter()
            .map(str::to_owned)
            .collect();
        let values: Vec<Value> = values
            .into_iter()
            .map(|value| match value {
                SqlStorageValue::Null => Value::Null,
                SqlStorageValue::Boolean(b) => Value::Integer(i64::from(b)),
                SqlStorageValue::Integer(i) => Value::Integer(i),
                SqlStorageValue::Float(f) => Value::Real(f),
                SqlStorageValue::String(s) => Value::Text(s),
                SqlStorageValue::Blob(b) => Value::Blob(b),
            })
            .collect();
        let mut rows = statement
            .query(rusqlite::params_from_iter(values))
            .map_err(ApiError::internal)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(ApiError::internal)? {
            let mut object = serde_json::Map::new();
            for (i, name) in names.iter().enumerate() {
                let value = match row.get::<_, Value>(i).map_err(ApiError::internal)? {
                    Value::Null => serde_json::Value::Null,
                    Value::Integer(i) => i.into(),
                    Value::Real(f) => f.into(),
                    Value::Text(s) => s.into(),
                    Value::Blob(b) => b.into(),
                };
                object.insert(name.clone(), value);
            }
            out.push(serde_json::from_value(object.into()).map_err(ApiError::internal)?);
        }
        Ok(out)
    }
}
