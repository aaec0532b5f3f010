//! Password hashes: PBKDF2-SHA256 in PHC string form, derived by the runtime's WebCrypto.

use crate::error::{ApiError, ApiResult};
use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use js_sys::{Array, Reflect, Uint8Array};
use subtle::ConstantTimeEq;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The most Workers' WebCrypto accepts for PBKDF2.
pub const ROUNDS: u32 = 100_000;
const HASH_BYTES: usize = 32;
const IDENT: &str = "pbkdf2-sha256";

/// A parsed `$pbkdf2-sha256$i=<rounds>,l=<len>$<salt>$<hash>` (PHC, base64 without padding).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhcHash {
    pub rounds: u32,
    pub salt: Vec<u8>,
    pub hash: Vec<u8>,
}

impl PhcHash {
    pub fn parse(phc: &str) -> Option<PhcHash> {
        let mut fields = phc.strip_prefix('$')?.split('$');
        let (ident, params, salt, hash) = (
            fields.next()?,
            fields.next()?,
            fields.next()?,
            fields.next()?,
        );
        if ident != IDENT || fields.next().is_some() {
            return None;
        }
        let mut rounds = None;
        let mut length = None;
        for param in params.split(',') {
            match param.split_once('=')? {
                ("i", value) => rounds = value.parse::<u32>().ok(),
                ("l", value) => length = value.parse::<usize>().ok(),
                _ => return None,
            }
        }
        let hash = STANDARD_NO_PAD.decode(hash).ok()?;
        if length.is_some_and(|l| l != hash.len()) || hash.is_empty() {
            return None;
        }
        Some(PhcHash {
            rounds: rounds?,
            salt: STANDARD_NO_PAD.decode(salt).ok()?,
            hash,
        })
    }

    pub fn to_phc(&self) -> String {
        format!(
            "${IDENT}$i={},l={}${}${}",
            self.rounds,
            self.hash.len(),
            STANDARD_NO_PAD.encode(&self.salt),
            STANDARD_NO_PAD.encode(&self.hash)
        )
    }
}

/// A new PHC hash with a random salt.
pub async fn hash(password: &str) -> ApiResult<String> {
    // A v4 UUID is 122 bits from crypto.getRandomValues: ample for a salt.
    let salt = uuid::Uuid::new_v4().into_bytes();
    let hash = derive(password, &salt, ROUNDS).await?;
    Ok(PhcHash {
        rounds: ROUNDS,
        salt: salt.to_vec(),
        hash,
    }
    .to_phc())
}

/// Whether `password` matches a stored PHC hash (compared in constant time).
pub async fn verify(password: &str, phc: &str) -> ApiResult<bool> {
    let Some(stored) = PhcHash::parse(phc) else {
        return Ok(false);
    };
    if stored.rounds > ROUNDS {
        return Ok(false);
    }
    let derived = derive(password, &stored.salt, stored.rounds).await?;
    Ok(derived.ct_eq(&stored.hash).into())
}

async fn derive(password: &str, salt: &[u8], rounds: u32) -> ApiResult<Vec<u8>> {
    web_crypto_pbkdf2(password, salt, rounds)
        .await
        .map_err(|e| ApiError::internal(format!("WebCrypto PBKDF2: {e:?}")))
}

async fn web_crypto_pbkdf2(password: &str, salt: &[u8], rounds: u32) -> Result<Vec<u8>, JsValue> {
    let crypto: web_sys::Crypto =
        Reflect::get(&js_sys::global(), &"crypto".into())?.unchecked_into();
    let subtle = crypto.subtle();
    let usages = Array::of1(&"deriveBits".into());
    let key = JsFuture::from(subtle.import_key_with_str(
        "raw",
        &Uint8Array::from(password.as_bytes()),
        "PBKDF2",
        false,
        &usages,
    )?)
    .await?;
    let params =
        web_sys::Pbkdf2Params::new("PBKDF2", &"SHA-256".into(), rounds, &Uint8Array::from(salt));
    let bits = JsFuture::from(subtle.derive_bits_with_object(
        &params,
        &key.unchecked_into(),
        (HASH_BYTES * 8) as u32,
    )?)
    .await?;
    Ok(Uint8Array::new(&bits).to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_the_pbkdf2_crate_writes() {
        // The layout the pbkdf2 crate writes (xtask seeds the demo users with it).
        let phc = "$pbkdf2-sha256$i=100000,l=32$c2FsdHNhbHRzYWx0$QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY";
        let parsed = PhcHash::parse(phc).unwrap();
        assert_eq!(parsed.rounds, 100_000);
        assert_eq!(parsed.salt, b"saltsaltsalt");
        assert_eq!(parsed.hash.len(), 32);
        assert_eq!(parsed.to_phc(), phc);
    }

    #[test]
    fn refuses_other_schemes_and_broken_strings() {
        assert_eq!(
            PhcHash::parse("$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA"),
            None
        );
        assert_eq!(PhcHash::parse("$pbkdf2-sha256$i=1000$c2FsdA"), None);
        assert_eq!(
            PhcHash::parse("$pbkdf2-sha256$i=1000,l=5$c2FsdA$aGFzaA"),
            None,
            "length must match"
        );
        assert_eq!(PhcHash::parse("plain-text-password"), None);
    }
}
