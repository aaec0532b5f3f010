//! Rules about the repository's own files, checked without a server: what the README tells a
//! deployer matches `wrangler.toml`, and the edge's modules depend one way only (the
//! invariants in ARCHITECTURE.md).

use parley_tests::process::repo_root;
use std::path::{Path, PathBuf};

fn read(path: &str) -> String {
    std::fs::read_to_string(repo_root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The `[[table]]` names a text mentions, e.g. `d1_databases` from "`[[d1_databases]] id`".
fn array_tables(text: &str) -> Vec<&str> {
    text.split("[[")
        .skip(1)
        .filter_map(|rest| rest.split_once("]]").map(|(name, _)| name))
        .collect()
}

#[test]
fn the_deploy_steps_name_only_tables_that_wrangler_toml_has() {
    let readme = read("README.md");
    let deploy = readme
        .split_once("## Deploying")
        .map(|(_, rest)| rest.split("\n## ").next().unwrap_or(rest))
        .expect("the README has a deploy section");
    let wrangler = read("wrangler.toml");
    let configured = array_tables(&wrangler);
    let named = array_tables(deploy);
    assert!(!named.is_empty(), "the deploy steps name no tables");
    for table in named {
        assert!(
            configured.contains(&table),
            "the README's deploy steps name [[{table}]], which wrangler.toml does not have"
        );
    }
}

/// The edge's layers, lowest first: a module may use its own layer and those below. Every
/// top-level module of `edge/src` is in exactly one (a new one must be placed here).
const LAYERS: [(&str, &[&str]); 5] = [
    ("base", &["error", "ids", "clock", "settings", "crypto"]),
    (
        "stores and clients",
        &[
            "store",
            "cache",
            "object_client",
            "outbound",
            "email",
            "payments",
        ],
    ),
    (
        "domain",
        &["domain", "ai", "auth", "limits", "webhooks", "revocation"],
    ),
    ("Durable Objects", &["rooms"]),
    ("HTTP", &["routes"]),
];
/// Only these may name axum or `AppState`: the HTTP layer and the entry point.
const HTTP_ONLY: [&str; 2] = ["axum", "AppState"];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS
        .iter()
        .position(|(_, modules)| modules.contains(&module))
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// The code of a file without its comments (doc comments say "`routes/`" freely).
fn code_of(source: &str) -> String {
    source
        .lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules a file names as `crate::<module>`, in a `use` or inline.
fn crate_modules(code: &str) -> Vec<String> {
    code.match_indices("crate::")
        .filter(|(at, _)| {
            // `parley_shared_types::…` and the like are other crates.
            !code[..*at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':')
        })
        .map(|(at, found)| {
            code[at + found.len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect()
        })
        .collect()
}

fn names_word(code: &str, word: &str) -> bool {
    code.match_indices(word).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + word.len()..].chars().next();
        let part_of_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !part_of_word(before) && !part_of_word(after)
    })
}

#[test]
fn edge_modules_depend_only_downward_and_only_routes_know_http() {
    let src = repo_root().join("edge/src");
    let mut broken = Vec::new();
    for file in rust_files(&src) {
        let relative = file.strip_prefix(&src).unwrap();
        let relative_name = relative.display().to_string();
        if relative_name == "lib.rs" {
            continue; // the entry point: it builds AppState and hands requests to routes
        }
        let module = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_owned();
        let Some(layer) = layer_of(&module) else {
            broken.push(format!(
                "{relative_name}: module `{module}` is in no layer (place it in LAYERS)"
            ));
            continue;
        };
        let code = code_of(&std::fs::read_to_string(&file).unwrap());
        for used in crate_modules(&code) {
            match layer_of(&used) {
                Some(used_layer) if used_layer > layer => broken.push(format!(
                    "{relative_name} ({}) uses crate::{used} ({}), a layer above it",
                    LAYERS[layer].0, LAYERS[used_layer].0
                )),
                // Items of the crate root other than modules (`crate::AppState`) are checked
                // below.
                _ => {}
            }
        }
        if module != "routes" {
            for word in HTTP_ONLY {
                if names_word(&code, word) {
                    broken.push(format!(
                        "{relative_name} ({}) names {word}, which only routes/ may",
                        LAYERS[layer].0
                    ));
                }
            }
        }
    }
    assert!(broken.is_empty(), "layering broken:\n{}", broken.join("\n"));
}

#[test]
fn the_layering_check_sees_uses_and_ignores_comments() {
    let code = code_of(
        "use crate::routes::AppState; // crate::domain\n/// `crate::rooms`\nlet x = crate::store::db(env);\nparley_shared_types::crate::x",
    );
    assert_eq!(crate_modules(&code), ["routes", "store"]);
    assert!(names_word(&code, "AppState"));
    assert!(!names_word("MyAppStateful", "AppState"));
}
