// Hub subscriptions and event delivery end to end, over real sockets: the
// simulator and the simulated operator listener each on port 0.
import { expect, it } from "vitest";
import type { AttemptRecord, PendingDelivery } from "../events/delivery.ts";
import type { EventsOptions } from "../events/events.ts";
import type { ReceivedEvent } from "../listener/app.ts";
import { received, receivedAtLeast, start, startListener, waitFor } from "../listener/testing.ts";
import { loadProfile } from "../model/load.ts";
import { sampleTicket } from "../model/sample.ts";
import type { SimulatorOptions } from "./app.ts";
import { buildSimulator } from "./app.ts";

const model = loadProfile();
const OPERATORS = [
  { user: "op1", password: "pw1" },
  { user: "op2", password: "pw2" },
];
// Small backoff so retries happen within a test; timings are never asserted.
const FAST: EventsOptions = { backoffBaseMs: 20, backoffMaxMs: 200, timeoutMs: 2_000, drainMs: 1_000, maxAttempts: 20 };
const HUB = `${model.basePath}/${model.hubPath}`;
const TICKETS = `${model.basePath}/${model.resource}`;

async function startSimulator(over: Partial<SimulatorOptions> = {}) {
  const s = await start(buildSimulator({ model, operators: OPERATORS, events: FAST, ...over }));
  return { ...s, as: client(s.url) };
}

function client(base: string) {
  return (user: "op1" | "op2") => {
    const password = OPERATORS.find((o) => o.user === user)?.password ?? "";
    const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return {
        status: res.status,
        headers: res.headers,
        body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
      };
    };
    return {
      call,
      subscribe: async (callback: string, query?: string) => {
        const r = await call("POST", HUB, query === undefined ? { callback } : { callback, query });
        if (r.status !== 201) throw new Error(`POST /hub answered ${r.status}: ${JSON.stringify(r.body)}`);
        return String(r.body?.id);
      },
      createTicket: async (ticketType = "Customer_Trouble_Ticket") => {
        const r = await call("POST", TICKETS, sampleTicket(model, ticketType));
        if (r.status !== 201) throw new Error(`POST /troubleTicket answered ${r.status}: ${JSON.stringify(r.body)}`);
        return String(r.body?.id);
      },
      patch: (id: string, body: unknown) => call("PATCH", `${TICKETS}/${id}`, body),
      move: async (id: string, status: string) => {
        const r = await call("POST", `/__control/${model.resource}/${id}/status`, { status, reason: "test" });
        if (r.status !== 200)
          throw new Error(`control transition to ${status} answered ${r.status}: ${JSON.stringify(r.body)}`);
      },
      deliveries: async (query = "") =>
        (await call("GET", `/__control/deliveries${query}`)).body as unknown as AttemptRecord[],
    };
  };
}

/** A simulator, a listener subscribed by op1, and a fresh ticket of op1's. */
async function subscribedTicket(over: Partial<SimulatorOptions> = {}) {
  const sim = await startSimulator(over);
  const listener = await startListener(model);
  await sim.as("op1").subscribe(listener.url);
  return { sim, listener, t: await sim.as("op1").createTicket() };
}

async function setKnobs(listenerUrl: string, knobs: Record<string, unknown>): Promise<void> {
  await fetch(`${listenerUrl}/__control/knobs`, {
    method: "POST",
    body: JSON.stringify(knobs),
    headers: { "content-type": "application/json" },
  });
}

const types = (rs: readonly ReceivedEvent[]) => rs.map((r) => r.eventType);
const ticketStatus = (r: ReceivedEvent | undefined) =>
  (r?.body as { event?: Record<string, Record<string, unknown>> } | undefined)?.event?.troubleTicket?.status;

it("creates a subscription with 201, its id, callback, query and a Location, and lists it on the control interface", async () => {
  const sim = await startSimulator();
  const r = await sim
    .as("op1")
    .call("POST", HUB, { callback: "http://127.0.0.1:9/cb", query: "eventType=TroubleTicketResolvedEvent" });
  expect(r.status).toBe(201);
  expect(r.body).toEqual({
    id: expect.any(String),
    callback: "http://127.0.0.1:9/cb",
    query: "eventType=TroubleTicketResolvedEvent",
  });
  expect(r.headers.get("location")).toBe(`${HUB}/${String(r.body?.id)}`);
  const listed = await sim.as("op2").call("GET", "/__control/hub");
  expect(listed.body).toEqual([
    expect.objectContaining({ id: r.body?.id, operator: "op1", callback: "http://127.0.0.1:9/cb" }),
  ]);
});

