// Hub subscriptions and what their listener must receive (docs/rules.md §2, §6): every
// expected event, valid, carrying the ticket as GET shows it, in order across
// requests, and nothing more.
import { listenerName } from "../../simulator/model/model.ts";
import { schemaProblems } from "../../simulator/model/schema-check.ts";
import { SCHEMA } from "../../simulator/model/schema-names.ts";
import { Channel } from "../listener/channel.ts";
import type { Delivery } from "../listener/recorder.ts";
import { type ExpectedEvent, eventKey } from "../model/event-oracle.ts";
import { canonical, sameJson } from "../model/subset.ts";
import type { Case } from "../report/case.ts";
import { expectStatus } from "../report/checks.ts";
import type { Ticket } from "../support/tickets.ts";

export interface Subscription {
  readonly id: string;
  readonly channel: Channel;
}

export interface Received {
  readonly eventId: string;
  readonly eventType: string;
  readonly fieldPath?: string;
  readonly ticket: Ticket;
  readonly delivery: Delivery;
}

/** One request and the events it must cause, with the ticket as GET showed it afterwards. */
export interface Group {
  readonly label: string;
  readonly expected: readonly ExpectedEvent[];
  readonly snapshot: Ticket;
}

export function newChannel(c: Case): Channel {
  return new Channel(c.ctx.listener, `${c.ctx.runId}-${Math.random().toString(36).slice(2, 10)}`);
}

export async function subscribe(
  c: Case,
  query: string | undefined,
  as: "first" | "second" = "first",
  channel = newChannel(c),
): Promise<Subscription> {
  const ex = await c.call(
    {
      method: "POST",
      url: c.ctx.target.hub,
      json: { callback: channel.callback, ...(query !== undefined ? { query } : {}) },
    },
    { as },
  );
  expectStatus(c, ex, 201, "POST /hub with an absolute callback URL registers a subscription (docs/rules.md §2)");
  const p = schemaProblems(c.ctx.model, SCHEMA.hubSubscription, ex.response.json, "the subscription");
  c.must(p.length === 0, `the hub answers the subscription it registered: ${p.map((x) => x.message).join("; ")}`, ex);
  return { id: (ex.response.json as { id: string }).id, channel };
}

export async function unsubscribe(c: Case, s: Subscription, as: "first" | "second" = "first"): Promise<void> {
  await c.call({ method: "DELETE", url: `${c.ctx.target.hub}/${encodeURIComponent(s.id)}` }, { as, quiet: true });
  await s.channel.forget();
}

/** Parses and validates every delivery (the model's Event schema, the listener path); dedupes by eventId. */
export function parse(c: Case, ds: readonly Delivery[]): Received[] {
  const { model } = c.ctx;
  const seen = new Map<string, Received>();
  // A delivery the listener refused (an injected failure) is not delivered yet.
  for (const d of ds.filter((x) => x.answered >= 200 && x.answered < 300)) {
    let e: Record<string, unknown>;
    try {
      e = JSON.parse(d.text) as Record<string, unknown>;
    } catch {
      return c.fail(`an event must be a JSON body; ${d.path} got ${d.text.slice(0, 200)}`, undefined);
    }
    const where = `event ${d.path} ${canonical(e).slice(0, 300)}`;
    // Envelope and ticket as docs/rules.md §6 and §4 say (types, formats, server-set fields).
    const p = schemaProblems(model, SCHEMA.event, e, "the event");
    c.must(p.length === 0, `the event breaks the profile: ${p.map((x) => x.message).join("; ")}: ${where}`);
    const valid = e as { eventId: string; eventType: string; fieldPath?: string; event: Record<string, unknown> };
    const type = valid.eventType;
    c.must(
      d.eventName === listenerName(model, type),
      `an event is POSTed to {callback}/listener/${listenerName(model, type)} (docs/rules.md §2): ${where}`,
    );
    const r: Received = {
      eventId: valid.eventId,
      eventType: type,
      ...(valid.fieldPath !== undefined ? { fieldPath: valid.fieldPath } : {}),
      ticket: valid.event[model.events.payloadKey] as Ticket,
      delivery: d,
    };
    const dup = seen.get(r.eventId);
    // At-least-once delivery: a repeat must be the same event.
    if (dup)
      c.must(
        sameJson(dup.ticket, r.ticket) && dup.eventType === r.eventType,
        `two events share eventId ${r.eventId} but differ (eventId is unique, docs/rules.md §6)`,
      );
    else seen.set(r.eventId, r);
  }
  return [...seen.values()].sort((a, b) => a.delivery.seq - b.delivery.seq);
}

