// The hub's subscription registry (docs/rules.md §2, §3, §6): pure, no HTTP. A
// subscription belongs to the operator that made it, receives events of that
// operator's tickets only, and filters them with its query: the listing filter
// grammar of simulator/core/query.ts plus `eventType=<name>[,<name>]`.
import { randomUUID } from "node:crypto";
import { ApiError } from "../core/errors.ts";
import { type ActiveFaults, NO_FAULTS } from "../core/faults.ts";
import type { Match, Query } from "../core/query.ts";
import { compileQuery, exactKey, orderedValue } from "../core/query.ts";
import { describeViolations, isPlainObject } from "../core/validate.ts";
import type { Credentials } from "../model/credentials.ts";
import { eventTypes, type Model } from "../model/model.ts";
import { schemaProblems } from "../model/schema-check.ts";
import { SCHEMA } from "../model/schema-names.ts";
import { EVENT_FAULT } from "./bends.ts";
import type { TicketEvent } from "./generate.ts";

export interface Subscription {
  readonly id: string;
  readonly operator: string;
  /** The callback exactly as the operator gave it (userinfo included). */
  readonly callback: string;
  readonly query?: string;
  /** Where events go: the callback without userinfo and trailing slash; events are POSTed to `{target}/listener/{name}`. */
  readonly target: string;
  /** HTTP Basic credentials for delivery, taken from the callback's userinfo. */
  readonly credentials?: Credentials;
  readonly createdAt: string;
  /** Event types wanted; undefined means all. */
  readonly eventTypes?: ReadonlySet<string>;
  readonly matches: readonly Match[];
}

export interface SubscriptionRegistry {
  /** Validates a POST /hub body and stores the subscription; ApiError 400 when invalid. */
  subscribe(operator: string, body: unknown): Subscription;
  /** Removes the operator's subscription; 404 when unknown or another operator's (docs/rules.md §3). */
  unsubscribe(operator: string, id: string): Subscription;
  /** Removes every subscription of the operator (the hub reset, docs/rules.md §6); returns how many. */
  unsubscribeAll(operator: string): number;
  /** Every subscription, or one operator's, in creation order. */
  list(operator?: string): Subscription[];
  /** The operator's subscriptions whose query accepts this event. */
  matching(operator: string, event: TicketEvent): Subscription[];
  onRemove(fn: (s: Subscription) => void): () => void;
  /** Removes every subscription (each told to the onRemove listeners). */
  clear(): void;
}

/** Hub subscriptions one operator may hold (docs/rules.md §8); the setting that raises it. */
export const MAX_SUBSCRIPTIONS_PER_OPERATOR = 1_000;
export const SUBSCRIPTION_LIMIT_FLAG = "--max-subscriptions-per-operator" as const;

export interface RegistryOptions {
  /** Default MAX_SUBSCRIPTIONS_PER_OPERATOR; past it POST /hub is 409 and nothing is registered. */
  maxSubscriptionsPerOperator?: number;
  newId?: () => string;
  now?: () => Date;
  /** Deliberate misbehaviour (events/faults.ts). */
  faults?: ActiveFaults;
}

export function createSubscriptionRegistry(model: Model, opts: RegistryOptions = {}): SubscriptionRegistry {
  const newId = opts.newId ?? randomUUID;
  const now = opts.now ?? (() => new Date());
  const faults = opts.faults ?? NO_FAULTS;
  const parser = compileQuery(model);
  const known = eventTypes(model);
  const { eventTypeParameter, callbackSchemes } = model.events.hub;
  const reserved = new Set(Object.values(model.reserved));
  const subs = new Map<string, Subscription>();
  const removeListeners = new Set<(s: Subscription) => void>();
  const maxPerOperator = opts.maxSubscriptionsPerOperator ?? MAX_SUBSCRIPTIONS_PER_OPERATOR;

  const parseQuery = (text: string): { eventTypes?: Set<string>; matches: readonly Match[] } => {
    // Null prototype: a parameter named __proto__ or constructor is a name like any other (refused as unknown).
    const q: Query = Object.create(null) as Query;
    let types: Set<string> | undefined;
    // TMF examples write "eventType = X": blanks around names and values are not meaningful.
    for (const [rawName, rawValue] of new URLSearchParams(text.trim().replace(/^\?/, ""))) {
      const name = rawName.trim();
      const value = rawValue.trim();
      if (name === "") throw bad("query", `query has a parameter without a name`);
      if (name === eventTypeParameter) {
        types ??= new Set();
        for (const t of value.split(",").map((s) => s.trim())) {
          if (!known.includes(t))
            throw bad(
              "query",
              `${eventTypeParameter} ${JSON.stringify(t)} is not an event of this profile (${known.join(", ")})`,
            );
          types.add(t);
        }
        continue;
      }
      if (reserved.has(name)) throw bad("query", `"${name}" selects a page of a list; it does not filter events`);
      const prev = q[name];
      q[name] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
    }
    let matches: readonly Match[];
    try {
      matches = parser.list(q).matches;
    } catch (e) {
      if (e instanceof ApiError) throw bad("query", `query: ${e.message}`);
      throw e;
    }
    return types ? { eventTypes: types, matches } : { matches };
  };

  return {
    subscribe(operator, body) {
      // The body's shape is the derived hub schema's; the scheme and the query's grammar are checked here.
      const problems = schemaProblems(model, SCHEMA.hubInput, body, "the subscription");
      if (problems.length > 0 || !isPlainObject(body)) throw bad("body", describeViolations(problems));
      const { callback, query } = body as { callback: string; query?: string | null };
      const target = parseCallback(callback, callbackSchemes);
      const filter = typeof query === "string" ? parseQuery(query) : { matches: [] };
      assertRoom(operator, countOf(subs, operator), maxPerOperator);
      const sub: Subscription = {
        id: newId(),
        operator,
        callback,
        ...(typeof query === "string" ? { query } : {}),
        target: target.url,
        ...(target.credentials ? { credentials: target.credentials } : {}),
        createdAt: now().toISOString(),
        ...filter,
      };
      subs.set(sub.id, sub);
      return sub;
    },
    unsubscribe(operator, id) {
      const sub = subs.get(id);
      if (!sub || sub.operator !== operator) throw new ApiError("notFound", `no hub subscription ${id}`);
      if (faults.has(EVENT_FAULT.ignoreHubDelete)) return sub;
      subs.delete(id);
      for (const fn of removeListeners) fn(sub);
      return sub;
    },
    unsubscribeAll(operator) {
      const mine = [...subs.values()].filter((s) => s.operator === operator);
      for (const sub of mine) {
        subs.delete(sub.id);
        for (const fn of removeListeners) fn(sub);
      }
      return mine.length;
    },
    list: (operator) => [...subs.values()].filter((s) => operator === undefined || s.operator === operator),
    matching(operator, event) {
      const ticket = event.event[model.events.payloadKey] ?? {};
      const out: Subscription[] = [];
      for (const s of subs.values()) {
        if (s.operator !== operator && !faults.has(EVENT_FAULT.otherTenants)) continue;
        if (s.eventTypes && !s.eventTypes.has(event.eventType)) continue;
        if (s.matches.every((m) => holds(model, m, ticket))) out.push(s);
      }
      return out;
    },
    onRemove(fn) {
      removeListeners.add(fn);
      return () => removeListeners.delete(fn);
    },
    clear() {
      const all = [...subs.values()];
      subs.clear();
      for (const sub of all) for (const fn of removeListeners) fn(sub);
    },
  };
}

