//! `cargo xtask clients`: the SDKs in `clients/`, regenerated from the spec the Worker serves.
//! The spec is written natively (the edge's `the_clients_are_generated_from_the_served_spec`
//! unit test writes `clients/openapi.json` when `PARLEY_WRITE_SPEC` is set; the same test
//! fails while the file is stale), then `openapi-typescript` writes the TypeScript client's
//! types and `openapi-python-client` the Python package. `cargo xtask test` generates both
//! again into a scratch directory and fails unless they equal what is committed.
//!
//! The generators (and what the clients' tests run on) are installed once, pinned, into a
//! cache outside the repository: `clients/typescript/package-lock.json`'s packages, and a venv
//! with [`PYTHON_PINS`]. `tests/src/client_tools.rs` finds them there.

use crate::run::{Failure, Result, command, root, skip, step};
use crate::toolchain::Tools;
use std::path::{Path, PathBuf};

/// The Python generator and what the generated package imports, with the formatter the
/// generator runs on its output (its version decides the generated text).
pub const PYTHON_PINS: [&str; 5] = [
    "openapi-python-client==0.29.1",
    "ruff==0.17.6",
    "httpx==0.28.1",
    "attrs==26.1.0",
    "python-dateutil==2.9.0.post0",
];

const SPEC: &str = "clients/openapi.json";
/// What `openapi-typescript` writes, under `clients/`.
const TYPESCRIPT_SCHEMA: &str = "typescript/src/schema.d.ts";
/// The generated Python package, under `clients/`; the hand-written `parley` wraps it.
const PYTHON_PACKAGE: &str = "python/parley_api";
const PYTHON_CONFIG: &str = "clients/python/generator.yaml";
const STALE: &str = "run `cargo xtask clients` and commit what it changes";

/// `$XDG_CACHE_HOME/parley/clients`, else `~/.cache/parley/clients`.
pub fn cache_dir() -> PathBuf {
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cache"));
    cache.join("parley/clients")
}

/// `cargo xtask clients`.
pub fn regenerate(tools: &Tools) -> Result {
    step(
        "writing clients/openapi.json from the edge's spec (native unit test)",
        || {
            command(
                "writing the spec",
                tools
                    .command("cargo")
                    .args(["test", "--quiet", "-p", "parley-edge", "--lib"])
                    .args([
                        "--",
                        "--exact",
                        "routes::openapi::tests::the_clients_are_generated_from_the_served_spec",
                    ])
                    .env("PARLEY_WRITE_SPEC", "1"),
                "fix the compile error above, then rerun",
            )
        },
    )?;
    install(tools)?;
    step("generating the TypeScript and Python clients", || {
        generate(tools, &root().join("clients"))
    })
}

/// `cargo xtask test`'s check: the committed clients are what the committed spec generates.
pub fn check_current(tools: &Tools) -> Result {
    step("checking the generated clients are current", || {
        let scratch = tempfile_dir()?;
        generate(tools, &scratch)?;
        let committed = root().join("clients");
        let mut stale = Vec::new();
        for generated in [TYPESCRIPT_SCHEMA, PYTHON_PACKAGE] {
            if files(&scratch.join(generated)) != files(&committed.join(generated)) {
                stale.push(format!("clients/{generated}"));
            }
        }
        let _ = std::fs::remove_dir_all(&scratch);
        if stale.is_empty() {
            Ok(())
        } else {
            Err(Failure::new(
                "checking the generated clients",
                format!(
                    "{} differ from what {SPEC} generates: {STALE}",
                    stale.join(" and ")
                ),
            ))
        }
    })
}

/// Installs the pinned generators into [`cache_dir`] unless their pins are there already.
pub fn install(tools: &Tools) -> Result {
    let cache = cache_dir();
    npm_tools(tools, &cache.join("node"))?;
    crate::toolchain::venv(&cache.join("python"), &PYTHON_PINS, "openapi-python-client")
}

