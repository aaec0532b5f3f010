//! Identifiers and secrets: random UUIDs from the runtime's crypto.getRandomValues.

use sha2::{Digest, Sha256};

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
    format!("{:x}", Sha256::digest(secret.as_bytes()))
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
