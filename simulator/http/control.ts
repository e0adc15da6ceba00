// The control interface (docs/rules.md §8): what Nexera staff do, at the server root under
// /__control, with the operators' credentials and a view of every tenant.
import type { FastifyInstance } from "fastify";
import type { Query, TicketService } from "../core/tickets.ts";
import type { Model } from "../model/model.ts";
import { SCHEMA } from "../model/schema-names.ts";
import { acceptOnly, bodySchema, useJsonParser } from "./content.ts";
import { sendJson, sendList } from "./tickets.ts";

export const CONTROL_PREFIX = "/__control";

export interface ControlRoutesOptions {
  model: Model;
  service: TicketService;
}

const JSON_TYPE = "application/json";

export async function controlRoutes(app: FastifyInstance, opts: ControlRoutesOptions): Promise<void> {
  const { model, service } = opts;
  const collection = `/${model.resource}`;
  useJsonParser(app, [JSON_TYPE, ...model.patchContentTypes]);
  const onlyJson = acceptOnly([JSON_TYPE]);

  // Nexera-driven transition of the lifecycle; 409 from the service when illegal.
  app.post<{ Params: { id: string }; Body: { status: string; reason?: string } }>(
    `${collection}/:id/status`,
    { preParsing: onlyJson, ...bodySchema(model, SCHEMA.controlStatus) },
    (request, reply) => {
      const { status, reason } = request.body;
      return reply.send(service.providerTransition(request.params.id, status, reason).ticket);
    },
  );

  // Only the profile's providerFields (the schema), then the stored ticket type's rules (the service).
  app.patch<{ Params: { id: string } }>(
    `${collection}/:id`,
    { preParsing: acceptOnly(model.patchContentTypes), ...bodySchema(model, SCHEMA.controlPatch) },
    (request, reply) => {
      return reply.send(service.providerPatch(request.params.id, request.body).ticket);
    },
  );

  app.get(collection, (request, reply) => sendList(reply, service.listJson(undefined, request.query as Query)));

  app.get<{ Params: { id: string } }>(`${collection}/:id`, (request, reply) => {
    const json = service.getJson(undefined, request.params.id, request.query as Query);
    const owner = service.ownerOf(request.params.id);
    if (owner !== undefined) reply.header("x-operator", owner);
    return sendJson(reply, json);
  });

  // Starts the simulator over: tickets, and through service.onReset the hub's
  // subscriptions and delivery log (decision 0005). Operators and tokens stay.
  app.post("/reset", (_request, reply) => {
    service.reset();
    return reply.code(204).send();
  });
}
