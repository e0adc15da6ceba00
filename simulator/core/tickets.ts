// The TicketService (docs/architecture.md): the simulated Nexera server without HTTP.
// Every rule is read from the Model; a rejected request stores nothing.
import { randomUUID } from "node:crypto";
import { type Model, ticketTypeOf } from "../model/model.ts";
import { type Entry, type Ticket, ticketOf } from "./entry.ts";
import { ApiError } from "./errors.ts";
import { type ActiveFaults, NO_FAULTS, onFebruary30, shuffle } from "./fault-spec.ts";
import { appendMove, assertTransition, enterState, isFinal } from "./lifecycle.ts";
import { assertRoom, assertSize, TICKET_LIMITS, type TicketLimits } from "./limits.ts";
import { compileQuery, project, type Query } from "./query.ts";
import { createStore } from "./store.ts";
import { buildTicket, canonical, copyJson, mergeFields, type Stamp } from "./ticket-fields.ts";
import { compileValidators, describeViolations, type Violation } from "./validate.ts";

export type { Ticket } from "./entry.ts";
export type { Query } from "./query.ts";

/**
 * Who made a change: the operator's API (create, PATCH), Nexera's side through the control
 * interface or the console, autoplay (--autoplay, certify --role client), or --seed-data.
 */
export type Actor = "operator" | "control" | "console" | "autoplay" | "seed";

export interface Change {
  kind: "create" | "update";
  operator: string;
  by: Actor;
  before?: Ticket;
  ticket: Ticket;
  statusChanges: Array<{ from: string; to: string }>;
  /** Top-level fields changed other than the lifecycle bookkeeping (status, change date, reason, lastUpdate). */
  changedFields: string[];
  at: string;
}

/** What a change did, without the tickets: what logs of changes keep (the timeline's history, the client role's traffic). */
export interface ChangeSummary {
  readonly at: string;
  readonly ticketId: string;
  readonly operator: string;
  readonly kind: Change["kind"];
  readonly statusChanges: Change["statusChanges"];
  readonly changedFields: readonly string[];
}

/** The summary of `change` to the ticket `ticketId`. */
export function summarize(change: Change, ticketId: string): ChangeSummary {
  const { at, operator, kind, statusChanges, changedFields } = change;
  return { at, ticketId, operator, kind, statusChanges, changedFields };
}

/** A stored version: the ticket, the change that made it, and its JSON text as stored (what a read answers). */
export interface Stored {
  ticket: Ticket;
  change: Change;
  json: string;
}

/** A list page as JSON text (an array), with its count and the count of every match. */
export interface ListJson {
  json: string;
  count: number;
  total: number;
}

export interface TicketService {
  /** by: "operator" unless seed data creates it. */
  create(operator: string, body: unknown, by?: Actor): Stored;
  get(operator: string | undefined, id: string, query?: Query): Ticket;
  /** What get answers, as JSON text: the stored text itself unless fields are selected. */
  getJson(operator: string | undefined, id: string, query?: Query): string;
  list(operator: string | undefined, query: Query): { items: Ticket[]; total: number };
  /** What list answers, as JSON text: the stored texts joined unless fields are selected. */
  listJson(operator: string | undefined, query: Query): ListJson;
  patch(operator: string, id: string, body: unknown): Stored;
  /** Nexera's side; by: "control" unless told otherwise. */
  providerTransition(id: string, status: string, reason?: string, by?: Actor): { ticket: Ticket; change: Change };
  providerPatch(id: string, body: unknown, by?: Actor): { ticket: Ticket; change: Change };
  ownerOf(id: string): string | undefined;
  /** Forgets every ticket, then tells the onReset listeners. */
  reset(): void;
  onChange(fn: (c: Change) => void): () => void;
  /** Called after each reset (the event hub starts over with the store). */
  onReset(fn: () => void): () => void;
}

export interface TicketServiceOptions {
  publicUrl?: string;
  now?: () => Date;
  newId?: () => string;
  /** Deliberate misbehaviour (core/faults.ts), to show the suites catch it. */
  faults?: ActiveFaults;
  /** Tickets per operator and bytes per ticket (docs/rules.md §8); default TICKET_LIMITS. */
  limits?: Partial<TicketLimits>;
}

