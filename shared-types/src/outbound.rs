//! Where Parley may send a request it was told to make: webhook deliveries, knowledge pages,
//! OpenAI-compatible endpoints. One host policy for all of them, so no caller can aim the
//! Worker at loopback, a private network or a cloud metadata service.
//!
//! URLs are read with the WHATWG parser (the `url` crate, as the Workers runtime reads them),
//! so `127.1`, `0x7f.0.0.1`, `2130706433` and `127.0.0.1.` are the IPv4 address they stand for
//! before they are classified, and the host checked is the host that is connected to.

use std::net::Ipv4Addr;
use url::{Host, Url};

/// What a deployment lets outbound requests reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlPolicy {
    /// Production webhooks: `https://` on a public host.
    PublicHttpsOnly,
    /// Production fetches (knowledge pages, model endpoints): http(s) on a public host.
    PublicHttp,
    /// `wrangler dev`: http(s) anywhere, loopback included, so a developer (or a test) can
    /// serve the other end on their own machine.
    AllowLocal,
}

/// Why a URL is refused. The texts are meant for the person who typed the URL; they never say
/// anything about what answers at the other end.
pub type Refusal = &'static str;

/// The URL, parsed, when `policy` lets Parley send a request to it.
pub fn check(url: &str, policy: UrlPolicy) -> Result<Url, Refusal> {
    let parsed = Url::parse(url.trim()).map_err(|_| "must be an absolute http(s) URL")?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err("must be an http(s) URL");
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err("must not carry credentials");
    }
    let host = parsed.host().ok_or("must name a host")?;
    match policy {
        UrlPolicy::AllowLocal => Ok(parsed),
        UrlPolicy::PublicHttpsOnly if parsed.scheme() != "https" => Err("must be an https URL"),
        UrlPolicy::PublicHttpsOnly | UrlPolicy::PublicHttp if is_public(&host) => Ok(parsed),
        UrlPolicy::PublicHttpsOnly | UrlPolicy::PublicHttp => Err("must be a public host"),
    }
}

fn is_public(host: &Host<&str>) -> bool {
    match host {
        Host::Ipv4(ip) => is_public_ipv4(*ip),
        // IPv6 literals are refused rather than classified: nothing legitimate needs one.
        Host::Ipv6(_) => false,
        Host::Domain(name) => is_public_name(name),
    }
}

fn is_public_ipv4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || a >= 240
        || (a == 100 && (64..128).contains(&b))
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (18..20).contains(&b)))
}

/// Internal names: single labels, `localhost`, and the suffixes private networks use. A name
/// whose last label is numeric is what the URL parser refused to read as an address.
fn is_public_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let name = name.strip_suffix('.').unwrap_or(&name);
    let Some((_, last)) = name.rsplit_once('.') else {
        return false;
    };
    const INTERNAL_SUFFIXES: [&str; 8] = [
        "localhost",
        "local",
        "internal",
        "intranet",
        "lan",
        "home.arpa",
        "corp",
        "localdomain",
    ];
    let internal = INTERNAL_SUFFIXES
        .iter()
        .any(|suffix| name == *suffix || name.ends_with(&format!(".{suffix}")));
    let numeric = last.chars().all(|c| c.is_ascii_hexdigit())
        && last.starts_with(|c: char| c.is_ascii_digit());
    !(internal || numeric || name.is_empty() || name.contains(".."))
}

#[cfg(test)]
mod tests {
    use super::*;

    const REFUSED_IN_PRODUCTION: [&str; 28] = [
        "http://127.0.0.1/",
        "http://127.1/",
        "http://0x7f.0.0.1/",
        "http://0x7f000001/",
        "http://2130706433/",
        "http://2130706433./",
        "http://017700000001/",
        "http://0177.0.0.1/",
        "http://127.0.0.1./",
        "http://localhost/",
        "http://localhost./",
        "http://LOCALHOST:8787/",
        "http://api.localhost/",
        "http://metadata.google.internal./computeMetadata/v1/",
        "http://db.internal./",
        "http://printer.local/",
        "http://intranet/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://10.0.0.7/",
        "http://172.16.0.1/",
        "http://192.168.1.1/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
        "http://user:pw@example.com/",
        "http://example.com@127.0.0.1/",
        "http://%31%32%37.0.0.1/",
    ];

    #[test]
    fn production_refuses_every_form_of_an_internal_host() {
        for url in REFUSED_IN_PRODUCTION {
            for policy in [UrlPolicy::PublicHttp, UrlPolicy::PublicHttpsOnly] {
                let https = url.replacen("http://", "https://", 1);
                assert!(check(&https, policy).is_err(), "{https} under {policy:?}");
            }
        }
    }

    #[test]
    fn production_accepts_public_hosts() {
        for url in [
            "https://api.openai.com/v1",
            "https://docs.example.com/faq?x=1",
            "https://example.com./",
            "https://8.8.8.8/",
        ] {
            assert!(check(url, UrlPolicy::PublicHttp).is_ok(), "{url}");
            assert!(check(url, UrlPolicy::PublicHttpsOnly).is_ok(), "{url}");
        }
        assert!(check("http://example.com/", UrlPolicy::PublicHttp).is_ok());
        assert!(check("http://example.com/", UrlPolicy::PublicHttpsOnly).is_err());
    }

    #[test]
    fn other_schemes_and_relative_urls_are_refused_everywhere() {
        for url in [
            "ftp://example.com/",
            "file:///etc/passwd",
            "gopher://127.0.0.1/",
            "example.com",
            "/relative",
            "javascript:alert(1)",
        ] {
            assert!(check(url, UrlPolicy::AllowLocal).is_err(), "{url}");
        }
    }

    #[test]
    fn development_may_reach_loopback_but_never_with_credentials() {
        assert!(check("http://127.0.0.1:9000/hook", UrlPolicy::AllowLocal).is_ok());
        assert!(check("http://localhost:9000/", UrlPolicy::AllowLocal).is_ok());
        assert!(check("http://u:p@127.0.0.1:9000/", UrlPolicy::AllowLocal).is_err());
    }
}
