//! Query strings for the edge's URLs.

/// Percent-encodes all but RFC 3986's unreserved characters.
pub fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
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
