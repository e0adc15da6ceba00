// Test support for the core: a service on a controlled clock and id sequence,
// bodies built from the profile's rules, and walks through the lifecycle.
import { loadProfile } from "../model/load.ts";
import type { Model } from "../model/model.ts";
import { sampleObject, sampleTicket } from "../model/sample.ts";
import { ApiError, type ErrorKind } from "./errors.ts";
import { type Change, createTicketService, type TicketService, type TicketServiceOptions } from "./tickets.ts";

export const model: Model = loadProfile();
export const [CTT, CMP] = model.ticketTypes as [string, string];
export const START = Date.parse("2021-03-01T10:00:00.000Z");

export interface Harness {
  service: TicketService;
  changes: Change[];
  /** Moves the clock forward (default one second). */
  tick(ms?: number): void;
  nowIso(): string;
  /** Creates a valid ticket of the type (default the profile's default) and returns its id. */
  create(operator?: string, ticketType?: string, extra?: Record<string, unknown>): string;
  /** Moves a ticket to `state` through the shortest chain of provider transitions. */
  walkTo(id: string, state: string): void;
}

export function harness(opts: Omit<TicketServiceOptions, "now" | "newId"> = {}): Harness {
  let t = START;
  let n = 0;
  const service = createTicketService(model, {
    ...opts,
    now: () => new Date(t),
    newId: () => `id-${String(++n).padStart(5, "0")}`,
  });
  const changes: Change[] = [];
  service.onChange((c) => changes.push(c));
  return {
    service,
    changes,
    tick: (ms = 1000) => {
      t += ms;
    },
    nowIso: () => new Date(t).toISOString(),
    create(operator = "op-a", ticketType = model.defaultTicketType, extra = {}) {
      return String(service.create(operator, { ...sampleTicket(model, ticketType), ...extra }).ticket.id);
    },
    walkTo(id, state) {
      const from = String(service.get(undefined, id)[model.lifecycle.field]);
      for (const step of providerPath(from, state)) service.providerTransition(id, step, `to ${step}`);
    },
  };
}

/** The states after `from` on a shortest provider-driven path to `to`. */
export function providerPath(from: string, to: string): string[] {
  const prev = new Map<string, string>([[from, from]]);
  const queue = [from];
  while (queue.length > 0) {
    const s = queue.shift() as string;
    if (s === to) break;
    for (const t of model.lifecycle.provider) {
      if (t.from !== s || prev.has(t.to)) continue;
      prev.set(t.to, s);
      queue.push(t.to);
    }
  }
  if (!prev.has(to)) throw new Error(`no provider path from ${from} to ${to}`);
  const path: string[] = [];
  for (let s = to; s !== from; s = prev.get(s) as string) path.unshift(s);
  return path;
}

/** A valid item of an array field, for a PATCH (its required sub-fields only). */
export function item(field: string, ticketType = model.defaultTicketType): Record<string, unknown> {
  const obj = model.root.byName.get(field)?.object;
  if (!obj) throw new Error(`${field} has no item object`);
  return sampleObject(model, obj, ticketType, "PATCH", "required");
}

/** The ApiError kind `fn` throws (fails the test when it throws nothing or something else). */
export function errorOf(fn: () => unknown): { kind: ErrorKind; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return { kind: e.kind, message: e.message };
    throw e;
  }
  throw new Error("expected an ApiError, nothing was thrown");
}

export const states = model.lifecycle.states;
export const statusOf = (s: TicketService, id: string) => String(s.get(undefined, id)[model.lifecycle.field]);
