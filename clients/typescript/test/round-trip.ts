// Run by tests/tests/clients.rs against `wrangler dev`: signs in, makes a widget and bots,
// pages through the bots, and provokes two problems; prints one JSON line of what it saw,
// which the Rust test checks against the server.
//   node round-trip.js <base URL> <email> <password> <API key>

import { createParleyClient, items, ok, ParleyProblem } from "../src/index.js";

const [baseUrl, email, password, apiKey] = process.argv.slice(2);

async function problemOf(call: Promise<unknown>): Promise<ParleyProblem> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ParleyProblem) return error;
    throw error;
  }
  throw new Error("the call succeeded");
}

const anonymous = createParleyClient({ baseUrl });
const session = await ok(
  anonymous.POST("/auth/v1/token", {
    params: { query: { grant_type: "password" } },
    body: { email, password },
  }),
);
const signedIn = createParleyClient({ baseUrl, token: session.accessToken });
const me = await ok(signedIn.GET("/auth/v1/user"));
const widget = await ok(signedIn.POST("/api/widgets", { body: { name: "Made by TypeScript" } }));

const parley = createParleyClient({ baseUrl, token: apiKey });
const created: string[] = [];
for (const name of ["TS bot 1", "TS bot 2", "TS bot 3"]) {
  const bot = await ok(parley.POST("/api/bots", { body: { name } }));
  created.push(bot.id);
}
let pages = 0;
const listed: string[] = [];
for await (const bot of items((cursor) => {
  pages += 1;
  return parley.GET("/api/bots", { params: { query: { limit: 2, cursor } } });
})) {
  listed.push(bot.id);
}

const invalid = await problemOf(ok(parley.POST("/api/bots", { body: { name: "" } })));
const missing = await problemOf(
  ok(parley.GET("/api/bots/{id}", { params: { path: { id: crypto.randomUUID() } } })),
);

console.log(
  JSON.stringify({
    me: me.email,
    widget: widget.id,
    created,
    listed,
    pages,
    invalid: { code: invalid.code, status: invalid.status, fields: Object.keys(invalid.errors) },
    missing: { code: missing.code, status: missing.status },
  }),
);
