// The delivery engine's limits (docs/rules.md §8): a bounded log that counts what it
// dropped, and a bounded backlog per subscription.
import Fastify from "fastify";
import { expect, it, onTestFinished } from "vitest";
import { start } from "../listener/testing.ts";
import { createDeliveryEngine, DELIVERY_LIMIT_FLAGS, type DeliveryOptions } from "./delivery.ts";
import type { TicketEvent } from "./generate.ts";

function engine(over: Partial<DeliveryOptions> = {}) {
  const e = createDeliveryEngine({ listenerName: (t) => t, drainMs: 100, ...over });
  onTestFinished(() => e.close().then(() => undefined));
  return e;
}

let n = 0;
const ev = (ticketId: string): TicketEvent => ({
  eventId: `ev-${++n}`,
  eventTime: new Date().toISOString(),
  eventType: "TroubleTicketStatusChangeEvent",
  event: { troubleTicket: { id: ticketId } },
});

/** Nothing listens there: every attempt fails at once, and the long backoff keeps the events queued. */
const dead = { id: "s1", target: "http://127.0.0.1:9" };

it("keeps the newest attempt records and counts the dropped ones, until the log is cleared", async () => {
  const app = Fastify();
  app.post("/*", async (_req, reply) => reply.code(200).send());
  const { url } = await start(app);
  const e = engine({ maxRecords: 3 });
  const events = Array.from({ length: 5 }, () => ev("t1"));
  for (const x of events) e.enqueue({ id: "s1", target: url }, x, "t1");
  await e.idle();
  expect(e.attempts().map((a) => a.eventId)).toEqual(events.slice(2).map((x) => x.eventId));
  expect(e.droppedRecords()).toBe(2);
  e.clearRecords();
  expect([e.attempts(), e.droppedRecords()]).toEqual([[], 0]);
});

it("gives up an event at once when its subscription already has the most events waiting, and records why", async () => {
  const e = engine({ maxPending: 2, backoffBaseMs: 60_000, backoffMaxMs: 60_000 });
  const [a, b, c] = [ev("t1"), ev("t2"), ev("t1")];
  expect(e.enqueue(dead, a, "t1")).toBe(true);
  expect(e.enqueue(dead, b, "t2")).toBe(true); // another ticket's lane counts towards the same subscription
  expect(e.enqueue(dead, c, "t1")).toBe(false);
  expect(e.pending().map((p) => p.eventId)).toEqual([a.eventId, b.eventId]);
  const refused = e.attempts().find((r) => r.eventId === c.eventId);
  expect(refused).toMatchObject({ outcome: "gaveUp", attempt: 0, subscriptionId: "s1", ticketId: "t1" });
  expect(refused?.reason).toContain(`already has 2 events waiting (${DELIVERY_LIMIT_FLAGS.maxPending})`);
  // Another subscription has its own backlog.
  expect(e.enqueue({ ...dead, id: "s2" }, ev("t1"), "t1")).toBe(true);
});

it("frees a subscription's backlog when its events are cancelled", async () => {
  const e = engine({ maxPending: 1, backoffBaseMs: 60_000, backoffMaxMs: 60_000 });
  expect(e.enqueue(dead, ev("t1"), "t1")).toBe(true);
  expect(e.enqueue(dead, ev("t1"), "t1")).toBe(false);
  e.cancel("s1");
  expect(e.enqueue(dead, ev("t1"), "t1")).toBe(true);
});
