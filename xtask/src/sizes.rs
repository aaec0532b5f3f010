//! What browsers and Cloudflare download, measured once per build as a CDN serves it (each
//! file on its own: raw, gzip -9, brotli quality 11) into `dist/sizes.json`. The bench prints
//! these figures and the widget's weight test holds the widget to its budget with them.

use crate::run::{Failure, Result, root};
use std::io::Write;
use std::path::Path;

/// Every file a browser or Cloudflare loads, as paths from the repo root.
pub const MEASURED: [&str; 9] = [
    "dist/widget.js",
    "dist/widget/parley_widget.js",
    "dist/widget/parley_widget_bg.wasm",
    "dist/admin/index.html",
    "dist/admin/admin.css",
    "dist/admin/parley_admin.js",
    "dist/admin/parley_admin_bg.wasm",
    "edge/build/index.js",
    "edge/build/parley_edge_bg.wasm",
];

pub const SIZES: &str = "dist/sizes.json";

pub fn write() -> Result {
    let root = root();
    let out = root.join(SIZES);
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let written = modified(&out);
    if MEASURED
        .iter()
        .all(|file| written.is_some() && modified(&root.join(file)) <= written)
    {
        println!("    {SIZES} is up to date");
        return Ok(());
    }
    // A file unchanged since the last measure keeps its figures: brotli 11 of the Worker's
    // wasm alone takes half a minute.
    let earlier: serde_json::Value = std::fs::read(&out)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default();
    let mut files = serde_json::Map::new();
    for file in MEASURED {
        let path = root.join(file);
        let kept = &earlier["files"][file];
        let figures = if !kept.is_null() && written.is_some() && modified(&path) <= written {
            kept.clone()
        } else {
            let bytes = std::fs::read(&path)
                .map_err(|e| Failure::new("measuring sizes", format!("{file}: {e}")))?;
            measure(&bytes)
        };
        files.insert(file.into(), figures);
    }
    let json = serde_json::json!({ "files": files });
    std::fs::write(
        &out,
        serde_json::to_string_pretty(&json).unwrap_or_default(),
    )
    .map_err(|e| Failure::new("writing dist/sizes.json", e.to_string()))?;
    println!("    wrote {SIZES}");
    Ok(())
}

/// One file's size raw, gzipped and brotli-compressed.
fn measure(bytes: &[u8]) -> serde_json::Value {
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = gzip.write_all(bytes);
    let gzip = gzip.finish().map_or(0, |out| out.len());
    let mut brotli = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut brotli, &params);
    serde_json::json!({ "raw": bytes.len(), "gzip": gzip, "brotli": brotli.len() })
}

#[cfg(test)]
mod tests {
    #[test]
    fn compresses_repetitive_bytes_below_their_raw_size() {
        let bytes = b"parley ".repeat(1000);
        let size = super::measure(&bytes);
        assert_eq!(size["raw"], 7000);
        let (gzip, brotli) = (
            size["gzip"].as_u64().unwrap(),
            size["brotli"].as_u64().unwrap(),
        );
        assert!(
            gzip > 0 && gzip < 200 && brotli > 0 && brotli < gzip,
            "{size}"
        );
    }
}
