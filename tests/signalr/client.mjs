// A stock SignalR client (npm @microsoft/signalr) against Parley's /hubs/chat. Driven by
// tests/tests/signalr.rs: prints one JSON line per step, exits after the expected message.
// usage: node client.mjs <base-url> <conversation-id> <access-token>
import * as signalR from "@microsoft/signalr";

const [base, conversationId, token] = process.argv.slice(2);
const say = (line) => console.log(JSON.stringify(line));

const connection = new signalR.HubConnectionBuilder()
  .withUrl(`${base}/hubs/chat?conversationId=${conversationId}`, {
    accessTokenFactory: () => token,
    transport: signalR.HttpTransportType.WebSockets,
  })
  .configureLogging(signalR.LogLevel.Warning)
  .build();

connection.on("ReceiveMessage", async (message) => {
  say({ event: "ReceiveMessage", message });
  await connection.stop();
  process.exit(0);
});

setTimeout(() => {
  say({ error: "no ReceiveMessage within 30 s" });
  process.exit(2);
}, 30_000);

try {
  await connection.start();
  await connection.invoke("JoinConversation", conversationId);
  await connection.invoke("TypingStart", conversationId);
  say({ ready: true, connectionId: connection.connectionId });
} catch (error) {
  say({ error: String(error) });
  process.exit(1);
}
