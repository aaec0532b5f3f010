//! Builds the edge Worker (cargo → wasm-bindgen → wasm-opt → esbuild, into edge/build/) and
//! the static assets (dist/): the widget loader + app, the admin UI, and the asset headers,
//! then measures them (dist/sizes.json). Unchanged inputs skip the slow wasm-bindgen/wasm-opt
//! passes, so a warm build takes seconds.

use crate::import_names;
use crate::run::{Failure, Result, command, root, step};
use crate::sizes;
use crate::toolchain::{Tools, WIDGET_TOOLCHAIN};
use parley_shared_types::widget_text::{RIGHT_TO_LEFT, WIDGET_LANGUAGES, WidgetText};
use std::path::{Path, PathBuf};

const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The wasm features rustc emits for wasm32-unknown-unknown; wasm-opt must accept them.
const WASM_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// The Worker's wasm-opt passes: it is not size-critical the way the widget is (see the bench).
const EDGE_WASM_OPT: [&str; 1] = ["-O2"];

/// A browser app: its crate (as its wasm file is named), its folder under dist/, and the
/// wasm-opt passes that make it smallest as served (brotli), which is not always `-Oz`.
struct UiApp {
    krate: &'static str,
    folder: &'static str,
    passes: &'static [&'static str],
}

/// Measured on the widget (brotli of the optimized wasm, KB): `-Oz` 92.1, `-O2` 92.7, `-O1`
/// 89.8, `-O1 --converge` 89.4: `-Oz` shrinks the raw bytes but leaves code brotli packs worse.
const WIDGET: UiApp = UiApp {
    krate: "parley_widget",
    folder: "widget",
    passes: &["-O1", "--converge"],
};
const ADMIN: UiApp = UiApp {
    krate: "parley_admin",
    folder: "admin",
    passes: &["-Oz"],
};

/// Set on the widget's build with [`WIDGET_TOOLCHAIN`]: panics abort at once, without a
/// message; panic locations carry no file or line, and `Debug` formats nothing (the widget
/// never shows either). The last two took 1.7 KB brotli off the wasm.
const WIDGET_RUSTFLAGS: &str =
    "-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none";

/// Cross-origin pages load the widget, so its files carry CORS headers; the panel's files,
/// named by their content hash, never change, and the loader that names them is kept five
/// minutes. The admin UI runs only Parley's own scripts and is never framed (no
/// clickjacking of an agent's session).
const ASSET_HEADERS: &str = "/widget.js
  Access-Control-Allow-Origin: *
  Cache-Control: public, max-age=300
