// The control interface (docs/rules.md §8): what Nexera staff do, at the server root under
// /__control, with the operators' credentials and a view of every tenant. The console
// (console.ts) registers the same routes under its own prefix, so a click there is the same
// call as a curl here, and its changes are recorded as the console's.
//   POST   /{resource}/{id}/status       a Nexera transition; 409 when illegal
//   PATCH  /{resource}/{id}              Nexera's fields (providerFields)
//   GET    /{resource}[/{id}]            every ticket of every operator (the API's filters)
//   GET    /{resource}/{id}/timeline     the ticket's changes, who made each, their events and delivery attempts
//   POST   /reset                        starts over
//   GET    /hub                          every operator's subscriptions (passwords masked)
//   GET    /deliveries                   the delivery attempts kept (filters: subscriptionId, eventId, ticketId,
//                                        outcome); X-Records-Dropped counts older ones dropped
//   GET    /deliveries/pending           what is still queued
//   DELETE /deliveries/pending/{subscriptionId}/{eventId}   gives that queued event up (204; 404 if not queued)
import type { FastifyInstance } from "fastify";
import { DROPPED_HEADER } from "../core/bounded-log.ts";
import { ApiError } from "../core/errors.ts";
import type { Actor, Query, TicketService } from "../core/tickets.ts";
import type { EventHub } from "../events/events.ts";
import { publicView } from "../events/subscriptions.ts";
import type { Model } from "../model/model.ts";
import { SCHEMA } from "../model/schema-names.ts";
import { timelineOf } from "./console-api.ts";
import { acceptOnly, bodySchema, useJsonParser } from "./content.ts";
import { sendJson, sendList } from "./tickets.ts";

export const CONTROL_PREFIX = "/__control";
/** The console (console.ts): the page, its assets and its API, none of it an operator's client's traffic. */
export const CONSOLE_PREFIX = "/__console";

export interface ControlRoutesOptions {
  model: Model;
  service: TicketService;
  hub: EventHub;
  /** Whose changes these routes make: "control", or "console" under the console's prefix. */
  actor: Extract<Actor, "control" | "console">;
}

const JSON_TYPE = "application/json";
const ATTEMPT_FILTERS = ["subscriptionId", "eventId", "ticketId", "outcome"] as const;

export async function controlRoutes(app: FastifyInstance, opts: ControlRoutesOptions): Promise<void> {
  const { model, service, hub, actor } = opts;
  const { registry, engine } = hub;
  const collection = `/${model.resource}`;
  useJsonParser(app, [JSON_TYPE, ...model.patchContentTypes]);
  const onlyJson = acceptOnly([JSON_TYPE]);

  // Nexera-driven transition of the lifecycle; 409 from the service when illegal.
  app.post<{ Params: { id: string }; Body: { status: string; reason?: string } }>(
    `${collection}/:id/status`,
    { preParsing: onlyJson, ...bodySchema(model, SCHEMA.controlStatus) },
    (request, reply) => {
      const { status, reason } = request.body;
      return reply.send(service.providerTransition(request.params.id, status, reason, actor).ticket);
    },
  );

  // Only the profile's providerFields (the schema), then the stored ticket type's rules (the service).
  app.patch<{ Params: { id: string } }>(
    `${collection}/:id`,
    { preParsing: acceptOnly(model.patchContentTypes), ...bodySchema(model, SCHEMA.controlPatch) },
    (request, reply) => {
      return reply.send(service.providerPatch(request.params.id, request.body, actor).ticket);
    },
  );

  app.get(collection, (request, reply) => sendList(reply, service.listJson(undefined, request.query as Query)));

  app.get<{ Params: { id: string } }>(`${collection}/:id`, (request, reply) => {
    const json = service.getJson(undefined, request.params.id, request.query as Query);
    const owner = service.ownerOf(request.params.id);
    if (owner !== undefined) reply.header("x-operator", owner);
    return sendJson(reply, json);
  });

  app.get<{ Params: { id: string } }>(`${collection}/:id/timeline`, (request, reply) => {
    reply.header(DROPPED_HEADER, String(hub.history.dropped));
    return reply.send(timelineOf(model, service, hub, request.params.id));
  });

  // Starts the simulator over: tickets, and through service.onReset the hub's
  // subscriptions, delivery log and change history (decision 0005). Operators and tokens stay.
  app.post("/reset", (_request, reply) => {
    service.reset();
    return reply.code(204).send();
  });

  app.get(`/${model.hubPath}`, () => registry.list().map(publicView));

  app.get("/deliveries", (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const filters = ATTEMPT_FILTERS.flatMap((k) => (typeof q[k] === "string" ? [[k, q[k] as string] as const] : []));
    // The log keeps the newest attempts (docs/rules.md §8); the header counts those it dropped.
    reply.header(DROPPED_HEADER, String(engine.droppedRecords()));
    return engine.attempts().filter((a) => filters.every(([k, v]) => a[k] === v));
  });

  app.get("/deliveries/pending", () => engine.pending());

  app.delete<{ Params: { subscriptionId: string; eventId: string } }>(
    "/deliveries/pending/:subscriptionId/:eventId",
    (request, reply) => {
      const { subscriptionId, eventId } = request.params;
      const reason = `cancelled through the ${actor === "console" ? "console" : "control interface"}`;
      if (!engine.cancelEvent(subscriptionId, eventId, reason))
        throw new ApiError("notFound", `no event "${eventId}" is queued for subscription "${subscriptionId}"`);
      return reply.code(204).send();
    },
  );
}
