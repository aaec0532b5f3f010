//! The domain layer: what the HTTP layer and the Durable Objects both do with conversations,
//! bots, widgets and chats, as functions of the Worker's `Env` (and a
//! [`crate::webhooks::Defer`] for work that outlives the caller). Nothing here knows HTTP.

pub mod agent_loops;
pub mod analytics;
pub mod assignment;
pub mod attachments;
pub mod billing;
pub mod bots;
pub mod channels;
pub mod chat_rounds;
pub mod contacts;
pub mod conversations;
pub mod follow_up;
pub mod handoff;
pub mod knowledge;
pub mod labels;
pub mod ratings;
pub mod stats;
pub mod sub_accounts;
pub mod webhooks;
pub mod widgets;
