//! Query strings for the edge's URLs.

/// Percent-encodes all but RFC 3986's unreserved characters.
pub fn encode(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut encoded = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                encoded.push(char::from(b));
            }
            _ => {
                encoded.push('%');
                encoded.push(char::from(HEX[usize::from(b >> 4)]));
                encoded.push(char::from(HEX[usize::from(b & 0xf)]));
            }
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test(unsupported = test)]
    fn keeps_unreserved_characters_and_escapes_the_rest() {
        assert_eq!(super::encode("a.b_c~d-9"), "a.b_c~d-9");
        assert_eq!(super::encode("ana & bo/é"), "ana%20%26%20bo%2F%C3%A9");
    }
}
