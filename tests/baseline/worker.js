// GET /rooms/<name> with Upgrade: websocket joins a room; a text frame sent there reaches the
// room's other sockets and is then stored. GET / answers a page, for the cost of a bare request.
import { DurableObject } from "cloudflare:workers";

export class Room extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    ctx.storage.sql.exec(
      "CREATE TABLE IF NOT EXISTS messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL)",
    );
  }

  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  async webSocketMessage(sender, body) {
    for (const socket of this.ctx.getWebSockets()) {
      if (socket !== sender) socket.send(body);
    }
    this.ctx.storage.sql.exec("INSERT INTO messages (body) VALUES (?)", body);
  }
}

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (pathname.startsWith("/rooms/")) {
      return env.ROOM.getByName(pathname.slice("/rooms/".length)).fetch(request);
    }
    return new Response("<!doctype html><title>baseline</title><p>ok</p>", {
      headers: { "content-type": "text/html" },
    });
  },
};
