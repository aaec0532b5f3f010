//! Types every Parley crate agrees on: the edge serves them, the widget, the admin UI and the
//! tests consume them. Pure data and validation; no I/O, so it compiles for native and wasm32.

pub mod agent_loop;
pub mod analytics;
pub mod api_key;
pub mod attachment;
pub mod auth;
pub mod billing;
pub mod bot;
pub mod business_hours;
pub mod canned;
pub mod channel;
pub mod chat;
pub mod chatbotkit;
pub mod contact;
pub mod conversation;
pub mod follow_up;
pub mod health;
pub mod hub;
pub mod label;
pub mod message;
pub mod outbound;
pub mod page;
pub mod pre_chat;
pub mod problem;
pub mod rocketflow;
pub mod stats;
pub mod sub_account;
pub mod validate;
pub mod webhook;
pub mod widget;
pub mod widget_text;
