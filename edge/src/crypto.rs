//! The one home of HMAC and SHA-256 (RustCrypto, pure): JWTs, webhook signatures, payment
//! providers' signatures and stored secrets use these. Password hashing (PBKDF2) runs in WebCrypto (`auth/password.rs`).

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256, Sha512};

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

/// Whether `tag_hex` is the lowercase-or-uppercase hex HMAC-SHA512 of `message` under `key`
/// (Paymob's callbacks), compared in constant time.
pub fn hmac_sha512_hex_verifies(key: &[u8], message: &[u8], tag_hex: &str) -> bool {
    let Some(tag) = unhex(tag_hex) else {
        return false;
    };
    let mut mac = Hmac::<Sha512>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(message);
    mac.verify_slice(&tag).is_ok()
}

/// Whether `hex_digest` is the SHA-256 of `data` (Fawry's signatures), in constant time.
pub fn sha256_hex_matches(data: &[u8], hex_digest: &str) -> bool {
    use subtle::ConstantTimeEq;
    unhex(hex_digest)
        .is_some_and(|digest| bool::from(Sha256::digest(data).as_slice().ct_eq(&digest)))
}

/// Checks a `t=<unix>,v1=<hex>[,v1=…]` signature header (Stripe's scheme, which Parley's own
/// `Parley-Signature` follows) over the raw body: some `v1` must be HMAC-SHA256(secret,
/// "<t>.<body>") and `t` within `tolerance_secs` of `now`. The error completes "the header …".
pub fn verify_timestamped_signature(
    header: &str,
    body: &str,
    secret: &str,
    now: u64,
    tolerance_secs: u64,
) -> Result<(), &'static str> {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", value)) => timestamp = value.parse::<u64>().ok(),
            Some(("v1", value)) => signatures.push(value),
            _ => {}
        }
    }
    let timestamp = timestamp.ok_or("has no timestamp")?;
    if now.abs_diff(timestamp) > tolerance_secs {
        return Err("has a timestamp outside the tolerance");
    }
    let signed = format!("{timestamp}.{body}");
    let valid = signatures.iter().any(|signature| {
        unhex(signature)
            .is_some_and(|tag| hmac_sha256_verifies(secret.as_bytes(), signed.as_bytes(), &tag))
    });
    if valid {
        Ok(())
    } else {
        Err("has no v1 signature that matches")
    }
}

/// Hex (either case) as bytes.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
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
    fn hmac_sha512_matches_rfc_4231_in_hex() {
        // Test case 2.
        let tag = "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737";
        assert!(hmac_sha512_hex_verifies(
            b"Jefe",
            b"what do ya want for nothing?",
            tag
        ));
        assert!(hmac_sha512_hex_verifies(
            b"Jefe",
            b"what do ya want for nothing?",
            &tag.to_uppercase()
        ));
        assert!(!hmac_sha512_hex_verifies(b"Jefe", b"what do ya want?", tag));
        assert!(!hmac_sha512_hex_verifies(
            b"Jefe",
            b"what do ya want for nothing?",
            "zz"
        ));
    }

    #[test]
    fn sha256_is_hex_of_the_digest() {
        assert!(sha256_hex_matches(
            b"abc",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        ));
        assert!(!sha256_hex_matches(
            b"abd",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        ));
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
