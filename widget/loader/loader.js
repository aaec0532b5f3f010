// Parley widget loader: everything a host page pays for before the visitor opens the chat.
// Draws the launcher inside a Shadow DOM at once; loads the Leptos/WASM panel on open or when
// the browser is idle. Defines no globals.
(() => {
  const script = document.currentScript;
  const widgetId = script && script.dataset.widgetId;
  if (!widgetId) {
    console.error("Parley: the embed <script> needs a data-widget-id attribute");
    return;
  }
  const base = new URL(".", script.src).href;

  const host = document.createElement("parley-widget");
  const root = host.attachShadow({ mode: "open" });
  root.innerHTML = `<style>
:host{all:initial!important;position:fixed!important;z-index:2147483000!important;right:20px!important;bottom:20px!important;display:block!important;
--parley-accent:#6366f1;--parley-bg:#fff;--parley-fg:#111827;--parley-bubble:#f3f4f6}
@media (prefers-color-scheme:dark){:host{--parley-bg:#111827;--parley-fg:#f9fafb;--parley-bubble:#1f2937}}
.launcher{all:initial;box-sizing:border-box;width:56px;height:56px;border-radius:50%;background:var(--parley-accent);display:grid;place-items:center;cursor:pointer;box-shadow:0 4px 14px #0003}
.launcher:focus-visible{outline:3px solid var(--parley-accent);outline-offset:3px}
.launcher svg{width:28px;height:28px;fill:#fff}
.panel{position:absolute;right:0;bottom:72px;width:370px;height:560px;max-height:calc(100vh - 110px);border-radius:14px;overflow:hidden;box-shadow:0 8px 30px #0004;background:var(--parley-bg)}
.panel[hidden]{display:none}
</style><div class="panel" hidden></div><button class="launcher" type="button" aria-label="Open chat" aria-expanded="false"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16v12H7l-3 3z"/></svg></button>`;
  const panel = root.querySelector(".panel");
  const launcher = root.querySelector(".launcher");

  let app;
  const load = () =>
    (app ||= import(base + "widget/parley_widget.js").then(async (wasm) => {
      await wasm.default({ module_or_path: base + "widget/parley_widget_bg.wasm" });
      wasm.mount(panel, widgetId);
    }));

  launcher.addEventListener("click", () => {
    const open = panel.hidden;
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    launcher.setAttribute("aria-label", open ? "Close chat" : "Open chat");
    if (open) load().catch((e) => console.error("Parley: the chat failed to load", e));
  });
  (window.requestIdleCallback || setTimeout)(() => load().catch(() => {}));

  document.body.appendChild(host);
})();
