//! schemathesis against a running server: it generates requests from the served spec (and,
//! in its stateful phase, sequences that create a resource and then use its id, linked by
//! dependency analysis of the schemas) and checks every answer against the spec. The Python
//! tools come from `cargo xtask test`.

use crate::Server;
use crate::process::repo_root;
use std::path::PathBuf;
use std::process::Command;

/// A pinned Python tool of `.parley/python`.
pub fn python_tool(name: &str) -> PathBuf {
    let tool = repo_root().join(".parley/python/bin").join(name);
    assert!(
        tool.exists(),
        "{} is missing: run `cargo xtask test` (it installs schemathesis and openapi-spec-validator)",
        tool.display()
    );
    tool
}

/// What a tool printed; whether it succeeded.
pub fn output(command: &mut Command) -> (bool, String) {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

/// One schemathesis run: `phases` (e.g. `examples,coverage,fuzzing` or `stateful`) with up to
/// `max_examples` per operation, authenticated by `key` (a test key: its limit allows a
/// fuzzer). Returns whether it found no failure, and its summary.
pub fn run(
    server: &Server,
    key: &str,
    phases: &str,
    max_examples: u32,
    seed: u64,
) -> (bool, String) {
    let report = tempfile::tempdir().expect("a report dir");
    output(
        Command::new(python_tool("st"))
            .arg("run")
            .arg(format!("{}/api/openapi.json", server.base_url))
            .args(["--url", &server.base_url])
            .args(["--header", &format!("Authorization: Bearer {key}")])
            // The key is the credential under test; random ones would only meet 401.
            .args(["--generation-with-security-parameters", "false"])
            .args([
                "--checks",
                "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
            ])
            // Bounded: fixed seed, no shrinking.
            .args(["--max-examples", &max_examples.to_string()])
            .args(["--seed", &seed.to_string(), "--no-shrink"])
            .args(["--phases", phases])
            // One worker: Hypothesis describes strategies by parsing their source, which
            // CPython 3.11's `ast` does not survive from two threads at once ("AST constructor
            // recursion depth mismatch"); the rate limit below bounds the run's speed anyway.
            .args(["--workers", "1", "--request-timeout", "10"])
            // A test key may send 1000 requests a minute: stay under it, so operations are
            // exercised rather than refused.
            .args(["--rate-limit", "950/m"])
            .args(["--generation-database", "none", "--no-color"])
            .arg("--report-dir")
            .arg(report.path())
            // schemathesis keeps a cache in its working directory; not in the checkout.
            .current_dir(report.path())
            .env("SCHEMATHESIS_HOOKS", ""),
    )
}

/// The first number after `label` in a summary (`"API Links:"` → links covered,
/// `"Test cases:"` → calls generated).
pub fn figure(summary: &str, label: &str) -> Option<u64> {
    let (_, rest) = summary.rsplit_once(label)?;
    rest.split(|c: char| !c.is_ascii_digit())
        .find(|digits| !digits.is_empty())?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn figures_are_read_from_the_summary() {
        let summary =
            "     API Links:    2 covered / 448 selected\nTest cases:\n  267 generated, 267 passed";
        assert_eq!(super::figure(summary, "API Links:"), Some(2));
        assert_eq!(super::figure(summary, "Test cases:"), Some(267));
        assert_eq!(super::figure(summary, "Nothing:"), None);
    }
}
