//! The Durable Objects, one file (or folder) each, and the shell they share (`shell.rs`:
//! reading and answering commands, hibernatable hub sockets). Callers reach them through
//! `crate::object_client`.

pub mod agent_loop_runner;
pub mod conversation_room;
mod elsewhere;
pub mod hub_session;
pub mod rate_counter;
mod shell;
pub mod webhook_dispatcher;
pub mod workspace_inbox;
