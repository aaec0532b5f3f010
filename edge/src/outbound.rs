//! Requests Parley sends to URLs its users gave it (knowledge pages, model endpoints, webhook
//! receivers). Every hop is checked against the deployment's host policy before it is sent:
//! redirects are never followed by the runtime, only here, one checked hop at a time. What
//! went wrong is said in words that tell nothing about what answered inside a network.

use crate::settings;
use futures_util::future::{Either, select};
use parley_shared_types::outbound::{self, UrlPolicy};
use std::pin::pin;
use std::time::Duration;
use worker::{Delay, Env, Fetch, Request, RequestRedirect, Response, Url};

/// The most redirects a page fetch follows.
const MAX_REDIRECTS: usize = 5;

/// What the request is for: webhooks want https in production, fetches accept http too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Webhook,
    Fetch,
}

/// Production reaches only public hosts; `wrangler dev` may reach loopback, so a developer
/// (or a test) can serve the other end on their machine.
pub fn policy(env: &Env, purpose: Purpose) -> UrlPolicy {
    match (settings::is_development(env), purpose) {
        (true, _) => UrlPolicy::AllowLocal,
        (false, Purpose::Webhook) => UrlPolicy::PublicHttpsOnly,
        (false, Purpose::Fetch) => UrlPolicy::PublicHttp,
    }
}

/// The URL when `policy` allows a request to it.
pub fn allowed(url: &str, policy: UrlPolicy) -> Result<Url, String> {
    outbound::check(url, policy).map_err(|why| format!("the URL {why}"))
}

/// Sends the request `build` makes for a URL, following up to [`MAX_REDIRECTS`] redirects
/// when `follow` (each target checked first), within `timeout`. The error is a sentence for
/// the person who configured the URL.
pub async fn send(
    url: &str,
    policy: UrlPolicy,
    follow: bool,
    timeout: Duration,
    build: impl Fn(&Url) -> worker::Result<Request>,
) -> Result<Response, String> {
    let hops = async {
        let mut target = allowed(url, policy)?;
        for _ in 0..=MAX_REDIRECTS {
            let request = build(&target).map_err(|_| "the request could not be made".to_owned())?;
            let response = Fetch::Request(request)
                .send()
                .await
                .map_err(|_| "could not connect".to_owned())?;
            let location = response.headers().get("location").ok().flatten();
            match location {
                Some(location) if follow && (300..400).contains(&response.status_code()) => {
                    let next = target
                        .join(&location)
                        .map_err(|_| "it redirected to an unreadable URL".to_owned())?;
                    target = allowed(next.as_str(), policy).map_err(|why| {
                        format!("it redirected to a URL Parley may not fetch ({why})")
                    })?;
                }
                _ => return Ok(response),
            }
        }
        Err(format!("it redirected more than {MAX_REDIRECTS} times"))
    };
    match select(pin!(hops), pin!(Delay::from(timeout))).await {
        Either::Left((sent, _)) => sent,
        Either::Right(_) => Err(format!("no answer within {} s", timeout.as_secs())),
    }
}

/// Whether a request made with `init` is left to [`send`] to redirect.
pub fn manual_redirects(init: &mut worker::RequestInit) -> &mut worker::RequestInit {
    init.with_redirect(RequestRedirect::Manual)
}