const key = (r: Received) =>
  eventKey({
    eventType: r.eventType,
    ...(r.fieldPath !== undefined ? { fieldPath: r.fieldPath.split(",").map((s) => s.trim()) } : {}),
  });
const multiset = (ks: string[]) => [...ks].sort().join(" | ");

/** Waits for the groups' events about one ticket, then a quiet period, and judges them. */
export async function expectEvents(
  c: Case,
  s: Subscription,
  ticketId: string,
  groups: readonly Group[],
): Promise<Received[]> {
  const timeout = c.ctx.settings.eventTimeout;
  const quiet = Math.min(1000, Math.max(300, timeout / 10));
  const idField = c.ctx.model.idField;
  const mine = (ds: Delivery[]) => parse(c, ds).filter((r) => r.ticket[idField] === ticketId);
  const total = groups.reduce((n, g) => n + g.expected.length, 0);
  await s.channel.waitFor((ds) => mine(ds).length >= total, timeout);
  await new Promise((r) => setTimeout(r, quiet));
  const got = mine(await s.channel.deliveries());
  const want = groups.map((g) => `[${g.label}: ${g.expected.map(eventKey).join(", ") || "none"}]`).join(" ");
  const have = got.map(key).join(", ");
  const { missing, unexpected } = compare(groups, got.map(key));
  // What came instead of a missing event (another type, another fieldPath) says which rule broke.
  const instead = unexpected.length > 0 ? `, and instead ${unexpected.join(", ")}` : "";
  c.must(
    missing.length === 0,
    `missing ${missing.join("; ")}${instead}: within ${timeout} ms the listener must receive ${total} event(s) ${want}; it received ${got.length}: [${have}]`,
  );
  c.must(
    unexpected.length === 0 && got.length === total,
    `unexpected ${unexpected.join(", ") || "repeat"}: nothing else may arrive: expected ${total} event(s) ${want}, received ${got.length}: [${have}]`,
  );
  let at = 0;
  for (const g of groups) {
    const slice = got.slice(at, at + g.expected.length);
    at += g.expected.length;
    c.must(
      multiset(slice.map(key)) === multiset(g.expected.map(eventKey)),
      `events arrive in the order of the changes (docs/rules.md §6): for "${g.label}" expected {${g.expected.map(eventKey).join(", ")}}, got {${slice.map(key).join(", ")}}; all: ${want} vs [${have}]`,
    );
    for (const r of slice) {
      if (sameJson(r.ticket, g.snapshot)) continue;
      // The ticket of another change: the events came out of order, not with a wrong ticket.
      const other = groups.find((h) => h !== g && sameJson(r.ticket, h.snapshot));
      if (other)
        c.fail(
          `events arrive in the order of the changes (docs/rules.md §6): a ${r.eventType} carrying the ticket after "${other.label}" arrived where the events of "${g.label}" were due; all: ${want} vs [${have}]`,
        );
      c.fail(
        `a ${r.eventType} for "${g.label}" must carry the ticket as GET shows it after that change:\n    event ${canonical(r.ticket).slice(0, 500)}\n    GET   ${canonical(g.snapshot).slice(0, 500)}`,
      );
    }
  }
  return got;
}

/** Which expected events did not arrive (named with the change that should have sent them), and which arrived unasked. */
function compare(groups: readonly Group[], have: readonly string[]): { missing: string[]; unexpected: string[] } {
  const left = new Map<string, number>();
  for (const k of have) left.set(k, (left.get(k) ?? 0) + 1);
  const missing: string[] = [];
  for (const g of groups)
    for (const k of g.expected.map(eventKey)) {
      const n = left.get(k) ?? 0;
      if (n > 0) left.set(k, n - 1);
      else missing.push(`${k} (for ${g.label})`);
    }
  const unexpected = [...left].flatMap(([k, n]) => Array<string>(n).fill(k));
  return { missing, unexpected };
}
