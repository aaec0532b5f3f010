//! The Worker's plain settings (`[vars]` in wrangler.toml, `--var` in development).

use worker::Env;

/// Only `wrangler dev` runs with ENVIRONMENT=development; anything else is treated as
/// production, so a missing or misspelt setting fails closed.
pub fn is_development(env: &Env) -> bool {
    env.var("ENVIRONMENT")
        .map(|v| v.to_string())
        .is_ok_and(|v| v == "development")
}

/// A numeric setting, or `default` when it is absent or not a number.
pub fn number(env: &Env, name: &str, default: u64) -> u64 {
    env.var(name)
        .ok()
        .and_then(|v| v.to_string().parse().ok())
        .unwrap_or(default)
}

/// A text setting, or `default` when it is absent or empty.
pub fn text(env: &Env, name: &str, default: &str) -> String {
    env.var(name)
        .map(|v| v.to_string())
        .ok()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| default.to_owned())
}
