//! The one home of HMAC-SHA256 and SHA-256 (RustCrypto, pure): JWTs, webhook signatures and
//! stored secrets use these. Password hashing (PBKDF2) runs in WebCrypto (`auth/password.rs`).

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

fn keyed(key: &[u8], message: &[u8]) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(message);
    mac
}

/// HMAC-SHA256 of `message` under `key`.
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    keyed(key, message).finalize().into_bytes().into()
}

/// Whether `tag` is the HMAC-SHA256 of `message` under `key`, compared in constant time.
pub fn hmac_sha256_verifies(key: &[u8], message: &[u8], tag: &[u8]) -> bool {
    keyed(key, message).verify_slice(tag).is_ok()
}

/// SHA-256 of `data`, as lowercase hex.
pub fn sha256_hex(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

/// Bytes as lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_sha256_matches_rfc_4231() {
        // Test case 2.
        let tag = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hex(&tag),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert!(hmac_sha256_verifies(
            b"Jefe",
            b"what do ya want for nothing?",
            &tag
        ));
        assert!(!hmac_sha256_verifies(b"Jefe", b"what do ya want?", &tag));
    }

    #[test]
    fn sha256_is_hex_of_the_digest() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
