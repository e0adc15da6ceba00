// The operator-facing routes of the trouble ticket resource (docs/rules.md §1, §2, §7).
// Thin: each translates HTTP to one TicketService call and back. The tenant is the
// authenticated operator (request.operator, set by the scope's auth hook).
import type { FastifyInstance, FastifyReply } from "fastify";
import type { FaultSpec } from "../core/faults.ts";
import type { Query, Ticket, TicketService } from "../core/tickets.ts";
import type { Model } from "../model/model.ts";
import { acceptOnly, useJsonParser } from "./content.ts";

export interface TicketRoutesOptions {
  model: Model;
  service: TicketService;
  /** The API base path, for Location headers when a ticket has no href. */
  basePath: string;
}

const JSON_TYPE = "application/json";

export async function ticketRoutes(app: FastifyInstance, opts: TicketRoutesOptions): Promise<void> {
  const { model, service, basePath } = opts;
  const collection = `/${model.resource}`;
  useJsonParser(app, [JSON_TYPE, ...model.patchContentTypes]);
  const onlyJson = acceptOnly([JSON_TYPE]);
  const patchTypes = acceptOnly(model.patchContentTypes);

  app.post(collection, { preParsing: onlyJson }, (request, reply) => {
    const { ticket, change } = service.create(request.operator, request.body);
    request.change = change;
    reply.header("location", locationOf(model, ticket, `${basePath}${collection}`));
    return reply.code(201).send(ticket);
  });

  app.get(collection, (request, reply) => {
    const { items, total } = service.list(request.operator, request.query as Query);
    return sendList(reply, items, total);
  });

  app.get<{ Params: { id: string } }>(`${collection}/:id`, (request, reply) => {
    return reply.send(service.get(request.operator, request.params.id, request.query as Query));
  });

  app.patch<{ Params: { id: string } }>(`${collection}/:id`, { preParsing: patchTypes }, (request, reply) => {
    const { ticket, change } = service.patch(request.operator, request.params.id, request.body);
    request.change = change;
    return reply.send(ticket);
  });
}

export function sendList(reply: FastifyReply, items: readonly Ticket[], total: number): FastifyReply {
  // TMF621 v4 declares no 206: a page is 200 with both counts (docs/rules.md §7).
  return reply
    .header("x-total-count", String(total))
    .header("x-result-count", String(items.length))
    .code(200)
    .send(items);
}

/**
 * The count headers' faults (catalogue: http/faults.ts): sendList answers both
 * counts, and the fault's hook puts one in place of the other on the way out.
 */
export const TICKET_ROUTE_FAULTS: readonly (FaultSpec & { install: (app: FastifyInstance) => void })[] = [
  {
    name: "total-counts-page",
    description: "X-Total-Count counts the tickets of the page, not every match",
    proof: { suites: ["filtering"], names: /X-Total-Count must/ },
    install: (app) => copyHeader(app, "x-result-count", "x-total-count"),
  },
  {
    name: "result-counts-all",
    description: "X-Result-Count counts every match, not the tickets of the page",
    proof: { suites: ["filtering"], names: /X-Result-Count must/ },
    install: (app) => copyHeader(app, "x-total-count", "x-result-count"),
  },
];

function copyHeader(app: FastifyInstance, from: string, to: string): void {
  app.addHook("onSend", async (_request, reply, payload) => {
    const value = reply.getHeader(from);
    if (value !== undefined && reply.getHeader(to) !== undefined) reply.header(to, value);
    return payload;
  });
}

/** The ticket's own href when the service set one, else the collection path plus its id (fields named by their server kind). */
export function locationOf(model: Model, ticket: Ticket, collectionPath: string): string {
  const hrefField = model.serverFields.href;
  const href = hrefField === undefined ? undefined : ticket[hrefField];
  if (typeof href === "string" && href !== "") return href;
  return `${collectionPath}/${encodeURIComponent(String(ticket[model.idField]))}`;
}
