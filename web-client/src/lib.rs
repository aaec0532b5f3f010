//! The browser side of Parley's edge, shared by the widget and the admin UI: typed requests
//! whose failures read as the edge's problem JSON ([`http`]), and a hub connection that
//! reconnects and resumes from the last `seq` it saw ([`hub`]).

pub mod backoff;
pub mod http;
pub mod hub;
pub mod url;