it("deletes a subscription with 204 and answers 404 for it afterwards", async () => {
  const sim = await startSimulator();
  const id = await sim.as("op1").subscribe("http://127.0.0.1:9/cb");
  expect((await sim.as("op1").call("DELETE", `${HUB}/${id}`)).status).toBe(204);
  const again = await sim.as("op1").call("DELETE", `${HUB}/${id}`);
  expect(again.status).toBe(404);
  expect(again.body).toMatchObject({ "@type": "Error", status: "404" });
  expect((await sim.as("op1").call("GET", "/__control/hub")).body).toEqual([]);
});

it("removes every subscription of the operator, and only its, on DELETE of the hub itself (the document's reset)", async () => {
  const sim = await startSimulator();
  const listener = await startListener(model);
  await sim.as("op1").subscribe(`${listener.url}/a`);
  await sim.as("op1").subscribe(`${listener.url}/b`);
  const other = await sim.as("op2").subscribe(`${listener.url}/c`);
  expect((await sim.as("op1").call("DELETE", HUB)).status).toBe(204);
  expect((await sim.as("op1").call("DELETE", HUB)).status).toBe(204);
  const left = (await sim.as("op1").call("GET", "/__control/hub")).body as unknown as Array<{ id: string }>;
  expect(left.map((s) => s.id)).toEqual([other]);
  const t = await sim.as("op1").createTicket();
  await sim.as("op1").move(t, "acknowledged");
  const mine = await sim.as("op2").createTicket();
  await sim.as("op2").move(mine, "acknowledged");
  await receivedAtLeast(listener.url, 1, (r) => r.path.startsWith("/c/"));
  expect((await received(listener.url)).filter((r) => !r.path.startsWith("/c/"))).toEqual([]);
});

it("rejects a subscription whose callback is not an absolute http(s) URL with a 400 Error", async () => {
  const sim = await startSimulator();
  for (const callback of ["listener", "ftp://example.com/x", "mailto:ops@example.com"]) {
    const r = await sim.as("op1").call("POST", HUB, { callback });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: "INVALID_SUBSCRIPTION", "@type": "Error", status: "400" });
  }
});

it("rejects a subscription whose query does not parse with a 400 Error", async () => {
  const sim = await startSimulator();
  const r = await sim.as("op1").call("POST", HUB, { callback: "http://example.com", query: "severity=High" });
  expect(r.status).toBe(400);
  expect(String(r.body?.message)).toContain("severity");
});

