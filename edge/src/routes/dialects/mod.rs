//! Foreign wire dialects: each a thin adapter (paths, casing, envelopes, header conventions)
//! over the same domain calls as `/api`, with its own `routes()` relative to its base path.

pub mod rocketflow;
