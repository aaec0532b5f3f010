// One stock SignalR connection (npm @microsoft/signalr) joins several conversations, as the
// ChatFlow seed describes JoinConversation. Driven by tests/tests/hub_many.rs: prints one
// JSON line per step and per ReceiveMessage, exits once a message of each joined
// conversation arrived.
// usage: node many_conversations.mjs <base-url> <access-token> <connect-on|-> <join-id>...
// With "-" the connection opens on the workspace feed (no ?conversationId=).
import * as signalR from "@microsoft/signalr";

const [base, token, connectOn, ...joins] = process.argv.slice(2);
const say = (line) => console.log(JSON.stringify(line));
const query = connectOn === "-" ? "" : `?conversationId=${connectOn}`;
const expected = new Set(connectOn === "-" ? joins : [connectOn, ...joins]);

const connection = new signalR.HubConnectionBuilder()
  .withUrl(`${base}/hubs/chat${query}`, {
    accessTokenFactory: () => token,
    transport: signalR.HttpTransportType.WebSockets,
  })
  .configureLogging(signalR.LogLevel.Warning)
  .build();

connection.on("ReceiveMessage", async (message) => {
  say({ event: "ReceiveMessage", message });
  expected.delete(message.conversationId);
  if (expected.size === 0) {
    await connection.stop();
    process.exit(0);
  }
});
connection.on("TypingStarted", (typing) => say({ event: "TypingStarted", typing }));

setTimeout(() => {
  say({ error: `no message from ${[...expected].join(", ")} within 30 s` });
  process.exit(2);
}, 30_000);

try {
  await connection.start();
  for (const id of joins) {
    await connection.invoke("JoinConversation", id);
  }
  say({ ready: true });
} catch (error) {
  say({ error: String(error) });
  process.exit(1);
}
