// The Worker's entry module. `cargo xtask build` bundles it with wasm-bindgen's output for the
// edge crate into edge/build/index.js, which wrangler runs.
//
// workerd calls these classes; each call goes straight to Rust. A Rust panic aborts the wasm
// instance, so the call after one starts a fresh instance (and fresh objects) rather than
// failing every request that follows.
import { DurableObject, WorkerEntrypoint } from "cloudflare:workers";
// wasm-bindgen's glue for the edge crate, as `cargo xtask build` made it (an esbuild alias).
import * as rust from "parley-edge-glue";

const instance = rust.__worker_init_state();

function restartIfAborted() {
  if (instance.criticalError) {
    rust.__wbg_reset_state();
    instance.criticalError = false;
    instance.instanceId++;
  }
}

function noteAbort(error) {
  if (error instanceof WebAssembly.RuntimeError) {
    instance.criticalError = true;
  }
  throw error;
}

function guarded(call) {
  restartIfAborted();
  try {
    const result = call();
    return result instanceof Promise ? result.catch(noteAbort) : result;
  } catch (error) {
    noteAbort(error);
  }
}

export default class Parley extends WorkerEntrypoint {
  fetch(request) {
    return guarded(() => rust.fetch(request, this.env, this.ctx));
  }
}

// A Durable Object class whose methods (fetch, alarm, webSocketMessage…) are the Rust
// object's, rebuilt after an abort.
function durableObject(RustObject) {
  class Wrapped extends DurableObject {
    constructor(ctx, env) {
      super(ctx, env);
      restartIfAborted();
      this.rust = new RustObject(ctx, env);
      this.instanceId = instance.instanceId;
    }

    current() {
      if (this.instanceId !== instance.instanceId) {
        this.rust = new RustObject(this.ctx, this.env);
        this.instanceId = instance.instanceId;
      }
      return this.rust;
    }
  }
  for (const name of Object.getOwnPropertyNames(RustObject.prototype)) {
    const { value } = Object.getOwnPropertyDescriptor(RustObject.prototype, name);
    if (typeof value === "function" && name !== "constructor" && name !== "free") {
      Wrapped.prototype[name] = function (...args) {
        return guarded(() => this.current()[name](...args));
      };
    }
  }
  return Wrapped;
}

export const ConversationRoom = durableObject(rust.ConversationRoom);
export const WorkspaceInbox = durableObject(rust.WorkspaceInbox);
export const RateCounter = durableObject(rust.RateCounter);
export const WebhookDispatcher = durableObject(rust.WebhookDispatcher);
export const AgentLoopRunner = durableObject(rust.AgentLoopRunner);
