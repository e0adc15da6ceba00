// The baseline of npm run bench's throughput rounds: a bare fastify server whose ticket
// routes return the same JSON the simulator answered, without the simulator's work (no
// authentication, validation, store, events). Started in a child process like the
// simulator (simulator/cli/child/process.ts); argv: the API base path and the ticket JSON.
// Prints "bare fastify listening at URL" when ready.
import Fastify from "fastify";

const [basePath = "", ticketJson = "{}", resource = "troubleTicket"] = process.argv.slice(2);
const ticket = JSON.parse(ticketJson) as Record<string, unknown>;
const app = Fastify({ logger: false });
app.addContentTypeParser(
  "application/merge-patch+json",
  { parseAs: "string" },
  app.getDefaultJsonParser("error", "error"),
);
app.get(`${basePath}/${resource}/:id`, () => ticket);
app.post(`${basePath}/${resource}`, (_request, reply) => reply.code(201).send(ticket));
app.patch(`${basePath}/${resource}/:id`, () => ticket);

process.on("message", (m) => {
  if (m === "gc") process.send?.({ memory: process.memoryUsage() });
});
const stop = () => void app.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
app.listen({ host: "127.0.0.1", port: 0 }).then((address) => {
  process.stdout.write(`bare fastify listening at ${address}${basePath}\n`);
});
