// Hub routes (docs/rules.md §2, §3, §6) and the event machinery's place in the app:
//   POST   {basePath}/hub          subscribe (201 + Location), the operator's own
//   DELETE {basePath}/hub/{id}     unsubscribe (204; 404 if unknown or another operator's)
//   DELETE {basePath}/hub          every subscription of the operator, where the profile has events.hub.reset
//   GET    /__control/hub          every operator's subscriptions (passwords masked)
//   GET    /__control/deliveries   the delivery attempts kept (filters: subscriptionId, eventId, ticketId,
//                                  outcome); X-Records-Dropped counts older ones dropped
//   GET    /__control/deliveries/pending   what is still queued
// Thin: the registry, generation and delivery live in simulator/events. The app's
// close drains the delivery queue for a bounded time and logs what it could not deliver.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { DROPPED_HEADER } from "../core/bounded-log.ts";
import type { TicketService } from "../core/tickets.ts";
import type { EventsOptions } from "../events/events.ts";
import { createEventHub } from "../events/events.ts";
import { publicView } from "../events/subscriptions.ts";
import type { Model } from "../model/model.ts";
import { acceptOnly, useJsonParser } from "./content.ts";
import { CONTROL_PREFIX } from "./control.ts";

export type { EventsOptions } from "../events/events.ts";

export interface HubOptions {
  model: Model;
  service: TicketService;
  basePath: string;
  publicUrl?: string;
  /** The onRequest hook that authenticates and sets request.operator (the API's own). */
  authenticate: (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => void;
  /** Delivery tuning (attempts, backoff, timeouts, drain), injectable ids and clocks, onShutdown. */
  events?: EventsOptions;
}

const JSON_TYPE = "application/json";

export async function hubPlugin(app: FastifyInstance, opts: HubOptions): Promise<void> {
  const { model, service, basePath, authenticate } = opts;
  const hub = createEventHub(model, service, {
    log: (message, detail) => app.log.warn({ detail }, message),
    ...opts.events,
  });
  const { registry, engine } = hub;
  app.addHook("onClose", async () => {
    const report = await hub.close();
    if (report.undelivered.length > 0)
      app.log.warn({ undelivered: report.undelivered }, "events not delivered at shutdown");
    opts.events?.onShutdown?.(report);
  });

  const hubPath = `/${model.hubPath}`;
  await app.register(
    async (api) => {
      api.addHook("onRequest", authenticate);
      useJsonParser(api, [JSON_TYPE]);
      api.post(hubPath, { preParsing: acceptOnly([JSON_TYPE]) }, (request, reply) => {
        const s = registry.subscribe(request.operator, request.body);
        reply.header("location", `${opts.publicUrl ?? ""}${basePath}${hubPath}/${encodeURIComponent(s.id)}`);
        // TMF: the hub answers what was registered; query only when one was given.
        return reply
          .code(201)
          .send({ id: s.id, callback: s.callback, ...(s.query !== undefined ? { query: s.query } : {}) });
      });
      api.delete<{ Params: { id: string } }>(`${hubPath}/:id`, (request, reply) => {
        registry.unsubscribe(request.operator, request.params.id);
        return reply.code(204).send();
      });
      // The document's "[DELETE] /hub" resets the operator's endpoint: every subscription goes.
      if (model.events.hub.reset)
        api.delete(hubPath, (request, reply) => {
          registry.unsubscribeAll(request.operator);
          return reply.code(204).send();
        });
    },
    { prefix: basePath },
  );

  await app.register(
    async (control) => {
      control.addHook("onRequest", authenticate);
      control.get(hubPath, () => registry.list().map(publicView));
      control.get("/deliveries", (request, reply) => {
        const q = request.query as Record<string, unknown>;
        const want = (k: "subscriptionId" | "eventId" | "ticketId" | "outcome") =>
          typeof q[k] === "string" ? (q[k] as string) : undefined;
        const filters = (["subscriptionId", "eventId", "ticketId", "outcome"] as const).flatMap((k) => {
          const v = want(k);
          return v === undefined ? [] : [[k, v] as const];
        });
        // The log keeps the newest attempts (docs/rules.md §8); the header counts those it dropped.
        reply.header(DROPPED_HEADER, String(engine.droppedRecords()));
        return engine.attempts().filter((a) => filters.every(([k, v]) => a[k] === v));
      });
      control.get("/deliveries/pending", () => engine.pending());
    },
    { prefix: CONTROL_PREFIX },
  );
}
