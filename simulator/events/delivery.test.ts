// The delivery engine alone, against small real HTTP servers on port 0.

import type { FastifyReply, FastifyRequest } from "fastify";
import Fastify from "fastify";
import { expect, it, onTestFinished } from "vitest";
import { start, waitFor } from "../listener/testing.ts";
import type { DeliveryOptions } from "./delivery.ts";
import { createDeliveryEngine } from "./delivery.ts";
import type { TicketEvent } from "./generate.ts";

type Handler = (body: TicketEvent, req: FastifyRequest, reply: FastifyReply) => Promise<unknown> | unknown;

/** A listener whose answer each test decides; it keeps what it was sent. */
async function server(handler: Handler) {
  const got: Array<{ path: string; body: TicketEvent; authorization?: string }> = [];
  const app = Fastify();
  app.post("/*", async (req, reply) => {
    const body = req.body as TicketEvent;
    got.push({
      path: req.url,
      body,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    return handler(body, req, reply);
  });
  const s = await start(app);
  return { ...s, got };
}

function engine(over: Partial<DeliveryOptions> = {}) {
  const e = createDeliveryEngine({
    listenerName: (t) => t.charAt(0).toLowerCase() + t.slice(1),
    backoffBaseMs: 10,
    backoffMaxMs: 50,
    timeoutMs: 2_000,
    drainMs: 200,
    ...over,
  });
  onTestFinished(() => e.close().then(() => undefined));
  return e;
}

let n = 0;
function ev(ticketId: string, eventType = "TroubleTicketStatusChangeEvent"): TicketEvent {
  return {
    eventId: `ev-${++n}`,
    eventTime: new Date().toISOString(),
    eventType,
    event: { troubleTicket: { id: ticketId } },
  };
}

const sub = (target: string, id = "s1") => ({ id, target });

it("posts the event as JSON to {callback}/listener/{eventName}", async () => {
  const srv = await server((_b, _r, reply) => reply.code(200).send());
  const e = engine();
  const event = ev("t1", "TroubleTicketResolvedEvent");
  e.enqueue(sub(`${srv.url}/hook`), event, "t1");
  await e.idle();
  expect(srv.got).toEqual([{ path: "/hook/listener/troubleTicketResolvedEvent", body: event }]);
  expect(e.attempts()[0]).toMatchObject({ outcome: "delivered", statusCode: 200, attempt: 1 });
});

it("counts any 2xx as delivered by default and only 200 when the profile says 200", async () => {
  const srv = await server((_b, _r, reply) => reply.code(204).send());
  const loose = engine();
  loose.enqueue(sub(srv.url), ev("t1"), "t1");
  await loose.idle();
  expect(loose.attempts().map((a) => a.outcome)).toEqual(["delivered"]);
  const strict = engine({ successStatus: "200" });
  strict.enqueue(sub(srv.url), ev("t1"), "t1");
  await strict.idle();
  expect(strict.attempts().map((a) => a.outcome)).toEqual(["gaveUp"]);
});

it("sends Basic credentials when the subscription has them", async () => {
  const srv = await server((_b, _r, reply) => reply.code(200).send());
  const e = engine();
  e.enqueue({ id: "s", target: srv.url, credentials: { user: "u", password: "p:w" } }, ev("t"), "t");
  await e.idle();
  expect(srv.got[0]?.authorization).toBe(`Basic ${Buffer.from("u:p:w").toString("base64")}`);
});

it("gives up after the configured number of attempts", async () => {
  const srv = await server((_b, _r, reply) => reply.code(503).send());
  const e = engine({ maxAttempts: 3 });
  e.enqueue(sub(srv.url), ev("t1"), "t1");
  await e.idle();
  expect(e.attempts().map((a) => a.outcome)).toEqual(["retrying", "retrying", "gaveUp"]);
  expect(e.attempts()[2]?.reason).toContain("no attempts left");
  expect(srv.got).toHaveLength(3);
});

it("gives up when the next attempt would pass the maximum age", async () => {
  const srv = await server((_b, _r, reply) => reply.code(500).send());
  const e = engine({ maxAgeMs: 5, backoffBaseMs: 1_000, backoffMaxMs: 1_000 });
  e.enqueue(sub(srv.url), ev("t1"), "t1");
  await e.idle();
  expect(e.attempts().map((a) => a.outcome)).toEqual(["gaveUp"]);
  expect(e.attempts()[0]?.reason).toContain("maximum age");
});

it("retries 408 and 429 but takes any other 4xx as final", async () => {
  let calls = 0;
  const srv = await server((_b, _r, reply) => reply.code(++calls === 1 ? 429 : calls === 2 ? 408 : 404).send());
  const e = engine();
  e.enqueue(sub(srv.url), ev("t1"), "t1");
  await e.idle();
  expect(e.attempts().map((a) => [a.statusCode, a.outcome])).toEqual([
    [429, "retrying"],
    [408, "retrying"],
    [404, "gaveUp"],
  ]);
});

it("times out an attempt that takes too long and retries it", async () => {
  let calls = 0;
  const srv = await server(async (_b, _r, reply) => {
    if (++calls === 1) await new Promise((r) => setTimeout(r, 1_000));
    return reply.code(200).send();
  });
  const e = engine({ timeoutMs: 100 });
  e.enqueue(sub(srv.url), ev("t1"), "t1");
  await e.idle();
  expect(e.attempts().map((a) => a.outcome)).toEqual(["retrying", "delivered"]);
  expect(e.attempts()[0]?.error).toContain("timed out after 100 ms");
});

it("records a refused connection as an error and retries it", async () => {
  const srv = await server((_b, _r, reply) => reply.code(200).send());
  const url = srv.url;
  await srv.app.close();
  const e = engine({ maxAttempts: 2 });
  e.enqueue(sub(url), ev("t1"), "t1");
  await e.idle();
  expect(e.attempts().map((a) => a.outcome)).toEqual(["retrying", "gaveUp"]);
  expect(e.attempts()[0]?.error).toMatch(/ECONNREFUSED/);
  expect(e.attempts()[0]?.statusCode).toBeUndefined();
});

it("grows the backoff exponentially with jitter, capped at the maximum", async () => {
  const srv = await server((_b, _r, reply) => reply.code(500).send());
  const e = engine({ maxAttempts: 5, backoffBaseMs: 4, backoffMaxMs: 20, jitter: 0.5, random: () => 1, now: () => 0 });
  e.enqueue(sub(srv.url), ev("t1"), "t1");
  await e.idle();
  const delays = e.attempts().flatMap((a) => (a.nextAttemptAt ? [Date.parse(a.nextAttemptAt)] : []));
  // base * 2^(n-1), times 1.5 with the highest jitter, never above max * 1.5.
  expect(delays).toEqual([6, 12, 24, 30]);
});

it("keeps one ticket's events in order: a later event waits for the earlier one's retries", async () => {
  let failures = 2;
  const srv = await server((_b, _r, reply) => reply.code(failures-- > 0 ? 500 : 200).send());
  const e = engine();
  const events = [ev("t1"), ev("t1"), ev("t1")];
  for (const x of events) e.enqueue(sub(srv.url), x, "t1");
  await e.idle();
  expect(srv.got.map((g) => g.body.eventId)).toEqual(
    [events[0], events[0], events[0], events[1], events[2]].map((x) => x?.eventId),
  );
});

it("does not hold one ticket's events behind another ticket's retries", async () => {
  const srv = await server((b, _r, reply) => reply.code(b.event.troubleTicket?.id === "stuck" ? 500 : 200).send());
  const e = engine({ backoffBaseMs: 60_000, backoffMaxMs: 60_000 });
  e.enqueue(sub(srv.url), ev("stuck"), "stuck");
  e.enqueue(sub(srv.url), ev("free"), "free");
  await waitFor("the free ticket's delivery", () =>
    e.attempts().find((a) => a.ticketId === "free" && a.outcome === "delivered"),
  );
  expect(e.pending().map((p) => p.ticketId)).toEqual(["stuck"]);
});

it("cancels a subscription's queued events and its attempt in flight", async () => {
  const srv = await server(async (_b, _r, reply) => {
    await new Promise((r) => setTimeout(r, 5_000));
    return reply.code(200).send();
  });
  const e = engine({ timeoutMs: 10_000 });
  e.enqueue(sub(srv.url, "gone"), ev("t1"), "t1");
  e.enqueue(sub(srv.url, "gone"), ev("t1"), "t1");
  await waitFor("the first attempt to reach the server", () => (srv.got.length > 0 ? true : undefined));
  e.cancel("gone");
  await e.idle();
  expect(e.pending()).toEqual([]);
  await waitFor("the in-flight attempt to be recorded", () => e.attempts()[0]);
  expect(e.attempts().map((a) => a.outcome)).toEqual(["cancelled"]);
  expect(srv.got).toHaveLength(1);
});

it("refuses new events once closing and reports what it could not deliver", async () => {
  const srv = await server((_b, _r, reply) => reply.code(500).send());
  const e = createDeliveryEngine({ listenerName: (t) => t, backoffBaseMs: 60_000, drainMs: 50 });
  const x = ev("t1");
  e.enqueue(sub(srv.url), x, "t1");
  await waitFor("a first attempt", () => e.attempts()[0]);
  const report = await e.close();
  expect(report.undelivered).toEqual([
    expect.objectContaining({ eventId: x.eventId, ticketId: "t1", subscriptionId: "s1", attempts: 1 }),
  ]);
  expect(e.enqueue(sub(srv.url), ev("t1"), "t1")).toBe(false);
});

it("cancels one queued event: recorded as cancelled with the reason, the ticket's later events still delivered", async () => {
  const srv = await server((_b, _r, reply) => reply.code(503).send()); // refused, retried
  const e = engine({ backoffBaseMs: 60_000, backoffMaxMs: 60_000 });
  const [first, second] = [ev("t1"), ev("t1")];
  e.enqueue(sub(srv.url), first, "t1");
  e.enqueue(sub(srv.url), second, "t1");
  await waitFor("the first attempt", () => (e.attempts().length === 1 ? true : undefined));
  expect(e.cancelEvent("s1", second.eventId, "cancelled from the console")).toBe(true);
  expect(e.pending().map((p) => p.eventId)).toEqual([first.eventId]);
  expect(e.cancelEvent("s1", first.eventId, "cancelled from the console")).toBe(true);
  await e.idle();
  const outcomes = e.attempts().map((a) => [a.eventId, a.outcome, a.reason]);
  expect(outcomes).toEqual([
    [first.eventId, "retrying", undefined],
    [second.eventId, "cancelled", "cancelled from the console"],
    [first.eventId, "cancelled", "cancelled from the console"],
  ]);
  expect(srv.got).toHaveLength(1); // the waiting retry never went out
});

it("cancelling an event delivers the ones queued behind it on the same lane", async () => {
  let fail = true;
  const srv = await server((_b, _r, reply) => reply.code(fail ? 503 : 200).send());
  const e = engine({ backoffBaseMs: 60_000, backoffMaxMs: 60_000 });
  const [stuck, next] = [ev("t1"), ev("t1")];
  e.enqueue(sub(srv.url), stuck, "t1");
  e.enqueue(sub(srv.url), next, "t1");
  await waitFor("the first attempt", () => (e.attempts().length === 1 ? true : undefined));
  fail = false;
  e.cancelEvent("s1", stuck.eventId, "given up by hand");
  await e.idle();
  expect(e.attempts().map((a) => [a.eventId, a.outcome])).toEqual([
    [stuck.eventId, "retrying"],
    [stuck.eventId, "cancelled"],
    [next.eventId, "delivered"],
  ]);
});

it("refuses to cancel an event that is not queued for that subscription", async () => {
  const srv = await server((_b, _r, reply) => reply.code(200).send());
  const e = engine();
  const event = ev("t1");
  e.enqueue(sub(srv.url), event, "t1");
  expect(e.cancelEvent("s2", event.eventId, "x")).toBe(false);
  await e.idle();
  expect(e.cancelEvent("s1", event.eventId, "x")).toBe(false);
  expect(e.attempts().map((a) => a.outcome)).toEqual(["delivered"]);
});