export function createTicketService(model: Model, opts: TicketServiceOptions = {}): TicketService {
  const faults = opts.faults ?? NO_FAULTS;
  const validators = compileValidators(model, faults);
  const queries = compileQuery(model, faults);
  const store = createStore(model);
  const now = opts.now ?? (() => new Date());
  const newId = opts.newId ?? randomUUID;
  const lc = model.lifecycle;
  const updatedField = model.serverFields.updatedAt;
  const dropped = faults.arg("drop-optional"); // a fault (core/faults-fields.ts): a field accepted, then forgotten
  const bookkeeping = new Set([
    lc.field,
    lc.changeDateField,
    ...(updatedField !== undefined ? [updatedField] : []),
    ...(lc.reasonField !== undefined ? [lc.reasonField] : []),
  ]);
  const providerFields = new Set(model.providerFields);
  const emit = emitter();
  const resetListeners = new Set<() => void>();
  const limits: TicketLimits = { ...TICKET_LIMITS, ...opts.limits };

  const stamp = (at: string, id?: string): Stamp =>
    id === undefined
      ? { at, newId, initial: lc.initial }
      : {
          at,
          newId,
          initial: lc.initial,
          id,
          href: `${opts.publicUrl ?? ""}${model.basePath}/${model.resource}/${id}`,
        };

  const found = (operator: string | undefined, id: string): Entry => {
    const e = store.find(operator, id);
    // Another operator's ticket is as absent as a missing one (docs/rules.md §3).
    if (!e) throw new ApiError("notFound", `no ${model.resource} with id "${id}"`);
    return e;
  };

  /** Stores the draft as the ticket's next version and tells the listeners. */
  const commit = (
    entry: Entry,
    draft: Ticket,
    at: string,
    statusChanges: Change["statusChanges"],
    changed: readonly string[],
    by: Actor,
  ): Stored => {
    const before = ticketOf(entry);
    if (updatedField !== undefined && !faults.has("stale-last-update")) draft[updatedField] = at;
    const next = canonical(model, draft);
    const json = JSON.stringify(next);
    assertSize(json, `ticket "${entry.id}"`, limits); // before anything is stored or told
    store.replace(entry, next, json);
    const changedFields = [...new Set(changed)].filter((f) => !bookkeeping.has(f));
    const change: Change = {
      kind: "update",
      operator: entry.operator,
      by,
      before,
      ticket: copyJson(next),
      statusChanges,
      changedFields,
      at,
    };
    emit.send(change);
    return { ticket: next, change, json };
  };

  // A PATCH that changes nothing answers the ticket as it is: lastUpdate does not
  // move and no change is recorded, because nothing happened that an event could report.
  const unchanged = (entry: Entry, at: string, by: Actor): Stored => ({
    ticket: ticketOf(entry),
    change: {
      kind: "update",
      operator: entry.operator,
      by,
      before: ticketOf(entry),
      ticket: ticketOf(entry),
      statusChanges: [],
      changedFields: [],
      at,
    },
    json: entry.json,
  });

  const refuseFinal = (entry: Entry, state: string) => {
    if (!isFinal(model, state)) return;
    const message = `${model.resource} "${entry.id}" is ${lc.field} "${state}", a final state: it can no longer change`;
    const { provenance, source } = model.file.lifecycle.final;
    throw new ApiError("conflict", message, [
      {
        rule: `a ${model.resource} in final ${lc.field} ${state} can no longer change`,
        path: lc.field,
        message,
        provenance,
        ...(source !== undefined ? { source } : {}),
      },
    ]);
  };

  return {
    create(operator, body, by = "operator") {
      const { ticketType, violations } = validators.create(body);
      reject(violations);
      assertRoom(operator, store.size(operator), limits);
      // Fault impossible-date (core/faults-fields.ts): the new ticket's dates fall on 30 February.
      const at = faults.has("impossible-date") ? onFebruary30(now()) : now().toISOString();
      const id = newId();
      if (store.ownerOf(id) !== undefined) throw new Error(`id generator repeated ${id}`); // a harness fault, not the client's
      const ticket = buildTicket(model, body as Record<string, unknown>, ticketType, stamp(at, id));
      if (dropped !== undefined) delete ticket[dropped];
      const json = JSON.stringify(ticket);
      assertSize(json, "the new ticket", limits);
      store.insert(operator, ticket, json);
      // Nothing changed on a ticket that did not exist: changedFields stays empty.
      const change: Change = {
        kind: "create",
        operator,
        by,
        ticket: copyJson(ticket),
        statusChanges: [],
        changedFields: [],
        at,
      };
      emit.send(change);
      return { ticket, change, json };
    },

    get: (operator, id, query = {}) => JSON.parse(getJson(operator, id, query)) as Ticket,
    getJson,
    list(operator, query) {
      const { json, total } = listJson(operator, query);
      return { items: JSON.parse(json) as Ticket[], total };
    },
    listJson,

    patch(operator, id, body) {
      const entry = found(operator, id);
      const draft = ticketOf(entry);
      reject(validators.patch(ticketTypeOf(model, draft), body));
      const b = body as Record<string, unknown>;
      const at = now().toISOString();
      const from = String(draft[lc.field]);
      const target = b[lc.field];
      const skip = new Set(dropped !== undefined ? [lc.field, dropped] : [lc.field]);
      // With a status, the reason belongs to the move; without one it is a plain field (if the profile allows it).
      if (target !== undefined && lc.reasonField !== undefined) skip.add(lc.reasonField);
      const { changed, appended } = mergeFields(model, draft, b, stamp(at), skip);
      const moves: Change["statusChanges"] = [];
      if (target !== undefined) {
        assertTransition(model, "operator", from, String(target));
        const reason = lc.reasonField !== undefined ? b[lc.reasonField] : undefined;
        const why = typeof reason === "string" ? reason : undefined;
        changed.push(...enterState(model, draft, String(target), why, at, faults));
        moves.push({ from, to: String(target) });
      } else {
        const move = appendMove(model, from, appended);
        if (move) {
          changed.push(...enterState(model, draft, move.to, move.reason, at, faults));
          moves.push({ from, to: move.to });
        }
      }
      if (changed.length === 0 && moves.length === 0) return unchanged(entry, at, "operator");
      refuseFinal(entry, from);
      return commit(entry, draft, at, moves, changed, "operator");
    },

    providerTransition(id, status, reason, by = "control") {
      const entry = found(undefined, id);
      const draft = ticketOf(entry);
      const from = String(draft[lc.field]);
      assertTransition(model, "provider", from, status);
      const at = now().toISOString();
      const changed = enterState(model, draft, status, reason, at, faults);
      return commit(entry, draft, at, [{ from, to: status }], changed, by);
    },

    providerPatch(id, body, by = "control") {
      const entry = found(undefined, id);
      const draft = ticketOf(entry);
      reject(validators.provider(ticketTypeOf(model, draft), body));
      const at = now().toISOString();
      // Only providerFields reach the ticket; the validator has refused any other.
      const b = Object.fromEntries(
        Object.entries(body as Record<string, unknown>).filter(([k]) => providerFields.has(k)),
      );
      const { changed } = mergeFields(model, draft, b, stamp(at), new Set());
      if (changed.length === 0) return unchanged(entry, at, by);
      // Final tickets are immutable for Nexera's side too (docs/rules.md §5: "final").
      refuseFinal(entry, String(draft[lc.field]));
      return commit(entry, draft, at, [], changed, by);
    },

    ownerOf: (id) => store.ownerOf(id),
    reset() {
      store.clear();
      for (const fn of [...resetListeners]) fn();
    },
    onChange: (fn) => emit.on(fn),
    onReset(fn) {
      const own = () => fn();
      resetListeners.add(own);
      return () => void resetListeners.delete(own);
    },
  };

  /** The stored text answers a read as it is; a projection parses and serializes its fields. */
  function getJson(operator: string | undefined, id: string, query: Query = {}): string {
    const { fields } = queries.get(query);
    const entry = found(operator, id);
    return fields ? JSON.stringify(project(ticketOf(entry), fields)) : entry.json;
  }

  function listJson(operator: string | undefined, query: Query): ListJson {
    const q = queries.list(query);
    const window = { offset: q.offset, limit: q.limit };
    // Faults (core/faults-lists.ts): ignore-case matches exact filters again, without case;
    // shuffle-order. Both need every match; otherwise the store keeps only the page.
    const shuffled = faults.has("shuffle-order");
    const whole = q.keep !== undefined || shuffled;
    const found = store.query(operator, q.matches, whole ? undefined : window);
    let entries = found.entries;
    let total = found.total;
    if (whole) {
      const keep = q.keep;
      if (keep) entries = entries.filter((e) => keep(ticketOf(e)));
      if (shuffled) shuffle(entries);
      total = entries.length;
      entries = entries.slice(q.offset, q.offset + q.limit);
    }
    const texts = entries.map((e) => (q.fields ? JSON.stringify(project(ticketOf(e), q.fields)) : e.json));
    return { json: `[${texts.join(",")}]`, count: texts.length, total };
  }
}

function reject(vs: readonly Violation[]): void {
  if (vs.length > 0) throw new ApiError("badRequest", describeViolations(vs), vs);
}

/**
 * Listeners run synchronously after each stored change. A listener that changes a
 * ticket itself (autoplay) only queues that change, so every listener sees the
 * changes in the order they were stored. A throwing listener does not undo the
 * change; the first error is rethrown once all listeners have run.
 */
function emitter() {
  const listeners = new Set<(c: Change) => void>();
  const queue: Change[] = [];
  let draining = false;
  return {
    on(fn: (c: Change) => void): () => void {
      const own = (c: Change) => fn(c); // a distinct entry even when fn subscribes twice
      listeners.add(own);
      return () => void listeners.delete(own);
    },
    send(c: Change): void {
      queue.push(c);
      if (draining) return;
      draining = true;
      let failure: { error: unknown } | undefined;
      try {
        for (let next = queue.shift(); next; next = queue.shift())
          for (const fn of [...listeners]) {
            try {
              fn(next);
            } catch (error) {
              failure ??= { error };
            }
          }
      } finally {
        draining = false;
      }
      if (failure) throw failure.error;
    },
  };
}