fn npm_tools(tools: &Tools, dir: &Path) -> Result {
    let client = root().join("clients/typescript");
    let manifests: Vec<Vec<u8>> = ["package.json", "package-lock.json"]
        .iter()
        .map(|file| std::fs::read(client.join(file)).unwrap_or_default())
        .collect();
    let stamp = dir.join(".parley-pins");
    if std::fs::read(&stamp).ok() == Some(manifests.concat()) {
        skip("openapi-typescript, openapi-fetch, typescript", "installed");
        return Ok(());
    }
    step(
        &format!(
            "installing openapi-typescript, openapi-fetch and typescript (npm, pinned by clients/typescript/package-lock.json, into {})",
            dir.display()
        ),
        || {
            let fail =
                |e: std::io::Error| Failure::new("installing the TypeScript tools", e.to_string());
            std::fs::create_dir_all(dir).map_err(fail)?;
            for (file, contents) in ["package.json", "package-lock.json"].iter().zip(&manifests) {
                std::fs::write(dir.join(file), contents).map_err(fail)?;
            }
            command(
                "npm install",
                tools
                    .command("npm")
                    .args(["install", "--no-audit", "--no-fund", "--no-save"])
                    .current_dir(dir),
                &format!(
                    "check that npm reaches the npm registry; delete {} and retry",
                    dir.display()
                ),
            )?;
            std::fs::write(&stamp, manifests.concat()).map_err(fail)
        },
    )
}

/// Both clients' generated parts from [`SPEC`], under `out` (`clients/`, or a scratch copy).
fn generate(tools: &Tools, out: &Path) -> Result {
    let spec = root().join(SPEC);
    let cache = cache_dir();
    command(
        "openapi-typescript",
        tools
            .command(cache.join("node/node_modules/.bin/openapi-typescript"))
            .arg(&spec)
            // `meta` and other free-form objects take any field (not none, the default).
            .arg("--empty-objects-unknown")
            .arg("--output")
            .arg(out.join(TYPESCRIPT_SCHEMA)),
        "read the error above",
    )?;
    let venv_bin = cache.join("python/bin");
    command(
        "openapi-python-client",
        tools
            .command(venv_bin.join("openapi-python-client"))
            .args(["generate", "--meta", "none", "--overwrite"])
            .arg("--path")
            .arg(&spec)
            .arg("--config")
            .arg(root().join(PYTHON_CONFIG))
            .arg("--output-path")
            .arg(out.join(PYTHON_PACKAGE))
            // Its formatting hooks run the venv's pinned ruff.
            .env("PATH", format!("{}:{}", venv_bin.display(), tools.path)),
        "read the error above",
    )
}

fn tempfile_dir() -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("parley-clients-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for folder in ["typescript/src", "python"] {
        std::fs::create_dir_all(dir.join(folder))
            .map_err(|e| Failure::new("making a scratch directory", e.to_string()))?;
    }
    Ok(dir)
}

/// Every file under `path` (or `path` itself) with its contents, by relative path.
fn files(path: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    collect(path, path, &mut found);
    found.sort();
    found
}

fn collect(base: &Path, path: &Path, found: &mut Vec<(PathBuf, Vec<u8>)>) {
    match std::fs::read_dir(path) {
        Ok(entries) => {
            for entry in entries.flatten() {
                let name = entry.file_name();
                // Bytecode a test run leaves beside the sources is not generated code.
                if name != "__pycache__" {
                    collect(base, &entry.path(), found);
                }
            }
        }
        Err(_) => {
            if let Ok(contents) = std::fs::read(path) {
                let relative = path.strip_prefix(base).unwrap_or(path).to_path_buf();
                found.push((relative, contents));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trees_compare_by_relative_path_and_contents_without_bytecode() {
        let base = std::env::temp_dir().join(format!("parley-files-{}", std::process::id()));
        let (a, b) = (base.join("a"), base.join("b"));
        for dir in [&a, &b] {
            std::fs::create_dir_all(dir.join("models/__pycache__")).unwrap();
            std::fs::write(dir.join("models/bot.py"), "class Bot: ...").unwrap();
        }
        std::fs::write(a.join("models/__pycache__/bot.pyc"), "bytes").unwrap();
        assert_eq!(files(&a), files(&b));
        std::fs::write(b.join("models/bot.py"), "class Bot: pass").unwrap();
        assert_ne!(files(&a), files(&b));
        std::fs::remove_dir_all(&base).unwrap();
    }
}
