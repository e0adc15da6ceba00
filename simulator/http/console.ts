// The console (docs/decisions/0012-console.md): the simulated Nexera seen and driven in a
// browser, under /__console, behind the operators' credentials as HTTP Basic (auth.person).
//   GET  /__console                    the page; GET /__console/app.js, /app.css its bundle (console-bundle.ts)
//   /__console/api/control/...         the control interface's own routes (control.ts), as the console
//   GET  /__console/api/meta           what the page derives its views from (the profile's states, fields, forms)
//   GET  /__console/api/tickets[/{operator}]   tickets with their owner, by the API's filter grammar
//   GET  /__console/api/deliveries     subscriptions, queued events, failed attempts
//   GET  /__console/api/client         the client role's verdict so far (404 unless certify --role client)
//   GET  /__console/api/stream         live updates (Server-Sent Events, console-stream.ts)
// Every asset comes from here: the page's Content-Security-Policy lets it load and fetch
// nothing from anywhere else.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ApiError } from "../core/errors.ts";
import type { Query, TicketService } from "../core/tickets.ts";
import type { EventHub } from "../events/events.ts";
import type { Model } from "../model/model.ts";
import { deliveriesOf, metaOf, ticketsOf } from "./console-api.ts";
import { consoleBundle } from "./console-bundle.ts";
import { createStreams } from "./console-stream.ts";
import { CONSOLE_PREFIX, controlRoutes } from "./control.ts";
import { judgeTraffic } from "./judge.ts";
import type { TrafficRecorder } from "./traffic.ts";

export interface ConsoleOptions {
  model: Model;
  service: TicketService;
  hub: EventHub;
  operators: readonly string[];
  /** The onRequest hook that sets request.operator or answers 401 (HTTP Basic in every auth mode). */
  authenticate: (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => void;
  /** The client role's recorder, when the simulator watches an operator's client. */
  traffic?: TrafficRecorder;
}

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Nexera console</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${CONSOLE_PREFIX}/app.css">
<script type="module" src="${CONSOLE_PREFIX}/app.js"></script>
</head>
<body>
<div id="app"><p>Loading the console…</p></div>
<noscript>The console needs JavaScript; the control interface (/__control) answers the same questions with curl.</noscript>
</body>
</html>
`;

export async function consolePlugin(app: FastifyInstance, opts: ConsoleOptions): Promise<void> {
  const { model, service, hub, operators, traffic } = opts;
  const streams = createStreams();
  const stop = [
    hub.watch((w) => {
      if ("change" in w)
        streams.send("change", {
          ticketId: String(w.change.ticket[model.idField]),
          operator: w.change.operator,
          by: w.change.by,
        });
      else
        streams.send("attempt", {
          ticketId: w.attempt.ticketId,
          eventId: w.attempt.eventId,
          outcome: w.attempt.outcome,
        });
    }),
    service.onReset(() => streams.send("reset", {})),
    ...(traffic ? [traffic.watch(() => streams.send("traffic", {}))] : []),
  ];
  app.addHook("preClose", (done) => {
    for (const fn of stop) fn();
    streams.close();
    done();
  });

  await app.register(
    async (c) => {
      c.addHook("onRequest", opts.authenticate);
      c.addHook("onSend", (_request, reply, payload, done) => {
        reply.header("x-content-type-options", "nosniff");
        if (!reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
        done(null, payload);
      });

      c.get("/", (_request, reply) =>
        reply.type("text/html; charset=utf-8").header("content-security-policy", CSP).send(PAGE),
      );
      c.get("/app.js", async (_request, reply) =>
        reply.type("text/javascript; charset=utf-8").send((await consoleBundle()).js),
      );
      c.get("/app.css", async (_request, reply) =>
        reply.type("text/css; charset=utf-8").send((await consoleBundle()).css),
      );

      await c.register(controlRoutes, { prefix: "/api/control", model, service, hub, actor: "console" });
      c.get("/api/meta", () => metaOf(model, operators, traffic !== undefined));
      c.get("/api/tickets", (request) => ticketsOf(model, service, undefined, request.query as Query));
      c.get<{ Params: { operator: string } }>("/api/tickets/:operator", (request) => {
        const { operator } = request.params;
        if (!operators.includes(operator)) throw new ApiError("notFound", `no operator "${operator}"`);
        return ticketsOf(model, service, operator, request.query as Query);
      });
      c.get("/api/deliveries", () => deliveriesOf(hub));
      c.get("/api/client", () => {
        if (!traffic)
          throw new ApiError("notFound", "no client is being watched: the client role runs with certify --role client");
        return liveVerdict(model, hub, traffic);
      });
      c.get("/api/stream", (_request, reply) => {
        streams.open(reply.raw); // throws 409 past the limit, before the reply is taken over
        reply.hijack();
      });
    },
    { prefix: CONSOLE_PREFIX },
  );
}

/**
 * The verdict over the traffic so far. Events still queued are not judged yet: their
 * delivery may still succeed (the final verdict counts what is left as not acknowledged).
 */
function liveVerdict(model: Model, hub: EventHub, traffic: TrafficRecorder) {
  const log = traffic.snapshot();
  const queued = new Set(hub.engine.pending().map((p) => `${p.subscriptionId}\u0000${p.eventId}`));
  const settled = log.attempts.filter((a) => !queued.has(`${a.subscriptionId}\u0000${a.eventId}`));
  return judgeTraffic(model, { ...log, attempts: settled });
}
