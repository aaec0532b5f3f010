//! The browser side of Parley's edge, shared by the widget and the admin UI: requests whose
//! failures read as the edge's problem JSON ([`http`]), and a hub connection that reconnects
//! and resumes from the last `seq` it saw ([`hub`]). JSON goes through the browser's own
//! ([`json`], [`shapes`]); the `serde` feature adds serde-typed calls and every hub event for
//! the admin UI, and keeps them out of the widget; the `views` feature adds the Leptos views
//! both draw alike ([`message_text`]).

pub mod backoff;
pub mod http;
pub mod hub;
pub mod json;
pub mod linkify;
pub mod markdown;
#[cfg(feature = "views")]
pub mod message_text;
pub mod shapes;
pub mod url;
