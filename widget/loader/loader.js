// Parley widget loader: everything a host page pays for before the visitor opens the chat.
// It draws the launcher inside a Shadow DOM at once, reads the widget's public config, and
// loads the Leptos/WASM panel when the visitor reaches for the chat (or, with a conversation
// under way, when the browser is idle).
// Its one global is the documented `window.Parley` API (see the README): methods, and
// `Parley("method", ...args)` for calls a page queued with the snippet's stub before this ran.
// `cargo xtask build` sets PARLEY_WIDGET_BUILD (the content hash of the panel's files),
// PARLEY_ENGLISH (this loader's own texts, from shared-types' WidgetText), PARLEY_LANGUAGES and
// PARLEY_RIGHT_TO_LEFT (the locale tables there are, space-separated).
(() => {
  const script = document.currentScript;
  // The script tag's data-* attributes win over window.parleySettings.
  const settings = { ...window.parleySettings, ...(script && script.dataset) };
  const widgetId = settings.widgetId;
  if (!widgetId || !script) {
    console.error("Parley: the embed <script> needs a data-widget-id attribute (or window.parleySettings.widgetId)");
    return;
  }
  const on = (value) => value !== undefined && value !== false && value !== "false";
  const origin = new URL(script.src).origin;
  const folder = `${origin}/widget/${PARLEY_WIDGET_BUILD}`;
  const files = `${folder}/parley_widget`;
  const storageKey = `parley:${widgetId}`;
  const listeners = { ready: [], open: [], close: [], message: [], unread: [] };
  const queued = (window.Parley && window.Parley.q) || [];
  let identity = null;
  let booted = false;
  let ready = false;
  let unread = 0;
  // The texts in the visitor's language, with the widget's own wording over them.
  let texts = {};
  const t = (key) => texts[key] || PARLEY_ENGLISH[key];

  const host = document.createElement("parley-widget");
  if (settings.position === "left") host.classList.add("left");
  if (on(settings.hideLauncher)) host.classList.add("no-launcher");
  const root = host.attachShadow({ mode: "open" });
  root.innerHTML = `<style>
:host{all:initial!important;position:fixed!important;z-index:2147483000!important;right:20px!important;bottom:20px!important;display:block!important;
--parley-accent:#4f46e5;--parley-on-accent:#fff;--parley-bg:#fff;--parley-fg:#111827;--parley-muted:#6b7280;--parley-bubble:#f3f4f6}
:host(.left){right:auto!important;left:20px!important}
:host(.no-launcher) .launcher{display:none}
@media (prefers-color-scheme:dark){:host{--parley-bg:#111827;--parley-fg:#f9fafb;--parley-muted:#9ca3af;--parley-bubble:#1f2937}}
.launcher{all:initial;position:relative;box-sizing:border-box;width:56px;height:56px;border-radius:50%;background:var(--parley-accent);display:grid;place-items:center;cursor:pointer;box-shadow:0 4px 14px #0003}
.launcher:focus-visible{outline:3px solid var(--parley-accent);outline-offset:3px}
.launcher svg{width:28px;height:28px;fill:var(--parley-on-accent);stroke:var(--parley-on-accent);stroke-width:2.5;stroke-linecap:round}
.launcher[aria-expanded=true] .chat,.launcher[aria-expanded=false] .x,.badge:empty{display:none}
.badge{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 5px;box-sizing:border-box;border-radius:10px;background:#dc2626;color:#fff;font:600 12px/20px system-ui,sans-serif;text-align:center}
.panel{position:absolute;right:0;bottom:72px;width:370px;height:560px;max-height:calc(100vh - 110px);border-radius:14px;overflow:hidden;box-shadow:0 8px 30px #0004;background:var(--parley-bg);color:var(--parley-fg)}
:host(.left) .panel{right:auto;left:0}
.panel[hidden]{display:none}
@media (prefers-reduced-motion:no-preference){.panel{animation:rise .18s ease-out}@keyframes rise{from{opacity:0;transform:translateY(8px)}}}
@media (max-width:480px){.panel{position:fixed;inset:0;width:auto;height:auto;max-height:none;border-radius:0}}
.loading{padding:24px;font:15px system-ui,sans-serif}
</style><div class="panel" role="dialog" aria-modal="true" hidden></div><button class="launcher" type="button" aria-expanded="false"><svg viewBox="0 0 24 24" aria-hidden="true"><path class="chat" stroke="none" d="M4 4h16v12H7l-3 3z"/><path class="x" d="M6 6l12 12M18 6L6 18"/></svg><span class="badge" aria-hidden="true"></span></button>`;
  const panel = root.querySelector(".panel");
  const launcher = root.querySelector(".launcher");
  const badge = root.querySelector(".badge");

  const call = (listener, payload) => {
    try {
      listener(payload);
    } catch (error) {
      console.error("Parley: an event listener failed", error);
    }
  };
  const emit = (name, payload) => {
    for (const listener of listeners[name]) call(listener, payload);
    // What arrives while the panel is closed is unread until the visitor opens it.
    if (name === "message" && panel.hidden) setUnread(unread + 1);
  };
  const setUnread = (count) => {
    if (count === unread) return;
    unread = count;
    badge.textContent = count ? (count > 9 ? "9+" : count) : "";
    label();
    emit("unread", count);
  };
  const label = () => {
    panel.setAttribute("aria-label", t("chat"));
    const open = t("openChat");
    launcher.setAttribute("aria-label", !panel.hidden ? t("closeChat") : unread ? `${open}, ${t("unread").replace("{n}", unread)}` : open);
  };

  // The visitor's language: a table of the loader's and the panel's texts, fetched only for a
  // language other than English; the panel is drawn again when the page changes it.
  const language = (locale) => String(locale || navigator.language || "en").toLowerCase().split(/[-_]/)[0];
  const loadTexts = () => {
    const lang = language(settings.locale);
    const table = PARLEY_LANGUAGES.split(" ").includes(lang)
      ? fetch(`${folder}/locales/${lang}.json`).then((response) => response.json()).catch(() => ({}))
      : {};
    return Promise.all([table, configLoaded]).then(([table, loaded]) => {
      texts = { ...table, ...(loaded && loaded.texts) };
      panel.lang = lang;
      // The whole locale (en-GB, not en), for how the panel writes times.
      panel.dataset.locale = settings.locale || navigator.language;
      panel.dir = PARLEY_RIGHT_TO_LEFT.split(" ").includes(lang) ? "rtl" : "ltr";
      label();
    });
  };
  let textsLoaded;

  let configLoaded;
  let identityChecked;
  let resumed;
  let app;
  const panelCode = (base) => import(`${base}.js`).then((wasm) => wasm.default({ module_or_path: `${base}_bg.wasm` }).then(() => wasm));
  const load = () =>
    // A loader cached from before a deploy names a build that is gone: the current one is
    // also served under plain names.
    (app ||= Promise.all([panelCode(files).catch(() => panelCode(`${origin}/widget/parley_widget`)), configLoaded, identityChecked, resumed, textsLoaded]).then(([wasm, loaded]) => {
      panel.textContent = "";
      wasm.mount(panel, widgetId, origin, JSON.stringify(loaded), settings.locale || navigator.language, emit, () => JSON.stringify(identity), () => texts);
    }));

  const focusable = () => [...panel.querySelectorAll("button,textarea,input,a[href]")].filter((el) => !el.disabled);
  const setOpen = (open) => {
    if (open === !panel.hidden) return;
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    if (open) setUnread(0);
    label();
    if (open) {
      if (!app) panel.innerHTML = `<p class="loading" role="status">${t("loading")}</p>`;
      load()
        .then(() => {
          // Tells the chat it is visible, so it marks what the visitor now sees as read.
          panel.dispatchEvent(new Event("parley-open"));
          (panel.querySelector("textarea") || panel).focus();
        })
        .catch((error) => {
          panel.innerHTML = `<p class="loading" role="alert">${t("loadFailed")}</p>`;
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
  const stored = () => {
    try {
      return localStorage.getItem(storageKey);
    } catch {}
  };

  /** POSTs `body` to the widget's `path`; `then` gets the answer, `refused` its problem's words. */
  const ask = (path, body, then, refused) =>
    fetch(`${origin}/api/widgets/${encodeURIComponent(widgetId)}/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    })
      .then(async (response) => {
        const answer = await response.json();
        if (response.ok) then(answer);
        else console.error(`${refused}: ${answer.detail || answer.title}`);
      })
      .catch(() => {});
  const keep = (conversation) => {
    try {
      localStorage.setItem(storageKey, JSON.stringify({ session: { conversationId: conversation.id, visitorToken: conversation.visitorToken, visitorId: conversation.visitorId } }));
    } catch {}
  };

  // A signed-in user proven by the site's userHash finds their latest conversation on this
  // widget from any browser; a wrong hash is refused here, before the visitor writes.
  const checkIdentity = (user) =>
    ask("identity", { userId: String(user.userId), userHash: user.userHash }, (answer) => {
      if (!answer.resumed || stored()) return;
      keep(answer.resumed);
      if (booted) preload();
    }, "Parley.identify");

  const boot = () => {
    if (booted) return;
    booted = true;
    configLoaded = fetch(`${origin}/api/widgets/${encodeURIComponent(widgetId)}/config`)
      .then((response) => (response.ok ? response.json() : null))
      .catch(() => null)
      .then((config) => {
        if (config && /^#([0-9a-f]{3}){1,2}$/i.test(config.themeColor)) {
          host.style.setProperty("--parley-accent", config.themeColor);
          host.style.setProperty("--parley-on-accent", config.themeTextColor || "#fff");
        }
        return config;
      });
    label();
    textsLoaded = loadTexts();

    // Placed in <head>, the script runs before <body> exists.
    const mount = () => document.body.appendChild(host);
    if (document.body) mount();
    else document.addEventListener("DOMContentLoaded", mount, { once: true });
    // An emailed link back to a conversation (`#parley-resume=<token>`) reopens it here.
    const link = /parley-resume=([\w.-]+)/.exec(location.hash);
    if (link) {
      history.replaceState(null, "", location.pathname + location.search);
      resumed = ask("resume", { token: link[1] }, (conversation) => {
        keep(conversation);
        api.open();
      }, "Parley: this link to a conversation no longer works");
    }
    if (stored()) (window.requestIdleCallback || setTimeout)(preload);
    textsLoaded.then(() => {
      ready = true;
      emit("ready");
      for (const [method, args] of waiting.splice(0)) api[method](...args);
    });
  };

  // What a page asks of the chat before it is ready (booted and its config read) waits for it.
  const waiting = [];
  const later = (method, run) => (...args) => (ready ? run(...args) : void waiting.push([method, args]));
  const api = {
    boot,
    open: later("open", () => setOpen(true)),
    close: later("close", () => setOpen(false)),
    toggle: later("toggle", () => setOpen(panel.hidden)),
    /** The chat's language ("de", "ar-EG", …); the panel is drawn again in it. */
    setLocale: (locale) => {
      settings.locale = locale;
      if (booted) textsLoaded = loadTexts().then(() => panel.dispatchEvent(new Event("parley-texts")));
    },
    /** Shows or hides the launcher (the chat still opens with Parley.open()). */
    show: () => host.classList.remove("no-launcher"),
    hide: () => host.classList.add("no-launcher"),
    /** Attach who the visitor is to their next conversation: {userId, name, email, userHash}. */
    identify: (user) => {
      identity = user ? { userId: user.userId, name: user.name, email: user.email, userHash: user.userHash } : null;
      if (identity && identity.userId != null) identityChecked = checkIdentity(identity);
    },
    /** Forgets the visitor (logout on a shared computer): their conversation, unsent messages and identity. */
    reset: () => {
      identity = null;
      setOpen(false);
      setUnread(0);
      // The panel closes its socket and clears what it kept; then nothing of it stays stored.
      panel.dispatchEvent(new Event("parley-reset"));
      try {
        localStorage.removeItem(storageKey);
      } catch {}
    },
    /** Listen for "ready", "open", "close", "message" or "unread"; returns a function that stops listening. */
    on: (name, listener) => {
      const list = listeners[name];
      if (!list || typeof listener !== "function") throw new Error(`Parley.on: unknown event ${name}`);
      list.push(listener);
      // A ready chat stays ready: a late listener hears it at once.
      if (name === "ready" && ready) call(listener);
      if (name === "unread" && unread) call(listener, unread);
      return () => list.splice(list.indexOf(listener) >>> 0, 1);
    },
  };
  api.shutdown = api.reset;
  const Parley = (method, ...args) => {
    if (typeof api[method] !== "function") return console.error(`Parley: no method ${method}`);
    return api[method](...args);
  };
  window.Parley = Object.assign(Parley, api);
  if (settings.user) api.identify(settings.user);
  for (const args of queued) Parley(...args);
  if (on(settings.autoload ?? true)) boot();
})();
