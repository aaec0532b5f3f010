//! HS256 JSON Web Tokens for agents, admins and visitors. Pure: the caller passes the time.

use crate::crypto;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use parley_shared_types::auth::Role;
use serde::{Deserialize, Serialize};

const HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// An agent or admin signed in with a password.
    User,
    /// A widget visitor, bound to one conversation.
    Visitor,
    /// An emailed link back to a visitor's conversation: exchanged for a visitor token.
    Resume,
    /// An emailed link that stops a conversation's emails.
    Unsubscribe,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// User id, or the visitor id.
    pub sub: String,
    /// Workspace id.
    pub ws: String,
    pub kind: TokenKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// The one conversation a visitor token opens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conv: Option<String>,
    pub iat: u64,
    pub exp: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JwtError {
    Malformed,
    BadSignature,
    Expired,
}

impl std::fmt::Display for JwtError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            JwtError::Malformed => "the token is malformed",
            JwtError::BadSignature => "the token's signature is invalid",
            JwtError::Expired => "the token has expired",
        })
    }
}

pub fn encode(claims: &Claims, secret: &[u8]) -> String {
    let payload = serde_json::to_vec(claims).expect("claims are plain data");
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(HEADER),
        URL_SAFE_NO_PAD.encode(payload)
    );
    let tag = crypto::hmac_sha256(secret, signing_input.as_bytes());
    format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(tag))
}

/// Checks the signature (constant time), the algorithm and expiry at `now` (Unix seconds).
pub fn decode(token: &str, secret: &[u8], now: u64) -> Result<Claims, JwtError> {
    let (signing_input, signature) = token.rsplit_once('.').ok_or(JwtError::Malformed)?;
    let (header, payload) = signing_input.split_once('.').ok_or(JwtError::Malformed)?;
    if payload.contains('.') {
        return Err(JwtError::Malformed);
    }
    let header: serde_json::Value = decode_json(header)?;
    if header["alg"] != "HS256" {
        return Err(JwtError::BadSignature);
    }
    let signature = URL_SAFE_NO_PAD
        .decode(signature)
        .map_err(|_| JwtError::Malformed)?;
    if !crypto::hmac_sha256_verifies(secret, signing_input.as_bytes(), &signature) {
        return Err(JwtError::BadSignature);
    }
    let claims: Claims = decode_json(payload)?;
    if claims.exp <= now {
        return Err(JwtError::Expired);
    }
    Ok(claims)
}

fn decode_json<T: serde::de::DeserializeOwned>(part: &str) -> Result<T, JwtError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| JwtError::Malformed)?;
    serde_json::from_slice(&bytes).map_err(|_| JwtError::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(exp: u64) -> Claims {
        Claims {
            sub: "u-1".into(),
            ws: "w-1".into(),
            kind: TokenKind::User,
            role: Some(Role::Agent),
            conv: None,
            iat: 100,
            exp,
        }
    }

    #[test]
    fn round_trips_and_expires() {
        let token = encode(&claims(200), b"secret");
        assert_eq!(decode(&token, b"secret", 199), Ok(claims(200)));
        assert_eq!(decode(&token, b"secret", 200), Err(JwtError::Expired));
    }

    #[test]
    fn refuses_another_key_and_tampering() {
        let token = encode(&claims(200), b"secret");
        assert_eq!(decode(&token, b"other", 150), Err(JwtError::BadSignature));
        let forged = claims(200).clone();
        let forged_payload = URL_SAFE_NO_PAD.encode(
            serde_json::to_vec(&Claims {
                role: Some(Role::Admin),
                ..forged
            })
            .unwrap(),
        );
        let mut parts: Vec<&str> = token.split('.').collect();
        parts[1] = &forged_payload;
        assert_eq!(
            decode(&parts.join("."), b"secret", 150),
            Err(JwtError::BadSignature)
        );
    }

    #[test]
    fn refuses_alg_none_and_garbage() {
        let token = encode(&claims(200), b"secret");
        let body = token.split('.').nth(1).unwrap();
        let none = format!(
            "{}.{body}.",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#)
        );
        assert_eq!(decode(&none, b"secret", 150), Err(JwtError::BadSignature));
        assert_eq!(
            decode("not-a-token", b"secret", 150),
            Err(JwtError::Malformed)
        );
        assert_eq!(decode("a.b.c.d", b"secret", 150), Err(JwtError::Malformed));
    }
}
