//! D1 access: the only place with SQL for D1. Every query that reads tenant data takes the
//! caller's workspace id.

pub mod agent_loops;
pub mod analytics;
pub mod api_keys;
pub mod attachments;
pub mod billing;
pub mod bots;
pub mod canned_responses;
pub mod channels;
pub mod chats;
pub mod contacts;
pub mod conversations;
mod d1;
pub mod dev_outbox;
pub mod knowledge;
pub mod labels;
pub mod message_search;
pub mod refresh_tokens;
pub mod signups;
pub mod stats;
pub mod sub_accounts;
pub mod users;
pub mod webhooks;
pub mod widgets;

pub use d1::{db, flag, ping};
