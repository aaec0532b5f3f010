//! D1 access: the only place with SQL for D1. Every query that reads tenant data takes the
//! caller's workspace id.

use worker::D1Database;

/// Proves D1 answers and the schema is migrated (the `workspaces` table exists).
pub async fn ping(db: &D1Database) -> worker::Result<()> {
    db.prepare("SELECT COUNT(*) AS n FROM workspaces")
        .first::<serde_json::Value>(None)
        .await?;
    Ok(())
}
