// Each event fault bends what it says, and only when asked for (docs/rules.md §3, §6):
// generation, the registry and delivery with the fault, beside the same without it.
import Fastify from "fastify";
import { expect, it, onTestFinished } from "vitest";
import { activeFaults, NO_FAULTS } from "../core/faults.ts";
import { harness } from "../core/testing.ts";
import type { Change } from "../core/tickets.ts";
import { start, waitFor } from "../listener/testing.ts";
import { loadProfile } from "../model/load.ts";
import { REORDER_HOLD_MS, wireBody } from "./bends.ts";
import { createDeliveryEngine } from "./delivery.ts";
import { createEventHub } from "./events.ts";
import { generateEvents, type TicketEvent } from "./generate.ts";
import { createSubscriptionRegistry } from "./subscriptions.ts";

const model = loadProfile();
const on = (name: string, arg?: string) => activeFaults([[name, arg]]);
const resolve: Change = {
  kind: "update",
  operator: "op1",
  by: "control",
  before: { id: "t1", status: "inProgress", name: "old" },
  ticket: { id: "t1", status: "resolved", name: "new" },
  statusChanges: [{ from: "inProgress", to: "resolved" }],
  changedFields: ["name"],
  at: "2024-05-01T10:00:00.000Z",
};
const ids = () => {
  let n = 0;
  return () => `e${++n}`;
};
const events = (faults = NO_FAULTS) => generateEvents(model, resolve, { newId: ids(), faults });
const ev = (id: string): TicketEvent => ({
  eventId: id,
  eventTime: resolve.at,
  eventType: "TroubleTicketStatusChangeEvent",
  event: { troubleTicket: { id: "t1" } },
});

it("wrong-event-type sends that type's events as the profile's first other type", () => {
  expect(events(on("wrong-event-type", "TroubleTicketResolvedEvent")).map((e) => e.eventType)).toEqual([
    "TroubleTicketAttributeValueChangeEvent",
    "TroubleTicketStatusChangeEvent",
    "TroubleTicketStatusChangeEvent",
  ]);
  expect(events().map((e) => e.eventType)).toContain("TroubleTicketResolvedEvent");
});

it("wrong-field-path names every field of the ticket; drop-field-path names none", () => {
  expect(events()[0]?.fieldPath).toBe("name");
  expect(events(on("wrong-field-path"))[0]?.fieldPath).toBe("id,status,name");
  expect(events(on("drop-field-path")).map((e) => e.fieldPath)).toEqual([undefined, undefined, undefined]);
});

it("stale-ticket sends the ticket as it was before the change", () => {
  expect(events()[0]?.event.troubleTicket).toEqual(resolve.ticket);
  expect(events(on("stale-ticket")).map((e) => e.event.troubleTicket)).toEqual([
    resolve.before,
    resolve.before,
    resolve.before,
  ]);
});

it("duplicate-event sends every event twice, the copy under a new eventId", () => {
  const got = events(on("duplicate-event"));
  expect(got.map((e) => [e.eventId, e.eventType])).toEqual([
    ["e1", "TroubleTicketAttributeValueChangeEvent"],
    ["e4", "TroubleTicketAttributeValueChangeEvent"],
    ["e2", "TroubleTicketStatusChangeEvent"],
    ["e5", "TroubleTicketStatusChangeEvent"],
    ["e3", "TroubleTicketResolvedEvent"],
    ["e6", "TroubleTicketResolvedEvent"],
  ]);
});

it("drop-envelope leaves that key out of the body sent, and the event as generated", () => {
  const e = ev("e1");
  expect(wireBody(e, on("drop-envelope", "eventTime"))).not.toHaveProperty("eventTime");
  expect(wireBody(e, NO_FAULTS)).toBe(e);
  expect(e.eventTime).toBe(resolve.at);
});

it("ignore-hub-delete keeps a deleted subscription; cross-tenant-events matches other operators'", () => {
  const keep = createSubscriptionRegistry(model, { faults: on("ignore-hub-delete") });
  const s = keep.subscribe("op1", { callback: "http://example.com" });
  keep.unsubscribe("op1", s.id);
  expect(keep.list()).toHaveLength(1);
  expect(() => keep.unsubscribe("op2", s.id)).toThrow(/no hub subscription/);
  const leak = createSubscriptionRegistry(model, { faults: on("cross-tenant-events") });
  leak.subscribe("op2", { callback: "http://example.com" });
  expect(leak.matching("op1", ev("e1"))).toHaveLength(1);
  expect(createSubscriptionRegistry(model).matching("op1", ev("e1"))).toEqual([]);
});

/** A listener answering `status(eventId)`, and an engine with the faults delivering to it. */
async function deliver(faults: ReturnType<typeof on>, status: (eventId: string) => number) {
  const got: string[] = [];
  const app = Fastify();
  app.post("/*", async (req, reply) => {
    const id = (req.body as TicketEvent).eventId;
    got.push(id);
    return reply.code(status(id)).send();
  });
  const { url } = await start(app);
  const engine = createDeliveryEngine({
    listenerName: (t) => t,
    backoffBaseMs: 10,
    backoffMaxMs: 20,
    drainMs: 50,
    faults,
  });
  onTestFinished(() => engine.close().then(() => undefined));
  return { got, engine, sub: { id: "s1", target: url } };
}

it("no-retry gives up on a 500 at once", async () => {
  const { got, engine, sub } = await deliver(on("no-retry"), () => 500);
  engine.enqueue(sub, ev("e1"), "t1");
  await engine.idle();
  expect(got).toEqual(["e1"]);
  expect(engine.attempts().map((a) => a.outcome)).toEqual(["gaveUp"]);
});

it("retry-forever retries a 400 past the attempt budget, holding the ticket's later events", async () => {
  const { got, engine, sub } = await deliver(on("retry-forever"), (id) => (id === "e1" ? 400 : 200));
  engine.enqueue(sub, ev("e1"), "t1");
  engine.enqueue(sub, ev("e2"), "t1");
  await waitFor("a dozen attempts", () => (got.length >= 12 ? true : undefined));
  expect(new Set(got)).toEqual(new Set(["e1"]));
  expect(engine.pending().map((p) => p.eventId)).toEqual(["e1", "e2"]);
});

it("reorder-events sends a ticket's queued events newest first", async () => {
  const { got, engine, sub } = await deliver(on("reorder-events"), () => 200);
  for (const id of ["e1", "e2", "e3"]) engine.enqueue(sub, ev(id), "t1");
  await engine.idle();
  expect(got).toEqual(["e3", "e2", "e1"]);
  expect(REORDER_HOLD_MS).toBeGreaterThan(0);
});

it("deliver-after-delete keeps sending a deleted subscription's undelivered events", async () => {
  const attempts = async (faults = NO_FAULTS) => {
    const { got, sub } = await deliver(NO_FAULTS, () => 503);
    const h = harness();
    const hub = createEventHub(model, h.service, { backoffBaseMs: 10, backoffMaxMs: 20, drainMs: 50, faults });
    onTestFinished(() => hub.close().then(() => undefined));
    const s = hub.registry.subscribe("operator", { callback: sub.target });
    h.service.patch("operator", h.create("operator"), { name: "renamed" });
    await waitFor("a first attempt", () => (got.length > 0 ? true : undefined));
    hub.registry.unsubscribe("operator", s.id);
    const before = got.length;
    await new Promise((r) => setTimeout(r, 200));
    return got.length - before;
  };
  expect(await attempts()).toBe(0);
  expect(await attempts(on("deliver-after-delete"))).toBeGreaterThan(0);
});
