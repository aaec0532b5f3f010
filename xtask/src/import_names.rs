//! Shortens the names of the functions a wasm module imports from its JS glue. wasm-bindgen
//! names each `__wbg_<name>_<16 hex digits>`, and those random digits compress to nothing:
//! in the widget they were 3 KB of brotli across the wasm and the glue. Each such function
//! import the glue names exactly once (its key in the imports object) is renamed in both;
//! anything else keeps its name.

use crate::run::{Failure, Result};
use std::path::Path;

const IMPORT_SECTION: u8 = 2;
/// How wasm-bindgen begins the names of the functions it generates in the glue.
const GENERATED: &str = "__wbg_";

pub fn shorten(wasm_path: &Path, glue_path: &Path) -> Result {
    let fail = |e: String| Failure::new("shortening import names", e);
    let wasm = std::fs::read(wasm_path).map_err(|e| fail(e.to_string()))?;
    let glue = std::fs::read_to_string(glue_path).map_err(|e| fail(e.to_string()))?;
    let (wasm, glue) = rename(&wasm, &glue).ok_or_else(|| {
        fail(format!(
            "{} is not a wasm module wasm-bindgen wrote",
            wasm_path.display()
        ))
    })?;
    std::fs::write(wasm_path, wasm).map_err(|e| fail(e.to_string()))?;
    std::fs::write(glue_path, glue).map_err(|e| fail(e.to_string()))
}

/// The module and glue with the glue's imports renamed `a`, `b`, … `z`, `a1`, …; `None` when
/// `wasm` cannot be read.
fn rename(wasm: &[u8], glue: &str) -> Option<(Vec<u8>, String)> {
    let mut glue = glue.to_owned();
    let mut out = wasm.get(..8)?.to_vec();
    let mut at = 8;
    let mut next = 0;
    while at < wasm.len() {
        let id = wasm[at];
        let (size, body) = leb(wasm, at + 1)?;
        let end = body.checked_add(size as usize)?;
        let section = wasm.get(body..end)?;
        if id == IMPORT_SECTION {
            let renamed = rename_imports(section, &mut glue, &mut next)?;
            out.push(id);
            write_leb(&mut out, renamed.len() as u64);
            out.extend(renamed);
        } else {
            out.extend(&wasm[at..end]);
        }
        at = end;
    }
    Some((out, glue))
}

fn rename_imports(section: &[u8], glue: &mut String, next: &mut usize) -> Option<Vec<u8>> {
    let (count, mut at) = leb(section, 0)?;
    let mut out = Vec::new();
    write_leb(&mut out, count);
    for _ in 0..count {
        let (_module, after_module) = name(section, at)?;
        let (field, after_field) = name(section, after_module)?;
        let desc_end = skip_import_desc(section, after_field)?;
        out.extend(&section[at..after_module]);
        let field = std::str::from_utf8(field).ok()?;
        let short = short_name(*next);
        // wasm-bindgen's own function imports (never an export's name), where the glue's
        // imports object is the one place they are named: a short key cannot clash with the
        // minified glue's one-letter names.
        let function = section.get(after_field) == Some(&0);
        if function && field.starts_with(GENERATED) && glue_names_once(glue, field) {
            *glue = replace_word(glue, field, &short);
            *next += 1;
            write_leb(&mut out, short.len() as u64);
            out.extend(short.as_bytes());
        } else {
            out.extend(&section[after_module..after_field]);
        }
        out.extend(&section[after_field..desc_end]);
        at = desc_end;
    }
    Some(out)
}