/widget/*
  Access-Control-Allow-Origin: *
/widget/:build/*
  Cache-Control: public, max-age=31536000, immutable
/admin/*
  Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'
  X-Frame-Options: DENY
  X-Content-Type-Options: nosniff
  Referrer-Policy: no-referrer
";

pub fn all(tools: &Tools) -> Result {
    // Every compile before any packaging: the wasm-bindgen CLI that packaging needs may
    // still be installing in the background on a fresh machine.
    compile_edge(tools)?;
    compile_uis(tools)?;
    package_edge(tools)?;
    package_uis(tools)?;
    step(
        "measuring what browsers load (dist/sizes.json)",
        sizes::write,
    )
}

pub fn dist() -> PathBuf {
    root().join("dist")
}

pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

fn compiled_wasm(krate: &str) -> PathBuf {
    target_dir()
        .join(WASM_TARGET)
        .join("release")
        .join(format!("{krate}.wasm"))
}

/// Whether `output` was produced from the current `input`.
fn up_to_date(output: &Path, input: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    matches!((modified(output), modified(input)), (Some(out), Some(inp)) if out >= inp)
}

/// What wrangler runs (`main` in wrangler.toml): the entry module `edge/worker.js` bundled
/// with wasm-bindgen's glue, beside the wasm it imports.
const EDGE_OUT: &str = "edge/build";
const EDGE_ENTRY: &str = "edge/worker.js";
const EDGE_BUNDLE: &str = "index.js";
const EDGE_WASM: &str = "parley_edge_bg.wasm";
/// Where the next build is made, then moved into `EDGE_OUT` (wasm first, bundle last): a
/// running `wrangler dev` reloads on the bundle and never reads a half-written file.
const EDGE_STAGING: &str = "edge/build/next";
/// The name `edge/worker.js` imports the glue by.
const EDGE_GLUE_ALIAS: &str = "parley-edge-glue";

fn compile_edge(tools: &Tools) -> Result {
    step("compiling the edge Worker (cargo, wasm32)", || {
        command(
            "compiling the edge",
            tools
                .command("cargo")
                .args([
                    "build",
                    "--lib",
                    "--release",
                    "--target",
                    WASM_TARGET,
                    "-p",
                    "parley-edge",
                ])
                // wasm-bindgen's macro then names js_sys's types through the js-sys crate.
                .env("WASM_BINDGEN_USE_JS_SYS", "1"),
            "fix the compile error above, then rerun",
        )
    })
}

fn package_edge(tools: &Tools) -> Result {
    step(
        "packaging the edge Worker (wasm-bindgen → wasm-opt → esbuild, into edge/build/)",
        || {
            let root = root();
            let (out, staging) = (root.join(EDGE_OUT), root.join(EDGE_STAGING));
            let bundle = out.join(EDGE_BUNDLE);
            let compiled = compiled_wasm("parley_edge");
            if up_to_date(&bundle, &compiled) && up_to_date(&bundle, &root.join(EDGE_ENTRY)) {
                println!("    {EDGE_OUT} is up to date");
                return Ok(());
            }
            edge_bindings(tools, &compiled, &staging)?;
            command(
                "bundling the Worker",
                tools.command(tools.npm_bin("esbuild")).args([
                    EDGE_ENTRY,
                    "--bundle",
                    "--format=esm",
                    "--minify",
                    "--external:*.wasm",
                    "--external:cloudflare:*",
                    "--log-level=warning",
                    &format!("--alias:{EDGE_GLUE_ALIAS}=./{EDGE_STAGING}/parley_edge.js"),
                    &format!("--outfile={EDGE_STAGING}/{EDGE_BUNDLE}"),
                ]),
                "fix the syntax error in edge/worker.js",
            )?;
            for file in [EDGE_WASM, EDGE_BUNDLE] {
                std::fs::rename(staging.join(file), out.join(file)).map_err(|e| {
                    Failure::new("moving the Worker into place", format!("{file}: {e}"))
                })?;
            }
            Ok(())
        },
    )
}

/// wasm-bindgen's JS glue for `compiled`, with `flags`, into `out`.
fn wasm_bindgen(tools: &Tools, flags: &[&str], compiled: &Path, out: &Path) -> Result {
    command(
        "wasm-bindgen",
        tools
            .command(tools.cargo_tool("wasm-bindgen")?)
            .args(flags)
            .args(["--no-typescript", "--out-dir"])
            .arg(out)
            .arg(compiled),
        "the wasm-bindgen CLI must equal the wasm-bindgen in Cargo.lock; rerun to reinstall it",
    )
}

/// wasm-bindgen's ES module for workerd (with a reset for after a panic), then wasm-opt.
fn edge_bindings(tools: &Tools, compiled: &Path, out: &Path) -> Result {
    wasm_bindgen(
        tools,
        &[
            "--target",
            "module",
            "--experimental-reset-state-function",
            "--force-enable-abort-handler",
        ],
        compiled,
        out,
    )?;
    // workerd and wrangler's bundler take the module as a plain import, not a source-phase one.
    let glue = out.join("parley_edge.js");
    let text = std::fs::read_to_string(&glue)
        .map_err(|e| Failure::new("reading the edge glue", e.to_string()))?;
    std::fs::write(&glue, text.replace("import source ", "import "))
        .map_err(|e| Failure::new("writing the edge glue", e.to_string()))?;
    let wasm = out.join(EDGE_WASM);
    command(
        "wasm-opt",
        tools
            .command(tools.npm_bin("wasm-opt"))
            .args(EDGE_WASM_OPT)
            .args(WASM_FEATURES)
            .arg("--enable-exception-handling")
            .arg(&wasm)
            .arg("-o")
            .arg(&wasm),
        "delete node_modules/ and rerun to reinstall binaryen",
    )
}

fn compile_uis(tools: &Tools) -> Result {
    step(
        "compiling the widget and the admin UI (Leptos, wasm32)",
        || {
            let fix = "fix the compile error above, then rerun";
            command(
                "compiling the admin UI",
                tools.command("cargo").args([
                    "build",
                    "--release",
                    "--target",
                    WASM_TARGET,
                    "-p",
                    "parley-admin",
                ]),
                fix,
            )?;
            // The widget alone on the pinned nightly, its `std` rebuilt to abort on panic: a
            // page pays for its bytes, and panic messages and their formatting were a fifth
            // of them. The admin UI stays on stable.
            command(
                "compiling the widget",
                tools
                    .command("rustup")
                    .args([
                        "run",
                        WIDGET_TOOLCHAIN,
                        "cargo",
                        "build",
                        "--release",
                        "--target",
                        WASM_TARGET,
                        "-p",
                        "parley-widget",
                        "-Zbuild-std=std,panic_abort",
                    ])
                    .env("RUSTFLAGS", WIDGET_RUSTFLAGS),
                fix,
            )
        },
    )
}

fn package_uis(tools: &Tools) -> Result {
    step(
        "packaging the widget and the admin UI (wasm-bindgen → wasm-opt → dist/)",
        || {
            for app in [WIDGET, ADMIN] {
                bindgen_and_optimize(tools, &app)?;
            }
            static_files(tools)
        },
    )
}

fn bindgen_and_optimize(tools: &Tools, app: &UiApp) -> Result {
    let out_dir = dist().join(app.folder);
    let compiled = compiled_wasm(app.krate);
    let optimized = out_dir.join(format!("{}_bg.wasm", app.krate));
    if up_to_date(&optimized, &compiled) {
        println!("    {} is up to date", optimized.display());
        return Ok(());
    }
    wasm_bindgen(
        tools,
        &[
            "--target",
            "web",
            "--remove-name-section",
            "--remove-producers-section",
        ],
        &compiled,
        &out_dir,
    )?;
    // wasm-bindgen writes readable glue; minified, the widget's is 6.6 → 5.0 KB brotli.
    let glue = out_dir.join(format!("{}.js", app.krate));
    command(
        "minifying the JS glue",
        tools
            .command(tools.npm_bin("esbuild"))
            .arg(&glue)
            .args([
                "--minify",
                "--format=esm",
                "--target=es2020",
                "--log-level=warning",
                "--allow-overwrite",
            ])
            .arg(format!("--outfile={}", glue.display())),
        "delete node_modules/ and rerun to reinstall esbuild",
    )?;
    command(
        "wasm-opt",
        tools
            .command(tools.npm_bin("wasm-opt"))
            .args(app.passes)
            .args(WASM_FEATURES)
            .arg(&optimized)
            .arg("-o")
            .arg(&optimized),
        "delete node_modules/ and rerun to reinstall binaryen",
    )?;
    import_names::shorten(&optimized, &glue)
}

/// The API reference's viewer (`/api/docs`): Swagger UI, from its npm package pinned in
/// package-lock.json, served as Parley's own static files under `/api-docs/` (no CDN).
const API_DOCS_VIEWER: (&str, &str, [&str; 2]) = (
    "node_modules/swagger-ui-dist",
    "api-docs",
    ["swagger-ui-bundle.js", "swagger-ui.css"],
);

fn static_files(tools: &Tools) -> Result {
    let root = root();
    let dist = dist();
    let write = |path: PathBuf, contents: &[u8]| {
        std::fs::write(&path, contents).map_err(|e| {
            crate::run::Failure::new("writing dist/", format!("{}: {e}", path.display()))
        })
    };
    for file in ["index.html", "admin.css", "boot.js"] {
        let contents = std::fs::read(root.join("admin-ui").join(file)).unwrap_or_default();
        write(dist.join("admin").join(file), &contents)?;
    }
    write(dist.join("_headers"), ASSET_HEADERS.as_bytes())?;
    let (package, folder, files) = API_DOCS_VIEWER;
    std::fs::create_dir_all(dist.join(folder))
        .map_err(|e| Failure::new("writing dist/", format!("{folder}: {e}")))?;
    for file in files {
        std::fs::copy(root.join(package).join(file), dist.join(folder).join(file)).map_err(
            |e| {
                Failure::new(
                    "copying the API reference viewer",
                    format!("{package}/{file}: {e}; delete node_modules/ and rerun"),
                )
            },
        )?;
    }
    let build = fingerprint_widget(&dist.join(WIDGET.folder))?;
    let english: serde_json::Map<String, serde_json::Value> = LOADER_TEXTS
        .iter()
        .map(|text| (text.key().to_owned(), text.english().into()))
        .collect();
    command(
        "minifying the widget loader",
        tools
            .command(tools.npm_bin("esbuild"))
            .args([
                "widget/loader/loader.js",
                "--minify",
                "--target=es2020",
                "--log-level=warning",
                "--outfile=dist/widget.js",
            ])
            .arg(format!("--define:PARLEY_WIDGET_BUILD=\"{build}\""))
            .arg(format!(
                "--define:PARLEY_ENGLISH={}",
                serde_json::Value::from(english)
            ))
            .arg(format!(
                "--define:PARLEY_LANGUAGES={:?}",
                WIDGET_LANGUAGES.join(" ")
            ))
            .arg(format!(
                "--define:PARLEY_RIGHT_TO_LEFT={:?}",
                RIGHT_TO_LEFT.join(" ")
            )),
        "fix the syntax error in widget/loader/loader.js",
    )
}

/// The texts the loader shows before the panel loads; it gets their English from here, as the
/// panel does from `WidgetText`.
const LOADER_TEXTS: [WidgetText; 6] = [
    WidgetText::OpenChat,
    WidgetText::CloseChat,
    WidgetText::Unread,
    WidgetText::Chat,
    WidgetText::Loading,
    WidgetText::LoadFailed,
];

/// Copies the panel's glue and wasm, and the locale tables (`widget/locales/`), into
/// `widget/<content hash>/`, which browsers and CDNs may keep for a year (`_headers`): a new
/// build is a new folder, named by the loader (cached for five minutes). Earlier builds'
/// folders go. Returns the folder's name.
fn fingerprint_widget(widget: &Path) -> Result<String> {
    use sha2::{Digest, Sha256};
    let failed = |e: std::io::Error| Failure::new("fingerprinting the widget", e.to_string());
    let files = [
        format!("{}.js", WIDGET.krate),
        format!("{}_bg.wasm", WIDGET.krate),
    ];
    let locales: Vec<(String, Vec<u8>)> = WIDGET_LANGUAGES
        .iter()
        .map(|language| {
            let path = root().join(format!("widget/locales/{language}.json"));
            Ok((
                format!("{language}.json"),
                std::fs::read(path).map_err(failed)?,
            ))
        })
        .collect::<Result<_>>()?;
    let mut hash = Sha256::new();
    for file in &files {
        hash.update(std::fs::read(widget.join(file)).map_err(failed)?);
    }
    for (_, table) in &locales {
        hash.update(table);
    }
    let build: String = hash.finalize()[..6]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    for entry in std::fs::read_dir(widget).map_err(failed)? {
        let path = entry.map_err(failed)?.path();
        if path.is_dir() && !path.ends_with(&build) {
            std::fs::remove_dir_all(&path).map_err(failed)?;
        }
    }
    let folder = widget.join(&build);
    std::fs::create_dir_all(&folder).map_err(failed)?;
    for file in &files {
        std::fs::copy(widget.join(file), folder.join(file)).map_err(failed)?;
    }
    std::fs::create_dir_all(folder.join("locales")).map_err(failed)?;
    for (file, table) in &locales {
        std::fs::write(folder.join("locales").join(file), table).map_err(failed)?;
    }
    Ok(build)
}
