//! The harness every integration and browser test uses: a real `wrangler dev` with a fresh
//! local state, typed HTTP and hub clients, headless Chromium through chromedriver, and host
//! pages on a second origin. Every process it starts dies with the test binary.

pub mod admin_page;
pub mod api;
pub mod baseline;
pub mod browser;
pub mod client_tools;
pub mod exchange;
pub mod fake_email;
pub mod fake_fawry;
pub mod fake_openai;
pub mod fake_paymob;
pub mod fake_stripe;
pub mod fake_telegram;
pub mod fault_proxy;
pub mod fixtures;
pub mod host_page;
pub mod hub;
pub mod process;
pub mod schemathesis;
pub mod server;
pub mod sizes;
pub mod webhook_receiver;
pub mod widget_page;

pub use api::{Answer, Api};
pub use browser::Browser;
pub use host_page::HostPage;
pub use hub::HubClient;
pub use server::Server;
pub use webhook_receiver::WebhookReceiver;

/// Any failure in the harness: says what it was doing.
pub type Result<T> = std::result::Result<T, String>;
