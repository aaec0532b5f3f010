//! Foreign wire formats over Parley's own domain calls: each dialect is a thin adapter (paths,
//! field names, envelopes), never a second implementation.

pub mod chatbotkit;
