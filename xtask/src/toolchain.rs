//! Installs what a fresh machine lacks: the wasm32 target, the pinned nightly that builds the
//! widget, the pinned npm tools (wrangler, binaryen, esbuild, Node 22), the wasm-bindgen CLI
//! matching Cargo.lock, and for tests Debian's Chromium + chromedriver and a Python venv with
//! the OpenAPI checkers.
//! Each check is cheap, so warm runs are fast.

use crate::run::{Failure, Result, command, output, root, skip, step};
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

pub struct Needs {
    pub chromium: bool,
    /// The SDK generators and what the clients' tests run on (`clients.rs`).
    pub clients: bool,
}

impl Needs {
    pub const BUILD: Needs = Needs {
        chromium: false,
        clients: false,
    };
    pub const TEST: Needs = Needs {
        chromium: true,
        clients: true,
    };
}

/// A `cargo install` running in the background.
struct Installing {
    krate: String,
    child: std::process::Child,
    log: PathBuf,
    started: Instant,
}

/// Where the installed tools are; every later step runs with these.
pub struct Tools {
    /// Installs still running: [`Tools::cargo_tool`] waits for them.
    installing: RefCell<Vec<Installing>>,
    /// PATH with the pinned npm binaries (node ≥ 22, wrangler) first.
    pub path: String,
    pub node_bin: PathBuf,
    pub cargo_bin: PathBuf,
}

impl Tools {
    pub fn npm_bin(&self, name: &str) -> PathBuf {
        self.node_bin.join(name)
    }

    /// A tool `cargo install`ed by [`bootstrap`], once its install (if one is running) is done.
    pub fn cargo_tool(&self, name: &str) -> Result<PathBuf> {
        for mut install in self.installing.borrow_mut().drain(..) {
            println!("    waiting for the {} install to finish…", install.krate);
            let status = install.child.wait().map_err(|e| {
                Failure::new(format!("installing {}", install.krate), e.to_string())
            })?;
            if !status.success() {
                let log = std::fs::read_to_string(&install.log).unwrap_or_default();
                let tail: Vec<&str> = log.lines().rev().take(30).collect();
                let tail: Vec<&str> = tail.into_iter().rev().collect();
                return Err(Failure::new(
                    format!("installing {}", install.krate),
                    format!(
                        "{}\ncheck that cargo reaches crates.io; the whole log is {}",
                        tail.join("\n"),
                        install.log.display()
                    ),
                ));
            }
            println!(
                "    {} installed ({:.0}s in the background)",
                install.krate,
                install.started.elapsed().as_secs_f64()
            );
        }
        Ok(self.cargo_bin.join(name))
    }

    /// A command with the toolchain's PATH, run from the repo root.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut command = Command::new(program);
        command
            .current_dir(root())
            .env("PATH", &self.path)
            .env("WRANGLER_SEND_METRICS", "false");
        command
    }
}

const MIN_NODE_MAJOR: u32 = 22;

/// The pinned npm tools (node ≥ 22 first on PATH): all `cargo xtask clients` needs.
pub fn node_tools() -> Result<Tools> {
    let node_bin = root().join("node_modules/.bin");
    let cargo_bin = cargo_home().join("bin");
    let path = format!(
        "{}:{}:{}",
        node_bin.display(),
        cargo_bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let tools = Tools {
        installing: RefCell::default(),
        path,
        node_bin,
        cargo_bin,
    };
    npm_packages(&tools)?;
    node_version(&tools)?;
    Ok(tools)
}

pub fn bootstrap(needs: Needs) -> Result<Tools> {
    let root = root();
    wasm_target()?;
    widget_toolchain()?;
    let tools = node_tools()?;
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| {
        Failure::new(
            "reading Cargo.lock",
            format!("{e}; run from a Parley checkout"),
        )
    })?;
    let version = locked_version(&lock, "wasm-bindgen").ok_or_else(|| {
        Failure::new(
            "reading Cargo.lock",
            "no wasm-bindgen entry; run `cargo generate-lockfile`",
        )
    })?;
    cargo_tool(&tools, "wasm-bindgen-cli", "wasm-bindgen", &version)?;
    dev_vars(&root)?;
    if needs.chromium {
        chromium()?;
        python_tools(&root)?;
    }
    if needs.clients {
        crate::clients::install(&tools)?;
    }
    Ok(tools)
}

fn cargo_home() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo"))
}

fn wasm_target() -> Result {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|t| t == "wasm32-unknown-unknown") {
        skip("wasm32 target", "installed");
        return Ok(());
    }
    step("installing the wasm32-unknown-unknown target", || {
        command(
            "installing the wasm32 target",
            Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]),
            "check that rustup reaches its registry",
        )
    })
}