it("asks for credentials on the hub like on every API method", async () => {
  const sim = await startSimulator();
  const res = await fetch(`${sim.url}${HUB}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  expect(res.status).toBe(401);
});

it("answers 404 when another operator deletes a subscription, and the subscription keeps receiving", async () => {
  const sim = await startSimulator();
  const listener = await startListener(model);
  const id = await sim.as("op1").subscribe(listener.url);
  expect((await sim.as("op2").call("DELETE", `${HUB}/${id}`)).status).toBe(404);
  const ticket = await sim.as("op1").createTicket();
  await sim.as("op1").move(ticket, "acknowledged");
  expect(types(await receivedAtLeast(listener.url, 1))).toEqual(["TroubleTicketStatusChangeEvent"]);
});

it("delivers a ticket's events only to the subscriptions of the ticket's operator", async () => {
  const sim = await startSimulator();
  const listener = await startListener(model);
  const mine = await sim.as("op1").subscribe(`${listener.url}/op1`);
  const theirs = await sim.as("op2").subscribe(`${listener.url}/op2`);
  const t1 = await sim.as("op1").createTicket();
  await sim.as("op1").move(t1, "acknowledged");
  const t2 = await sim.as("op2").createTicket();
  await sim.as("op2").move(t2, "acknowledged");
  const rs = await receivedAtLeast(listener.url, 2);
  expect(rs.filter((r) => r.path.startsWith("/op1/")).map((r) => r.ticketId)).toEqual([t1]);
  expect(rs.filter((r) => r.path.startsWith("/op2/")).map((r) => r.ticketId)).toEqual([t2]);
  const all = await sim.as("op1").deliveries();
  expect(all.filter((a) => a.subscriptionId === mine).map((a) => a.ticketId)).toEqual([t1]);
  expect(all.filter((a) => a.subscriptionId === theirs).map((a) => a.ticketId)).toEqual([t2]);
});

it("sends an attribute value change event with the changed fields on an operator PATCH", async () => {
  const { sim, listener, t } = await subscribedTicket();
  expect((await sim.as("op1").patch(t, { name: "new name", description: "new description" })).status).toBe(200);
  const [r] = await receivedAtLeast(listener.url, 1);
  expect(r).toMatchObject({
    eventType: "TroubleTicketAttributeValueChangeEvent",
    ticketId: t,
    valid: true,
    answered: 200,
  });
  expect(r?.path).toBe("/listener/troubleTicketAttributeValueChangeEvent");
  expect((r?.body as Record<string, unknown> | undefined)?.fieldPath).toBe("name,description");
});

it("sends a status change event when the operator cancels a ticket through PATCH", async () => {
  const { sim, listener, t } = await subscribedTicket();
  expect((await sim.as("op1").patch(t, { status: "cancelled", statusChangeReason: "not needed" })).status).toBe(200);
  const rs = await receivedAtLeast(listener.url, 1);
  expect(types(rs)).toEqual(["TroubleTicketStatusChangeEvent"]);
  expect(ticketStatus(rs[0])).toBe("cancelled");
  expect(rs[0]?.valid).toBe(true);
});

it("sends status change and information required events when the control interface moves a ticket to pending", async () => {
  const { sim, listener, t } = await subscribedTicket();
  for (const s of ["acknowledged", "inProgress", "pending"]) await sim.as("op1").move(t, s);
  const rs = await receivedAtLeast(listener.url, 4);
  expect(types(rs)).toEqual([
    "TroubleTicketStatusChangeEvent",
    "TroubleTicketStatusChangeEvent",
    "TroubleTicketStatusChangeEvent",
    "TroubleTicketInformationRequiredEvent",
  ]);
  expect((rs[3]?.body as Record<string, unknown> | undefined)?.fieldPath).toBe("note,attachment");
  expect(rs.every((r) => r.valid)).toBe(true);
});

it("sends the note's attribute change before the status change it causes on a pending ticket", async () => {
  const sim = await startSimulator();
  const listener = await startListener(model);
  const t = await sim.as("op1").createTicket();
  for (const s of ["acknowledged", "inProgress", "pending"]) await sim.as("op1").move(t, s);
  await sim.as("op1").subscribe(listener.url);
  expect((await sim.as("op1").patch(t, { note: [{ text: "the serial number is 42" }] })).status).toBe(200);
  const rs = await receivedAtLeast(listener.url, 2);
  expect(types(rs)).toEqual(["TroubleTicketAttributeValueChangeEvent", "TroubleTicketStatusChangeEvent"]);
  expect((rs[0]?.body as Record<string, unknown> | undefined)?.fieldPath).toBe("note");
  expect(ticketStatus(rs[1])).toBe("inProgress");
});

it("sends status change and resolved events when the control interface resolves a ticket", async () => {
  const sim = await startSimulator();
  const listener = await startListener(model);
  const t = await sim.as("op1").createTicket("Complaint");
  for (const s of ["acknowledged", "inProgress"]) await sim.as("op1").move(t, s);
  await sim.as("op1").subscribe(listener.url, "eventType=TroubleTicketStatusChangeEvent,TroubleTicketResolvedEvent");
  await sim.as("op1").move(t, "resolved");
  const rs = await receivedAtLeast(listener.url, 2);
  expect(types(rs)).toEqual(["TroubleTicketStatusChangeEvent", "TroubleTicketResolvedEvent"]);
  expect(rs.map(ticketStatus)).toEqual(["resolved", "resolved"]);
  expect(rs.every((r) => r.valid)).toBe(true);
});

it("sends an attribute value change event when the control interface patches Nexera-side fields", async () => {
  const { sim, listener, t } = await subscribedTicket();
  const r = await sim.as("op1").call("PATCH", `/__control/${model.resource}/${t}`, { priority: 2 });
  expect(r.status).toBe(200);
  const [e] = await receivedAtLeast(listener.url, 1);
  expect(e).toMatchObject({ eventType: "TroubleTicketAttributeValueChangeEvent", valid: true });
  expect((e?.body as Record<string, unknown> | undefined)?.fieldPath).toBe("priority");
});

it("sends the events of autoplay's transitions in order, through the wait for the operator's information", async () => {
  const { sim, listener, t } = await subscribedTicket({ autoplay: { stepMs: 10 } });
  const asked = await receivedAtLeast(listener.url, 4);
  expect(types(asked)).toEqual([
    "TroubleTicketStatusChangeEvent",
    "TroubleTicketStatusChangeEvent",
    "TroubleTicketStatusChangeEvent",
    "TroubleTicketInformationRequiredEvent",
  ]);
  expect(asked.map(ticketStatus)).toEqual(["acknowledged", "inProgress", "pending", "pending"]);
  expect((await sim.as("op1").patch(t, { note: [{ text: "serial SN-1" }] })).status).toBe(200);
  const rs = await receivedAtLeast(listener.url, 8);
  expect(types(rs.slice(4))).toEqual([
    "TroubleTicketAttributeValueChangeEvent",
    "TroubleTicketStatusChangeEvent",
    "TroubleTicketStatusChangeEvent",
    "TroubleTicketResolvedEvent",
  ]);
  expect(rs.slice(5).map(ticketStatus)).toEqual(["inProgress", "resolved", "resolved"]);
  expect(rs.every((r) => r.ticketId === t && r.valid)).toBe(true);
});

it("keeps one ticket's events in order while the listener fails and the engine retries", async () => {
  const sim = await startSimulator();
  const listener = await startListener(model);
  await setKnobs(listener.url, { failNext: 3 });
  const id = await sim.as("op1").subscribe(listener.url);
  const t = await sim.as("op1").createTicket();
  for (const s of ["acknowledged", "inProgress", "held", "inProgress", "resolved"]) await sim.as("op1").move(t, s);
  const ok = await receivedAtLeast(listener.url, 6, (r) => r.answered === 200);
  expect(ok.map(ticketStatus)).toEqual(["acknowledged", "inProgress", "held", "inProgress", "resolved", "resolved"]);
  const failed = (await received(listener.url)).filter((r) => r.forced === "failNext");
  expect(failed).toHaveLength(3);
  // The first event was retried until it got through: three failures, then delivered.
  const first = (await sim.as("op1").deliveries(`?subscriptionId=${id}&eventId=${String(ok[0]?.eventId)}`)).map(
    (a) => a.outcome,
  );
  expect(first).toEqual(["retrying", "retrying", "retrying", "delivered"]);
});

it("redelivers after listener failures with the same eventId, so nothing is lost", async () => {
  const sim = await startSimulator();
  const listener = await startListener(model);
  await setKnobs(listener.url, { failNext: 2 });
  await sim.as("op1").subscribe(listener.url);
  const t = await sim.as("op1").createTicket();
  await sim.as("op1").move(t, "acknowledged");
  const [ok] = await receivedAtLeast(listener.url, 1, (r) => r.answered === 200);
  const all = await received(listener.url);
  expect(all.map((r) => r.eventId)).toEqual([ok?.eventId, ok?.eventId, ok?.eventId]);
  expect(all.map((r) => r.answered)).toEqual([500, 500, 200]);
});

it("delivers the backlog to a listener that was down when it comes back within the retry budget", async () => {
  const sim = await startSimulator();
  // Find a free port, then leave it closed: the listener is "down".
  const probe = await startListener(model);
  const port = probe.port;
  await probe.app.close();
  await sim.as("op1").subscribe(`http://127.0.0.1:${port}`);
  const t = await sim.as("op1").createTicket();
  for (const s of ["acknowledged", "inProgress"]) await sim.as("op1").move(t, s);
  await waitFor("failed attempts while the listener is down", async () => {
    const as = await sim.as("op1").deliveries();
    return as.filter((a) => a.outcome === "retrying" && a.error !== undefined).length >= 2 ? as : undefined;
  });
  const listener = await startListener(model, {}, port);
  const rs = await receivedAtLeast(listener.url, 2);
  expect(rs.map(ticketStatus)).toEqual(["acknowledged", "inProgress"]);
  expect(rs.every((r) => r.valid)).toBe(true);
});

it("sends nothing to a subscription after it is deleted", async () => {
  const sim = await startSimulator();
  const listener = await startListener(model);
  const gone = await sim.as("op1").subscribe(`${listener.url}/gone`);
  const kept = await sim.as("op1").subscribe(`${listener.url}/kept`);
  expect((await sim.as("op1").call("DELETE", `${HUB}/${gone}`)).status).toBe(204);
  const t = await sim.as("op1").createTicket();
  await sim.as("op1").move(t, "acknowledged");
  const rs = await receivedAtLeast(listener.url, 1, (r) => r.path.startsWith("/kept/"));
  expect(rs).toHaveLength(1);
  expect((await received(listener.url)).filter((r) => r.path.startsWith("/gone/"))).toEqual([]);
  const attempts = await sim.as("op1").deliveries();
  expect(attempts.some((a) => a.subscriptionId === kept)).toBe(true);
  expect(attempts.filter((a) => a.subscriptionId === gone)).toEqual([]);
});

it("cancels a deleted subscription's pending deliveries", async () => {
  const sim = await startSimulator({ events: { ...FAST, backoffBaseMs: 60_000, backoffMaxMs: 60_000 } });
  const listener = await startListener(model);
  await setKnobs(listener.url, { failNext: 100 });
  const id = await sim.as("op1").subscribe(listener.url);
  const t = await sim.as("op1").createTicket();
  for (const s of ["acknowledged", "inProgress"]) await sim.as("op1").move(t, s);
  const pending = async () =>
    (await sim.as("op1").call("GET", "/__control/deliveries/pending")).body as unknown as PendingDelivery[];
  await waitFor("a failed first attempt", async () =>
    (await sim.as("op1").deliveries()).length >= 1 ? true : undefined,
  );
  expect((await pending()).map((p) => p.subscriptionId)).toEqual([id, id]);
  expect((await sim.as("op1").call("DELETE", `${HUB}/${id}`)).status).toBe(204);
  expect(await pending()).toEqual([]);
});

it("filters what a subscription receives by its query", async () => {
  const sim = await startSimulator();
  const listener = await startListener(model);
  await sim.as("op1").subscribe(`${listener.url}/complaints`, "ticketType=Complaint");
  await sim.as("op1").subscribe(`${listener.url}/resolved`, "eventType=TroubleTicketResolvedEvent");
  const ctt = await sim.as("op1").createTicket("Customer_Trouble_Ticket");
  const cmp = await sim.as("op1").createTicket("Complaint");
  for (const t of [ctt, cmp])
    for (const s of ["acknowledged", "inProgress", "resolved"]) await sim.as("op1").move(t, s);
  // complaints: 3 status changes + resolved for cmp only; resolved: one per ticket.
  const rs = await receivedAtLeast(listener.url, 6);
  expect(rs).toHaveLength(6);
  const complaints = rs.filter((r) => r.path.startsWith("/complaints/"));
  expect(new Set(complaints.map((r) => r.ticketId))).toEqual(new Set([cmp]));
  expect(complaints).toHaveLength(4);
  const resolved = rs.filter((r) => r.path.startsWith("/resolved/"));
  expect(new Set(types(resolved))).toEqual(new Set(["TroubleTicketResolvedEvent"]));
  expect(new Set(resolved.map((r) => r.ticketId))).toEqual(new Set([ctt, cmp]));
});

it("sends the callback's userinfo as HTTP Basic credentials to a listener that requires them", async () => {
  const sim = await startSimulator();
  const listener = await startListener(model, { credentials: { user: "hook", password: "s3cret" } });
  const open = new URL(listener.url);
  open.username = "hook";
  open.password = "s3cret";
  await sim.as("op1").subscribe(open.toString());
  await sim.as("op1").subscribe(`${listener.url}/nocreds`);
  const t = await sim.as("op1").createTicket();
  await sim.as("op1").move(t, "acknowledged");
  const rs = await receivedAtLeast(listener.url, 2);
  expect(rs.find((r) => r.path.startsWith("/nocreds/"))?.answered).toBe(401);
  expect(rs.find((r) => r.path.startsWith("/listener/"))?.answered).toBe(200);
  const listed = (await sim.as("op1").call("GET", "/__control/hub")).body as unknown as Array<Record<string, unknown>>;
  expect(JSON.stringify(listed)).not.toContain("s3cret");
});

it("gives up at once on an event the listener rejects with 400 and goes on with the ticket's next one", async () => {
  const sim = await startSimulator();
  const listener = await startListener(model);
  await setKnobs(listener.url, { failNext: 1, failStatus: 400 });
  const id = await sim.as("op1").subscribe(listener.url);
  const t = await sim.as("op1").createTicket();
  for (const s of ["acknowledged", "inProgress"]) await sim.as("op1").move(t, s);
  const [ok] = await receivedAtLeast(listener.url, 1, (r) => r.answered === 200);
  expect(ticketStatus(ok)).toBe("inProgress");
  const attempts = await sim.as("op1").deliveries(`?subscriptionId=${id}`);
  expect(attempts.map((a) => [a.outcome, a.statusCode])).toEqual([
    ["gaveUp", 400],
    ["delivered", 200],
  ]);
});

it("records every attempt with time, ids, status, latency and outcome", async () => {
  const sim = await startSimulator();
  const listener = await startListener(model);
  const id = await sim.as("op1").subscribe(listener.url);
  const t = await sim.as("op1").createTicket();
  await sim.as("op1").move(t, "acknowledged");
  const [e] = await receivedAtLeast(listener.url, 1);
  const [a] = await waitFor("the attempt record", async () => {
    const as = await sim.as("op2").deliveries();
    return as.length > 0 ? as : undefined;
  });
  expect(a).toEqual({
    at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    eventId: e?.eventId,
    eventType: "TroubleTicketStatusChangeEvent",
    ticketId: t,
    subscriptionId: id,
    attempt: 1,
    url: `${listener.url}/listener/troubleTicketStatusChangeEvent`,
    statusCode: 200,
    latencyMs: expect.any(Number),
    outcome: "delivered",
  });
});

it("reports at shutdown what it could not deliver within the drain time", async () => {
  const reports: Array<{ undelivered: PendingDelivery[] }> = [];
  const listener = await startListener(model);
  await setKnobs(listener.url, { failNext: 1000 });
  const sim = await startSimulator({
    events: { ...FAST, drainMs: 100, backoffBaseMs: 60_000, backoffMaxMs: 60_000, onShutdown: (r) => reports.push(r) },
  });
  const id = await sim.as("op1").subscribe(listener.url);
  const t = await sim.as("op1").createTicket();
  await sim.as("op1").move(t, "acknowledged");
  await receivedAtLeast(listener.url, 1);
  await sim.app.close();
  expect(reports).toHaveLength(1);
  expect(reports[0]?.undelivered).toEqual([expect.objectContaining({ subscriptionId: id, ticketId: t, attempts: 1 })]);
});

it("drains queued deliveries when the app closes", async () => {
  const reports: Array<{ undelivered: PendingDelivery[] }> = [];
  const listener = await startListener(model);
  await setKnobs(listener.url, { failNext: 1 });
  const sim = await startSimulator({ events: { ...FAST, drainMs: 5_000, onShutdown: (r) => reports.push(r) } });
  await sim.as("op1").subscribe(listener.url);
  const t = await sim.as("op1").createTicket();
  await sim.as("op1").move(t, "acknowledged");
  await sim.app.close();
  expect(reports).toEqual([{ undelivered: [] }]);
  expect((await received(listener.url)).map((r) => r.answered)).toEqual([500, 200]);
});

it("forgets every subscription, its queued events and the delivery log on POST /__control/reset", async () => {
  const sim = await startSimulator({ events: { ...FAST, backoffBaseMs: 60_000, backoffMaxMs: 60_000 } });
  const listener = await startListener(model);
  await setKnobs(listener.url, { failNext: 1 });
  const id = await sim.as("op1").subscribe(listener.url);
  await sim.as("op2").subscribe(`${listener.url}/op2`);
  const t = await sim.as("op1").createTicket();
  await sim.as("op1").move(t, "acknowledged");
  await waitFor("a failed first attempt", async () =>
    (await sim.as("op1").deliveries()).length >= 1 ? true : undefined,
  );
  expect((await sim.as("op1").call("POST", "/__control/reset")).status).toBe(204);
  expect((await sim.as("op1").call("GET", `/__control/${model.hubPath}`)).body).toEqual([]);
  expect((await sim.as("op1").call("GET", "/__control/deliveries/pending")).body).toEqual([]);
  expect(await sim.as("op1").deliveries()).toEqual([]);
  expect((await sim.as("op1").call("DELETE", `${HUB}/${id}`)).status).toBe(404);
  // A ticket after the reset reaches only subscriptions made after it.
  const witness = await startListener(model);
  await sim.as("op1").subscribe(witness.url);
  const after = await sim.as("op1").createTicket();
  await sim.as("op1").move(after, "acknowledged");
  expect((await receivedAtLeast(witness.url, 1)).map((r) => r.ticketId)).toEqual([after]);
  expect((await received(listener.url)).map((r) => r.answered)).toEqual([500]);
});

it("delivers every event of a full lifecycle in order through listener failures, and nothing after DELETE /hub/{id}", async () => {
  const sim = await startSimulator();
  const listener = await startListener(model);
  await setKnobs(listener.url, { failNext: 3 });
  const op = sim.as("op1");
  const id = await op.subscribe(listener.url);
  const t = await op.createTicket();
  expect((await op.patch(t, { name: "renamed by the operator" })).status).toBe(200);
  for (const s of ["acknowledged", "inProgress", "pending"]) await op.move(t, s);
  expect((await op.patch(t, { note: [{ text: "the access code is 1234" }] })).status).toBe(200);
  for (const s of ["held", "inProgress", "resolved"]) await op.move(t, s);
  expect((await op.patch(t, { status: "closed", statusChangeReason: "resolution accepted" })).status).toBe(200);
  const expected = [
    ["TroubleTicketAttributeValueChangeEvent", "submitted"],
    ["TroubleTicketStatusChangeEvent", "acknowledged"],
    ["TroubleTicketStatusChangeEvent", "inProgress"],
    ["TroubleTicketStatusChangeEvent", "pending"],
    ["TroubleTicketInformationRequiredEvent", "pending"],
    ["TroubleTicketAttributeValueChangeEvent", "inProgress"],
    ["TroubleTicketStatusChangeEvent", "inProgress"],
    ["TroubleTicketStatusChangeEvent", "held"],
    ["TroubleTicketStatusChangeEvent", "inProgress"],
    ["TroubleTicketStatusChangeEvent", "resolved"],
    ["TroubleTicketResolvedEvent", "resolved"],
    ["TroubleTicketStatusChangeEvent", "closed"],
  ];
  const ok = await receivedAtLeast(listener.url, expected.length, (r) => r.answered === 200);
  expect(ok.map((r) => [r.eventType, ticketStatus(r)])).toEqual(expected);
  expect(ok.every((r) => r.valid && r.ticketId === t && !r.duplicate)).toBe(true);
  expect(new Set(ok.map((r) => r.eventId)).size).toBe(expected.length);
  // The three failures were the first event, tried again until it got through.
  const all = await received(listener.url);
  expect(all.slice(0, 4).map((r) => [r.eventId, r.answered])).toEqual(
    [500, 500, 500, 200].map((s) => [ok[0]?.eventId, s]),
  );

  expect((await op.call("DELETE", `${HUB}/${id}`)).status).toBe(204);
  // A witness subscription made after the DELETE proves the later changes made events.
  const witness = await startListener(model);
  await op.subscribe(witness.url);
  const t2 = await op.createTicket();
  for (const s of ["acknowledged", "inProgress"]) await op.move(t2, s);
  await receivedAtLeast(witness.url, 2);
  await waitFor("an empty delivery queue", async () =>
    ((await op.call("GET", "/__control/deliveries/pending")).body as unknown as unknown[]).length === 0
      ? true
      : undefined,
  );
  expect(await received(listener.url)).toHaveLength(all.length);
  expect((await op.deliveries(`?subscriptionId=${id}`)).filter((a) => a.ticketId === t2)).toEqual([]);
});
