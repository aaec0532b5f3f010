// Parley widget loader: everything a host page pays for before the visitor opens the chat.
// It draws the launcher inside a Shadow DOM at once, reads the widget's public config, and
// loads the Leptos/WASM panel when the visitor reaches for the chat (or, with a conversation
// under way, when the browser is idle).
// Its one global is the documented `window.Parley` API (see the README).
(() => {
  const script = document.currentScript;
  const widgetId = script && script.dataset.widgetId;
  if (!widgetId) {
    console.error("Parley: the embed <script> needs a data-widget-id attribute");
    return;
  }
  const options = script.dataset;
  const origin = new URL(script.src).origin;
  const listeners = { open: [], close: [], message: [] };
  let identity = null;
  let config = null;

  const host = document.createElement("parley-widget");
  if (options.position === "left") host.classList.add("left");
  if (options.hideLauncher !== undefined && options.hideLauncher !== "false") host.classList.add("no-launcher");
  const root = host.attachShadow({ mode: "open" });
  root.innerHTML = `<style>
:host{all:initial!important;position:fixed!important;z-index:2147483000!important;right:20px!important;bottom:20px!important;display:block!important;
--parley-accent:#4f46e5;--parley-on-accent:#fff;--parley-bg:#fff;--parley-fg:#111827;--parley-muted:#6b7280;--parley-bubble:#f3f4f6}
:host(.left){right:auto!important;left:20px!important}
:host(.no-launcher) .launcher{display:none}
@media (prefers-color-scheme:dark){:host{--parley-bg:#111827;--parley-fg:#f9fafb;--parley-muted:#9ca3af;--parley-bubble:#1f2937}}
.launcher{all:initial;box-sizing:border-box;width:56px;height:56px;border-radius:50%;background:var(--parley-accent);display:grid;place-items:center;cursor:pointer;box-shadow:0 4px 14px #0003}
.launcher:focus-visible{outline:3px solid var(--parley-accent);outline-offset:3px}
.launcher svg{width:28px;height:28px;fill:var(--parley-on-accent);stroke:var(--parley-on-accent);stroke-width:2.5;stroke-linecap:round}
.launcher[aria-expanded=true] .chat,.launcher[aria-expanded=false] .x{display:none}
.panel{position:absolute;right:0;bottom:72px;width:370px;height:560px;max-height:calc(100vh - 110px);border-radius:14px;overflow:hidden;box-shadow:0 8px 30px #0004;background:var(--parley-bg);color:var(--parley-fg)}
:host(.left) .panel{right:auto;left:0}
.panel[hidden]{display:none}
@media (prefers-reduced-motion:no-preference){.panel{animation:rise .18s ease-out}@keyframes rise{from{opacity:0;transform:translateY(8px)}}}
@media (max-width:480px){.panel{position:fixed;inset:0;width:auto;height:auto;max-height:none;border-radius:0}}
.loading{padding:24px;font:15px system-ui,sans-serif}
</style><div class="panel" role="dialog" aria-modal="true" aria-label="Chat" hidden></div><button class="launcher" type="button" aria-label="Open chat" aria-expanded="false"><svg viewBox="0 0 24 24" aria-hidden="true"><path class="chat" stroke="none" d="M4 4h16v12H7l-3 3z"/><path class="x" d="M6 6l12 12M18 6L6 18"/></svg></button>`;
  const panel = root.querySelector(".panel");
  const launcher = root.querySelector(".launcher");

  const emit = (name, payload) => {
    for (const listener of listeners[name] || []) {
      try {
        listener(payload);
      } catch (error) {
        console.error("Parley: an event listener failed", error);
      }
    }
  };

  const configLoaded = fetch(`${origin}/api/widgets/${encodeURIComponent(widgetId)}/config`)
    .then((response) => (response.ok ? response.json() : null))
    .catch(() => null)
    .then((loaded) => {
      config = loaded;
      if (config && /^#([0-9a-f]{3}){1,2}$/i.test(config.themeColor)) {
        host.style.setProperty("--parley-accent", config.themeColor);
        host.style.setProperty("--parley-on-accent", config.themeTextColor || "#fff");
      }
      return config;
    });

  let app;
  const load = () =>
    (app ||= Promise.all([import(`${origin}/widget/parley_widget.js`), configLoaded]).then(async ([wasm, loaded]) => {
      await wasm.default({ module_or_path: `${origin}/widget/parley_widget_bg.wasm` });
      panel.textContent = "";
      wasm.mount(panel, widgetId, origin, JSON.stringify(loaded), options.locale || navigator.language, emit, () => JSON.stringify(identity));
    }));

  const focusable = () => [...panel.querySelectorAll("button,textarea,input,a[href]")].filter((el) => !el.disabled);
  const setOpen = (open) => {
    if (open === !panel.hidden) return;
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    launcher.setAttribute("aria-label", open ? "Close chat" : "Open chat");
    if (open) {
      if (!app) panel.innerHTML = '<p class="loading" role="status">Loading chat…</p>';
      load()
        .then(() => {
          // Tells the chat it is visible, so it marks what the visitor now sees as read.
          panel.dispatchEvent(new Event("parley-open"));
          (panel.querySelector("textarea") || panel).focus();
        })
        .catch((error) => {
          panel.innerHTML = '<p class="loading" role="alert">The chat could not load. Please try again later.</p>';
          console.error("Parley: the chat failed to load", error);
        });
    } else {
      launcher.focus();
    }
    emit(open ? "open" : "close");
  };

  launcher.addEventListener("click", () => setOpen(panel.hidden));
  // The chat's own close button (the way out on a phone, where the panel covers the launcher).
  panel.addEventListener("parley-close", () => setOpen(false));
  root.addEventListener("keydown", (event) => {
    if (panel.hidden) return;
    if (event.key === "Escape") {
      setOpen(false);
    } else if (event.key === "Tab") {
      // Keep focus inside the open panel.
      const items = focusable();
      if (!items.length) return;
      const [first, last] = [items[0], items[items.length - 1]];
      if (event.shiftKey && root.activeElement === first) {
        last.focus();
        event.preventDefault();
      } else if (!event.shiftKey && root.activeElement === last) {
        first.focus();
        event.preventDefault();
      }
    }
  });
  // A page pays only for this loader until the visitor shows intent (pointer over or focus on
  // the launcher, or a click). A visitor with a conversation under way gets the chat when the
  // browser is idle, so replies reach them while it is closed.
  const preload = () => load().catch(() => {});
  launcher.addEventListener("pointerenter", preload, { once: true });
  launcher.addEventListener("focus", preload, { once: true });
  let ongoing = false;
  try {
    ongoing = !!localStorage.getItem(`parley:${widgetId}`);
  } catch {}
  if (ongoing) (window.requestIdleCallback || setTimeout)(preload);

  window.Parley = {
    open: () => setOpen(true),
    close: () => setOpen(false),
    toggle: () => setOpen(panel.hidden),
    /** Attach who the visitor is to their next conversation: {userId, name, email, userHash}. */
    identify: (user) => {
      identity = user ? { userId: user.userId, name: user.name, email: user.email, userHash: user.userHash } : null;
    },
    /** Listen for "open", "close" or "message"; returns a function that stops listening. */
    on: (name, listener) => {
      const list = listeners[name];
      if (!list || typeof listener !== "function") throw new Error(`Parley.on: unknown event ${name}`);
      list.push(listener);
      return () => list.splice(list.indexOf(listener) >>> 0, 1);
    },
  };
  // Placed in <head>, the script runs before <body> exists.
  const mount = () => document.body.appendChild(host);
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount, { once: true });
})();
