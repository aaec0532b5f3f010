//! Rules about the repository's own files, checked without a server: what the README tells a
//! deployer matches `wrangler.toml`.

use parley_tests::process::repo_root;

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
