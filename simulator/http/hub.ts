// Hub routes (docs/rules.md §2, §3, §6) and the event machinery's place in the app:
//   POST   {basePath}/hub          subscribe (201 + Location), the operator's own
//   DELETE {basePath}/hub/{id}     unsubscribe (204; 404 if unknown or another operator's)
//   DELETE {basePath}/hub          every subscription of the operator, where the profile has events.hub.reset
// Thin: the registry, generation and delivery live in simulator/events; every operator's
// subscriptions and the delivery log are the control interface's (control.ts). The app's
// close drains the delivery queue for a bounded time and logs what it could not deliver.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { PendingDelivery } from "../events/delivery.ts";
import type { EventHub } from "../events/events.ts";
import type { Model } from "../model/model.ts";
import { acceptOnly, useJsonParser } from "./content.ts";

export type { EventsOptions } from "../events/events.ts";

export interface HubOptions {
  model: Model;
  basePath: string;
  publicUrl?: string;
  /** The onRequest hook that authenticates and sets request.operator (the API's own). */
  authenticate: (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => void;
  /** The app's event hub (buildSimulator makes it, so the control interface and the console share it). */
  hub: EventHub;
  /** Told, when the app closes, what could not be delivered within the drain. */
  onShutdown?: (report: { undelivered: PendingDelivery[] }) => void;
}

const JSON_TYPE = "application/json";

export async function hubPlugin(app: FastifyInstance, opts: HubOptions): Promise<void> {
  const { model, basePath, authenticate, hub } = opts;
  const { registry } = hub;
  app.addHook("onClose", async () => {
    const report = await hub.close();
    if (report.undelivered.length > 0)
      app.log.warn({ undelivered: report.undelivered }, "events not delivered at shutdown");
    opts.onShutdown?.(report);
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
}