/// The nightly that builds the widget alone: its `std` rebuilt with panics that abort at once
/// (`-Cpanic=immediate-abort`) drops every panic message and the formatting code they pull
/// in. Pinned, so a build is the same on every machine; bump it by hand.
pub const WIDGET_TOOLCHAIN: &str = "nightly-2026-05-20";

fn widget_toolchain() -> Result {
    let components = output(
        "rustup",
        &[
            "component",
            "list",
            "--installed",
            "--toolchain",
            WIDGET_TOOLCHAIN,
        ],
    )
    .unwrap_or_default();
    if components.lines().any(|c| c.starts_with("rust-src")) {
        skip(&format!("{WIDGET_TOOLCHAIN} + rust-src"), "installed");
        return Ok(());
    }
    step(
        &format!("installing {WIDGET_TOOLCHAIN} with rust-src (rustup, the widget's build)"),
        || {
            command(
                "installing the widget's toolchain",
                Command::new("rustup").args([
                    "toolchain",
                    "install",
                    WIDGET_TOOLCHAIN,
                    "--profile",
                    "minimal",
                    "--component",
                    "rust-src",
                ]),
                "check that rustup reaches its registry",
            )
        },
    )
}

/// Installs package-lock.json's versions when node_modules does not match it. Not `npm ci`:
/// registries that serve only this platform's optional packages (workerd, esbuild) leave the
/// lock without the others, which `npm ci` refuses; `install --no-save` honours the lock as is.
fn npm_packages(tools: &Tools) -> Result {
    let root = root();
    let lock = std::fs::read(root.join("package-lock.json")).unwrap_or_default();
    let stamp = root.join("node_modules/.parley-lock");
    if std::fs::read(&stamp).ok() == Some(lock.clone()) && tools.npm_bin("wrangler").exists() {
        skip(
            "npm packages (wrangler, binaryen, esbuild, node 22)",
            "installed",
        );
        return Ok(());
    }
    step(
        "installing pinned npm packages (wrangler, binaryen, esbuild, node 22)",
        || {
            command(
                "npm install",
                Command::new("npm")
                    .args(["install", "--no-audit", "--no-fund", "--no-save"])
                    .current_dir(&root),
                "check that npm reaches the npm registry; delete node_modules/ and retry",
            )?;
            std::fs::write(&stamp, &lock).map_err(|e| Failure::new("npm install", e.to_string()))
        },
    )
}

fn node_version(tools: &Tools) -> Result {
    let node = tools.npm_bin("node");
    let version = output(&node.to_string_lossy(), &["--version"]).unwrap_or_default();
    match node_major(&version) {
        Some(major) if major >= MIN_NODE_MAJOR => {
            skip(
                "node",
                &format!("{version} from node_modules (wrangler needs ≥ {MIN_NODE_MAJOR})"),
            );
            Ok(())
        }
        _ => Err(Failure::new(
            "checking node",
            format!(
                "{} answered {version:?}; wrangler needs node ≥ {MIN_NODE_MAJOR}. Delete node_modules/ and rerun",
                node.display()
            ),
        )),
    }
}

fn node_major(version: &str) -> Option<u32> {
    version
        .trim()
        .trim_start_matches('v')
        .split('.')
        .next()?
        .parse()
        .ok()
}

/// `cargo install` of an exact version, started in the background: nothing needs the tool
/// until the code it processes has compiled, which takes longer. Registries here may lack a
/// crate that the tool's own lockfile pins, so `--locked` is tried first and plain resolution
/// second.
///
/// Built with [`QUICK_INSTALL_PROFILE`]: the tool runs for seconds per build, so an optimised
/// but not link-time-optimised binary is the better trade on a cold machine.
fn cargo_tool(tools: &Tools, krate: &str, binary: &str, version: &str) -> Result {
    let installed = output(
        &tools.cargo_bin.join(binary).to_string_lossy(),
        &["--version"],
    )
    .unwrap_or_default();
    if installed.split_whitespace().any(|word| word == version) {
        skip(&format!("{binary} {version}"), "installed");
        return Ok(());
    }
    let log = root().join(format!(".parley/logs/install-{krate}.log"));
    step(
        &format!(
            "installing {krate} {version} in the background (cargo install, about three minutes once; log: {})",
            log.display()
        ),
        || {
            let fail =
                |e: std::io::Error| Failure::new(format!("installing {krate}"), e.to_string());
            std::fs::create_dir_all(log.parent().unwrap_or(&root())).map_err(fail)?;
            let out = std::fs::File::create(&log).map_err(fail)?;
            let err = out.try_clone().map_err(fail)?;
            // No TLS: its test runner only talks to a local chromedriver, and rustls with ring
            // is a fifth of its build.
            let install =
                format!("cargo install {krate} --version {version} --no-default-features");
            let child = Command::new("sh")
                .arg("-c")
                .arg(format!(
                    "{install} --locked || {{ echo '--locked failed (a pinned dependency is missing from the registry); resolving afresh'; {install}; }}"
                ))
                .envs(QUICK_INSTALL_PROFILE)
                .stdout(out)
                .stderr(err)
                .spawn()
                .map_err(fail)?;
            tools.installing.borrow_mut().push(Installing {
                krate: krate.to_owned(),
                child,
                log,
                started: Instant::now(),
            });
            Ok(())
        },
    )
}

