//! Identifiers and secrets: random UUIDs from the runtime's crypto.getRandomValues.

use crate::crypto;
use crate::error::{ApiError, ApiResult};
use parley_shared_types::problem::ErrorCode;

/// Ids are UUIDs; anything else names nothing, so it is "not found".
pub fn parse_id(id: &str, what: &str) -> ApiResult<String> {
    uuid::Uuid::parse_str(id)
        .map(|uuid| uuid.hyphenated().to_string())
        .map_err(|_| ApiError::new(ErrorCode::NotFound, format!("no {what} {id:?}")))
}

pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// An opaque bearer secret (244 random bits).
pub fn new_secret() -> String {
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

/// How secrets are stored: SHA-256, hex. Secrets are random, so no salt or KDF is needed.
pub fn secret_hash(secret: &str) -> String {
    crypto::sha256_hex(secret.as_bytes())
}

#[cfg(test)]
mod tests {
    #[test]
    fn secret_hash_is_hex_sha256() {
        assert_eq!(
            super::secret_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