/**
 * An absolute URL of an allowed scheme (docs/rules.md §6). Credentials for delivery may
 * ride in its userinfo (`https://user:secret@host/cb`), which keeps the TMF hub
 * body unchanged; they are sent as HTTP Basic and never in the URL.
 */
function parseCallback(callback: string, schemes: readonly string[]): { url: string; credentials?: Credentials } {
  let u: URL;
  try {
    u = new URL(callback);
  } catch {
    throw bad("callback", `callback ${JSON.stringify(callback)} is not an absolute URL`);
  }
  const scheme = u.protocol.replace(/:$/, "");
  if (!schemes.includes(scheme)) throw bad("callback", `callback must use ${schemes.join(" or ")}, not ${scheme}`);
  if (u.hostname === "") throw bad("callback", "callback has no host");
  if (u.search !== "" || u.hash !== "")
    throw bad("callback", "callback must not carry a query or fragment: events go to {callback}/listener/{eventName}");
  const credentials =
    u.username !== "" || u.password !== ""
      ? { user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) }
      : undefined;
  u.username = "";
  u.password = "";
  const url = u.toString().replace(/\/+$/, "");
  return credentials ? { url, credentials } : { url };
}

/** One parsed filter against one ticket: the semantics of list filtering (docs/rules.md §7). */
function holds(model: Model, m: Match, ticket: Readonly<Record<string, unknown>>): boolean {
  const v = ticket[m.field];
  if (m.kind === "exact") {
    const k = exactKey(v);
    return k !== undefined && m.values.has(k);
  }
  const f = model.root.byName.get(m.field);
  const n = f ? orderedValue(f, v) : undefined;
  if (n === undefined) return false;
  return m.tests.some(({ op, value }) =>
    op === "gt"
      ? n > value
      : op === "gte"
        ? n >= value
        : op === "lt"
          ? n < value
          : op === "lte"
            ? n <= value
            : n === value,
  );
}

/** What a listing shows: the callback's password is masked. */
export function publicView(s: Subscription): Record<string, unknown> {
  const callback = s.credentials ? maskPassword(s.callback) : s.callback;
  return {
    id: s.id,
    operator: s.operator,
    callback,
    ...(s.query !== undefined ? { query: s.query } : {}),
    createdAt: s.createdAt,
    basicAuth: s.credentials !== undefined,
  };
}

function maskPassword(callback: string): string {
  const u = new URL(callback);
  if (u.password !== "") u.password = "***";
  return u.toString();
}

function countOf(subs: ReadonlyMap<string, Subscription>, operator: string): number {
  let n = 0;
  for (const s of subs.values()) if (s.operator === operator) n++;
  return n;
}

/** A valid subscription past the limit: 409, checked after the body so a bad one is still 400. */
function assertRoom(operator: string, held: number, max: number): void {
  if (held < max) return;
  throw new ApiError(
    "subscriptionLimit",
    `operator "${operator}" already has ${held} hub subscriptions, the simulator's limit (${SUBSCRIPTION_LIMIT_FLAG} ${max}): nothing was registered. DELETE a subscription first, or start the simulator with a higher ${SUBSCRIPTION_LIMIT_FLAG}`,
  );
}

function bad(_what: string, message: string): ApiError {
  return new ApiError("badCallback", message);
}