/// Overrides of the installed tool's release profile: no LTO, parallel codegen, light
/// optimisation. Measured on 2 cores: wasm-bindgen-cli in 249 s with its own profile.
const QUICK_INSTALL_PROFILE: [(&str, &str); 4] = [
    ("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1"),
    ("CARGO_PROFILE_RELEASE_LTO", "false"),
    ("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16"),
    ("CARGO_PROFILE_RELEASE_DEBUG", "false"),
];

/// wrangler dev reads local secrets from .dev.vars; start from the committed example.
fn dev_vars(root: &Path) -> Result {
    let vars = root.join(".dev.vars");
    if vars.exists() {
        return Ok(());
    }
    step(
        "creating .dev.vars from .dev.vars.example (local-only secrets)",
        || {
            std::fs::copy(root.join(".dev.vars.example"), &vars)
                .map(drop)
                .map_err(|e| Failure::new("creating .dev.vars", e.to_string()))
        },
    )
}

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

fn chromium() -> Result {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        skip("chromium + chromedriver", "installed");
        return Ok(());
    }
    step(
        "installing Debian's chromium and chromium-driver (apt-get)",
        || {
            let fix =
                "run: sudo apt-get update && sudo apt-get install -y chromium chromium-driver";
            let sudo = output("id", &["-u"]).as_deref() != Some("0");
            let apt = |args: &[&str]| {
                let mut cmd = if sudo {
                    Command::new("sudo")
                } else {
                    Command::new("apt-get")
                };
                if sudo {
                    cmd.args(["-n", "apt-get"]);
                }
                cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
                command("installing chromium", &mut cmd, fix)
            };
            apt(&["update", "-qq"])?;
            apt(&["install", "-y", "-qq", "chromium", "chromium-driver"])
        },
    )
}

/// The OpenAPI test's tools, pinned: schemathesis fuzzes the served spec against wrangler dev,
/// openapi-spec-validator checks it is valid OpenAPI 3.1. In a venv under `.parley/`, where
/// `tests/tests/openapi.rs` finds them.
pub const PYTHON_TOOLS: [&str; 2] = ["schemathesis==4.32.5", "openapi-spec-validator==0.9.0"];

fn python_tools(root: &Path) -> Result {
    venv(
        &root.join(".parley/python"),
        &PYTHON_TOOLS,
        "schemathesis + openapi-spec-validator",
    )
}

/// A Python venv at `path` with exactly `pins` installed (pip), unless a stamp says they are.
pub fn venv(path: &Path, pins: &[&str], what: &str) -> Result {
    let stamp = path.join(".parley-pins");
    let joined = pins.join(" ");
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(joined.as_str()) {
        skip(what, "installed");
        return Ok(());
    }
    step(
        &format!("installing {joined} (pip, into {})", path.display()),
        || {
            let fix = format!(
                "check that python3 (with venv) and pip reach PyPI; delete {} and retry",
                path.display()
            );
            command(
                "creating a Python venv",
                Command::new("python3").args(["-m", "venv"]).arg(path),
                &fix,
            )?;
            command(
                "pip install",
                Command::new(path.join("bin/pip"))
                    .args(["install", "--quiet", "--disable-pip-version-check"])
                    .args(pins),
                &fix,
            )?;
            std::fs::write(&stamp, &joined).map_err(|e| Failure::new("pip install", e.to_string()))
        },
    )
}

/// The version Cargo.lock pins for a registry package.
pub fn locked_version(lock: &str, name: &str) -> Option<String> {
    let needle = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == needle {
            let version = lines
                .next()?
                .trim()
                .strip_prefix("version = \"")?
                .strip_suffix('"')?;
            return Some(version.to_owned());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
[[package]]
name = "wasm-bindgen-futures"
version = "0.4.50"

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
"#;

    #[test]
    fn finds_the_exact_package_not_a_prefix() {
        assert_eq!(
            locked_version(LOCK, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(
            locked_version(LOCK, "wasm-bindgen-futures").as_deref(),
            Some("0.4.50")
        );
        assert_eq!(locked_version(LOCK, "worker"), None);
    }

    #[test]
    fn reads_node_major_versions() {
        assert_eq!(node_major("v22.23.3\n"), Some(22));
        assert_eq!(node_major("v20.20.2"), Some(20));
        assert_eq!(node_major(""), None);
    }
}
