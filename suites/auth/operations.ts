// The API's operations as the suites call them (docs/rules.md §1), on real resources so
// a 401 or 405 is never confused with a 404.
import type { Model } from "../../simulator/model/model.ts";
import type { Req } from "../http/client.ts";
import { minimalBody } from "../model/samples.ts";
import type { Target } from "../target/target.ts";

export interface Operation {
  readonly name: string;
  readonly request: (ids: { ticket: string; hub: string }) => Req;
}

export function operations(model: Model, target: Target, runId: string): Operation[] {
  const T = model.defaultTicketType;
  const body = minimalBody({ model, ticketType: T, op: "POST", tag: runId });
  const t = (id: string) => `${target.tickets}/${encodeURIComponent(id)}`;
  return [
    { name: `POST /${model.resource}`, request: () => ({ method: "POST", url: target.tickets, json: body }) },
    { name: `GET /${model.resource}`, request: () => ({ method: "GET", url: target.tickets }) },
    { name: `GET /${model.resource}/{id}`, request: (ids) => ({ method: "GET", url: t(ids.ticket) }) },
    { name: `PATCH /${model.resource}/{id}`, request: (ids) => ({ method: "PATCH", url: t(ids.ticket), json: {} }) },
    {
      name: `POST /${model.hubPath}`,
      request: () => ({ method: "POST", url: target.hub, json: { callback: "http://127.0.0.1:9/unused" } }),
    },
    {
      name: `DELETE /${model.hubPath}/{id}`,
      request: (ids) => ({ method: "DELETE", url: `${target.hub}/${encodeURIComponent(ids.hub)}` }),
    },
  ];
}

/** Methods a path does not offer (docs/rules.md §2: 405). */
export function unofferedMethods(
  model: Model,
  target: Target,
): Array<{ name: string; request: (ids: { ticket: string; hub: string }) => Req }> {
  const t = (id: string) => `${target.tickets}/${encodeURIComponent(id)}`;
  const r = model.resource;
  return [
    { name: `DELETE /${r}/{id}`, request: (ids) => ({ method: "DELETE", url: t(ids.ticket) }) },
    { name: `PUT /${r}/{id}`, request: (ids) => ({ method: "PUT", url: t(ids.ticket), json: {} }) },
    { name: `POST /${r}/{id}`, request: (ids) => ({ method: "POST", url: t(ids.ticket), json: {} }) },
    { name: `PUT /${r}`, request: () => ({ method: "PUT", url: target.tickets, json: {} }) },
    { name: `PATCH /${r}`, request: () => ({ method: "PATCH", url: target.tickets, json: {} }) },
    { name: `DELETE /${r}`, request: () => ({ method: "DELETE", url: target.tickets }) },
  ];
}
