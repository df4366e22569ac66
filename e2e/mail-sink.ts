// The e2e suite's outgoing-mail sink, started by playwright.config.ts as a webServer next to the
// app: SMTP on 127.0.0.1 (the app's SMTP_URL) and, beside it, GET /mails?to=<address> answering the
// mails received for that address as JSON, so specs follow links from real mails.
import { createServer } from "node:http";
import { startMailSink } from "../server/services/email/testing";
import { mailSinkPorts } from "./mail-ports";

async function main() {
  const { smtp, http } = mailSinkPorts();
  const sink = await startMailSink(smtp);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", `http://127.0.0.1:${http}`);
    if (url.pathname === "/health") return void res.end("ok");
    if (url.pathname !== "/mails") return void res.writeHead(404).end();
    const to = url.searchParams.get("to") ?? "";
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(to ? sink.mailsTo(to) : sink.mails));
  });
  server.listen(http, "127.0.0.1", () => console.log(`mail sink: ${sink.url}, http://127.0.0.1:${http}/mails`));
  const stop = () => {
    server.close();
    void sink.close().then(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main();
