//! What a command is about to do and how long each part takes, said before it starts: a cold
//! run is long, and the person waiting should know for what. The times were measured on a
//! fresh 2-core machine; a warm run skips what is installed and rebuilds only what changed.

/// One part of a command: what it does, how long it takes cold, and warm.
pub struct Part {
    pub what: &'static str,
    pub cold: &'static str,
    pub warm: &'static str,
}

const TOOLS: Part = Part {
    what: "install what is missing: wasm32 target, the widget's pinned nightly + rust-src, npm tools (wrangler, binaryen, esbuild, node 22), the wasm-bindgen CLI (in the background)",
    cold: "~40 s (+5 min in the background, while the code compiles)",
    warm: "1 s",
};
const TEST_TOOLS: Part = Part {
    what: "install Chromium + chromedriver (apt), the OpenAPI checkers (pip) and the SDK generators (npm, pip)",
    cold: "~2.5 min",
    warm: "0 s",
};
const EDGE: Part = Part {
    what: "compile the edge Worker (cargo)",
    cold: "~4 min",
    warm: "seconds; ~1.5 min after an edge change",
};
const UIS: Part = Part {
    what: "compile the widget (on the pinned nightly, its std rebuilt) and the admin UI",
    cold: "~6 min",
    warm: "seconds; ~1.5 min after a UI change",
};
const PACKAGE: Part = Part {
    what: "package both (wasm-bindgen → wasm-opt → esbuild, into edge/build and dist/)",
    cold: "~1 min",
    warm: "seconds",
};

pub const DEV: [Part; 5] = [
    TOOLS,
    EDGE,
    UIS,
    PACKAGE,
    Part {
        what: "migrate and seed the local database, start wrangler dev",
        cold: "~20 s",
        warm: "~15 s",
    },
];

pub const TEST: [Part; 8] = [
    TOOLS,
    TEST_TOOLS,
    EDGE,
    UIS,
    PACKAGE,
    Part {
        what: "check the generated SDKs in clients/ are current (generate into a scratch dir, compare)",
        cold: "~20 s",
        warm: "~15 s",
    },
    Part {
        what: "UI component tests (wasm in headless Chromium)",
        cold: "~4 min",
        warm: "~1 min",
    },
    Part {
        what: "unit, integration and browser tests against wrangler dev (two binaries at a time)",
        cold: "~8 min",
        warm: "~6 min",
    },
];

/// Prints the plan of `command`.
pub fn announce(command: &str, parts: &[Part]) {
    println!("cargo xtask {command}: the plan (times on 2 cores, cold / warm)");
    for (n, part) in parts.iter().enumerate() {
        println!("  {}. {} [{} / {}]", n + 1, part.what, part.cold, part.warm);
    }
    println!();
}