fn short_name(n: usize) -> String {
    let letter = char::from(b'a' + (n % 26) as u8);
    match n / 26 {
        0 => letter.to_string(),
        round => format!("{letter}{round}"),
    }
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// Where `word` stands alone in `text` (not inside a longer identifier).
fn word_at(text: &str, word: &str) -> Vec<usize> {
    text.match_indices(word)
        .map(|(at, _)| at)
        .filter(|&at| {
            let before = text[..at].chars().next_back().is_none_or(|c| !is_word(c));
            let after = text[at + word.len()..]
                .chars()
                .next()
                .is_none_or(|c| !is_word(c));
            before && after
        })
        .collect()
}

fn glue_names_once(glue: &str, word: &str) -> bool {
    word_at(glue, word).len() == 1
}

fn replace_word(text: &str, word: &str, with: &str) -> String {
    let at = word_at(text, word)[0];
    format!("{}{with}{}", &text[..at], &text[at + word.len()..])
}

/// A length-prefixed name at `at`, and where it ends.
fn name(bytes: &[u8], at: usize) -> Option<(&[u8], usize)> {
    let (len, start) = leb(bytes, at)?;
    let end = start.checked_add(len as usize)?;
    Some((bytes.get(start..end)?, end))
}

/// Where the import description at `at` ends (function, table, memory, global or tag).
fn skip_import_desc(bytes: &[u8], at: usize) -> Option<usize> {
    let kind = *bytes.get(at)?;
    let at = at + 1;
    let limits = |at: usize| -> Option<usize> {
        let flags = *bytes.get(at)?;
        let (_, after_min) = leb(bytes, at + 1)?;
        if flags & 1 == 1 {
            Some(leb(bytes, after_min)?.1)
        } else {
            Some(after_min)
        }
    };
    match kind {
        0 => Some(leb(bytes, at)?.1),
        1 => limits(at + 1),
        2 => limits(at),
        3 => Some(at + 2),
        4 => Some(leb(bytes, at + 1)?.1),
        _ => None,
    }
}

/// An unsigned LEB128 number at `at`, and where it ends.
fn leb(bytes: &[u8], mut at: usize) -> Option<(u64, usize)> {
    let mut value = 0u64;
    let mut shift = 0;
    loop {
        let byte = *bytes.get(at)?;
        at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some((value, at));
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
}

fn write_leb(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(out: &mut Vec<u8>, name: &str) {
        write_leb(out, name.len() as u64);
        out.extend(name.as_bytes());
    }

    /// A module importing two functions and a memory from its glue, then a custom section.
    fn module(names: [&str; 3]) -> Vec<u8> {
        let mut imports = Vec::new();
        write_leb(&mut imports, 3);
        for (i, field) in names.iter().enumerate() {
            named(&mut imports, "./app_bg.js");
            named(&mut imports, field);
            if i < 2 {
                imports.extend([0, 200, 1]); // a function of type 200 (a two-byte index)
            } else {
                imports.extend([2, 1, 1, 0x80, 0x01]); // a memory, min 1, max 128
            }
        }
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.push(IMPORT_SECTION);
        write_leb(&mut wasm, imports.len() as u64);
        wasm.extend(imports);
        wasm.extend([0, 3, 1, b'x', 9]);
        wasm
    }

    #[test]
    fn renames_what_the_glue_names_once_in_both() {
        let glue = "const i={__wbg_log_0123456789abcdef:function(e){console.log(e)},\
                    __wbg_now_fedcba9876543210(){return Date.now()}};wasm.memory;";
        let wasm = module([
            "__wbg_log_0123456789abcdef",
            "__wbg_now_fedcba9876543210",
            "memory",
        ]);
        // `memory` is named once too, but as the export it also is: not a function, kept.
        let (renamed, glue) = rename(&wasm, glue).unwrap();
        assert_eq!(
            glue,
            "const i={a:function(e){console.log(e)},b(){return Date.now()}};wasm.memory;"
        );
        assert_eq!(renamed, module(["a", "b", "memory"]));
    }

    #[test]
    fn a_name_the_glue_uses_twice_or_not_at_all_is_kept() {
        let glue =
            "x.__wbg_log_0123456789abcdef;y.__wbg_log_0123456789abcdef;__wbg_log_0123456789abcdefg";
        let wasm = module([
            "__wbg_log_0123456789abcdef",
            "__wbg_missing_0123456789abcdef",
            "memory",
        ]);
        let (renamed, same) = rename(&wasm, glue).unwrap();
        assert_eq!((renamed, same.as_str()), (wasm, glue));
        assert_eq!(short_name(27), "b1");
        assert!(
            rename(b"\0asm\x01\0\0\0\x02\x05", "").is_none(),
            "a cut section"
        );
    }
}
