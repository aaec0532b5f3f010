// Starts the admin app. A file of its own, not an inline script, so the admin's
// Content-Security-Policy can allow scripts from Parley's origin only.
import init from "/admin/parley_admin.js";
init({ module_or_path: "/admin/parley_admin_bg.wasm" });
