import { expect, it } from "vitest";
import { createTicketService } from "../core/tickets.ts";
import type { TicketEvent } from "../events/generate.ts";
import { generateEvents } from "../events/generate.ts";
import { loadProfile } from "../model/load.ts";
import { sampleTicket } from "../model/sample.ts";
import { received, startListener } from "./testing.ts";

const model = loadProfile();

/** Real events: a ticket made and moved by the service, its changes turned into events by the generator. */
function realEvents(): TicketEvent[] {
  const service = createTicketService(model, { publicUrl: "http://nexera.test" });
  const events: TicketEvent[] = [];
  service.onChange((c) => events.push(...generateEvents(model, c)));
  const { ticket } = service.create("op1", sampleTicket(model, "Complaint"));
  const id = String(ticket.id);
  for (const s of ["acknowledged", "inProgress", "pending"]) service.providerTransition(id, s);
  service.patch("op1", id, { note: [{ text: "more information" }] });
  service.providerTransition(id, "resolved");
  return events;
}

function statusEvent(): TicketEvent {
  const e = realEvents().find((x) => x.eventType === "TroubleTicketStatusChangeEvent");
  if (!e) throw new Error("no status change event generated");
  return e;
}

async function post(url: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.text()) || undefined };
}

it("accepts a valid event with 200 and records it as valid", async () => {
  const { url } = await startListener(model);
  const e = statusEvent();
  const res = await post(url, "/listener/troubleTicketStatusChangeEvent", e);
  expect(res.status).toBe(200);
  const [r] = await received(url);
  expect(r).toMatchObject({
    valid: true,
    answered: 200,
    eventId: e.eventId,
    eventType: e.eventType,
    reasons: [],
    warnings: [],
    duplicate: false,
  });
  expect(r?.ticketId).toBe((e.event.troubleTicket as Record<string, unknown>).id);
});

it("accepts every event type the profile sends on both path capitalisations", async () => {
  const { url } = await startListener(model);
  const events = realEvents();
  expect(new Set(events.map((e) => e.eventType))).toEqual(new Set(model.events.rules.map((r) => r.eventType)));
  for (const e of events) {
    const lower = e.eventType.charAt(0).toLowerCase() + e.eventType.slice(1);
    expect((await post(url, `/listener/${lower}`, e)).status).toBe(200);
    expect((await post(url, `/cb/listener/${e.eventType}`, e)).status).toBe(200);
  }
  expect((await received(url)).every((r) => r.valid)).toBe(true);
});

it("marks a second delivery of the same eventId as a duplicate and still answers 200", async () => {
  const { url } = await startListener(model);
  const e = statusEvent();
  await post(url, "/listener/troubleTicketStatusChangeEvent", e);
  expect((await post(url, "/listener/troubleTicketStatusChangeEvent", e)).status).toBe(200);
  expect((await received(url)).map((r) => r.duplicate)).toEqual([false, true]);
});

it.each([
  [
    "an eventType that does not match the path",
    (e: TicketEvent) => ({ ...e, eventType: "TroubleTicketResolvedEvent" }),
    "does not match the listener path",
  ],
  ["a missing eventId", ({ eventId: _, ...rest }: TicketEvent) => rest, "eventId is required"],
  [
    "an eventTime that is not a date-time",
    (e: TicketEvent) => ({ ...e, eventTime: "yesterday" }),
    "eventTime must be a date-time",
  ],
  [
    "an unknown event type",
    (e: TicketEvent) => ({ ...e, eventType: "TroubleTicketCreateEvent" }),
    "eventType must be one of TroubleTicketStatusChangeEvent",
  ],
  ["a missing payload", (e: TicketEvent) => ({ ...e, event: {} }), "event.troubleTicket is required"],
  [
    "a fieldPath naming an unknown field",
    (e: TicketEvent) => ({ ...e, fieldPath: "colour" }),
    "fieldPath must be comma-separated TroubleTicket fields",
  ],
  [
    "a status outside the enum",
    (e: TicketEvent) => withTicket(e, { status: "done" }),
    "event.troubleTicket.status must be one of",
  ],
  [
    "a priority out of range",
    (e: TicketEvent) => withTicket(e, { priority: 11 }),
    "event.troubleTicket.priority must be <= 10",
  ],
  [
    "a priority as a string",
    (e: TicketEvent) => withTicket(e, { priority: "5" }),
    "event.troubleTicket.priority must be an integer",
  ],
  [
    "a malformed creationDate",
    (e: TicketEvent) => withTicket(e, { creationDate: "01/02/2024" }),
    "event.troubleTicket.creationDate must be a date-time",
  ],
  [
    "a missing server-set field",
    (e: TicketEvent) => withTicket(e, { lastUpdate: undefined }),
    "event.troubleTicket.lastUpdate is required",
  ],
  [
    "an unsupported field",
    (e: TicketEvent) => withTicket(e, { channel: { id: "c" } }),
    "event.troubleTicket.channel must not be present",
  ],
  ["an unknown field", (e: TicketEvent) => withTicket(e, { colour: "red" }), "colour is not a field of TroubleTicket"],
  [
    "a note without its server date",
    (e: TicketEvent) => withTicket(e, { note: [{ text: "hi" }] }),
    "event.troubleTicket.note[0].date is required",
  ],
])("rejects %s with 400 and records why", async (_what, mutate, reason) => {
  const { url } = await startListener(model);
  const res = await post(url, "/listener/troubleTicketStatusChangeEvent", mutate(statusEvent()));
  expect(res.status).toBe(400);
  expect(JSON.parse(res.body ?? "{}")).toMatchObject({ "@type": "Error", status: "400" });
  expect(res.body).toContain(reason);
  const [r] = await received(url);
  expect(r?.valid).toBe(false);
  expect(r?.answered).toBe(400);
  expect(r?.reasons.join("; ")).toContain(reason);
});

function withTicket(e: TicketEvent, over: Record<string, unknown>): TicketEvent {
  const ticket: Record<string, unknown> = { ...(e.event.troubleTicket as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) delete ticket[k];
    else ticket[k] = v;
  }
  return { ...e, event: { troubleTicket: ticket } };
}

it("rejects a body that is not JSON and records it", async () => {
  const { url } = await startListener(model);
  expect((await post(url, "/listener/troubleTicketStatusChangeEvent", "{nope")).status).toBe(400);
  expect((await received(url))[0]?.reasons[0]).toContain("not valid JSON");
});

it("rejects a body nested too deep to list again, and keeps listing its records", async () => {
  const { url } = await startListener(model);
  const deep = `${"[".repeat(50_000)}${"]".repeat(50_000)}`;
  const body = JSON.stringify(statusEvent()).replace(/^\{/, `{"deep":${deep},`);
  expect((await post(url, "/listener/troubleTicketStatusChangeEvent", body)).status).toBe(400);
  expect((await post(url, "/listener/troubleTicketStatusChangeEvent", statusEvent())).status).toBe(200);
  const rs = await received(url);
  expect(rs.map((r) => r.answered)).toEqual([400, 200]);
  expect(rs[0]?.reasons[0]).toMatch(/deeper than/);
});

it("answers 404 for a path that names no event of the profile, and records it", async () => {
  const { url } = await startListener(model);
  expect((await post(url, "/listener/somethingElse", statusEvent())).status).toBe(404);
  expect((await received(url))[0]).toMatchObject({ answered: 404, forced: "unknownPath", valid: false });
});

it("fails the next N deliveries with 500 when asked, then answers normally", async () => {
  const { url } = await startListener(model);
  expect((await post(url, "/__control/knobs", { failNext: 2 })).status).toBe(200);
  const statuses = [];
  for (let i = 0; i < 3; i++)
    statuses.push((await post(url, "/listener/troubleTicketStatusChangeEvent", statusEvent())).status);
  expect(statuses).toEqual([500, 500, 200]);
  expect((await received(url)).map((r) => r.forced ?? "-")).toEqual(["failNext", "failNext", "-"]);
});

it("requires Basic credentials when configured, answering 401 without them", async () => {
  const { url } = await startListener(model, { credentials: { user: "op", password: "pw" } });
  const e = statusEvent();
  expect((await post(url, "/listener/troubleTicketStatusChangeEvent", e)).status).toBe(401);
  const wrong = { authorization: `Basic ${Buffer.from("op:nope").toString("base64")}` };
  expect((await post(url, "/listener/troubleTicketStatusChangeEvent", e, wrong)).status).toBe(401);
  const right = { authorization: `Basic ${Buffer.from("op:pw").toString("base64")}` };
  expect((await post(url, "/listener/troubleTicketStatusChangeEvent", e, right)).status).toBe(200);
});

it("turns credentials on and off through the knobs", async () => {
  const { url } = await startListener(model);
  await post(url, "/__control/knobs", { credentials: "u:p" });
  expect((await post(url, "/listener/troubleTicketStatusChangeEvent", statusEvent())).status).toBe(401);
  await post(url, "/__control/knobs", { credentials: null });
  expect((await post(url, "/listener/troubleTicketStatusChangeEvent", statusEvent())).status).toBe(200);
});

it("adds the configured latency before answering", async () => {
  const { url } = await startListener(model);
  await post(url, "/__control/knobs", { latencyMs: 150 });
  const t0 = performance.now();
  await post(url, "/listener/troubleTicketStatusChangeEvent", statusEvent());
  expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
});

it("rejects an unknown or malformed knob with 400", async () => {
  const { url } = await startListener(model);
  expect((await post(url, "/__control/knobs", { failNext: -1 })).status).toBe(400);
  expect((await post(url, "/__control/knobs", { explode: true })).status).toBe(400);
  expect((await post(url, "/__control/knobs", { credentials: "nocolon" })).status).toBe(400);
  const knobs = (await (await fetch(`${url}/__control/knobs`)).json()) as Record<string, unknown>;
  expect(knobs).toEqual({ failNext: 0, failStatus: 500, latencyMs: 0, credentials: null });
});

it("rejects a knobs body with several problems as one TMF Error listing each, and changes no knob", async () => {
  const { url } = await startListener(model);
  const res = await post(url, "/__control/knobs", { failNext: 2, failStatus: 99, latencyMs: "slow", colour: 1 });
  expect(res.status).toBe(400);
  const error = JSON.parse(res.body ?? "{}") as Record<string, unknown>;
  expect(error).toMatchObject({ "@type": "Error", code: "INVALID_BODY", status: "400" });
  expect(error.message).toContain("failStatus must be >= 400 (got 99)");
  expect(error.message).toContain('latencyMs must be an integer (got "slow")');
  expect(error.message).toContain("colour is not a field of the listener's knobs");
  const knobs = (await (await fetch(`${url}/__control/knobs`)).json()) as Record<string, unknown>;
  expect(knobs.failNext).toBe(0);
});

it("rejects a knobs body that is not JSON with a TMF Error", async () => {
  const { url } = await startListener(model);
  const res = await post(url, "/__control/knobs", "{nope");
  expect(res.status).toBe(400);
  expect(JSON.parse(res.body ?? "{}")).toMatchObject({ "@type": "Error", code: "MALFORMED_JSON", status: "400" });
});

it("rejects a knobs body nested deeper than the stack with a 400 TMF Error, never a 500", async () => {
  const { url } = await startListener(model);
  const res = await post(url, "/__control/knobs", `{"failNext":${"[".repeat(5000)}${"]".repeat(5000)}}`);
  expect(res.status).toBe(400);
  expect(JSON.parse(res.body ?? "{}")).toMatchObject({ "@type": "Error", code: "INVALID_BODY", status: "400" });
});

it("answers a method or path it does not offer with a TMF Error 404", async () => {
  const { url } = await startListener(model);
  const res = await fetch(`${url}/__control/knobs`, { method: "PUT", body: "{}" });
  expect(res.status).toBe(404);
  expect(await res.json()).toMatchObject({ "@type": "Error", code: "NOT_FOUND", status: "404" });
});

it("rejects a since that names no real instant", async () => {
  const { url } = await startListener(model);
  expect((await fetch(`${url}/__control/events?since=2021-02-30T10:00:00Z`)).status).toBe(400);
});

it("filters recorded events by ticketId, eventType and since, and forgets them on DELETE", async () => {
  const { url } = await startListener(model);
  const events = realEvents();
  const a = events.find((e) => e.eventType === "TroubleTicketStatusChangeEvent");
  const b = events.find((e) => e.eventType === "TroubleTicketResolvedEvent");
  if (!a || !b) throw new Error("expected a status change and a resolved event");
  const mark = new Date().toISOString();
  await post(url, `/listener/${a.eventType}`, a);
  await post(url, `/listener/${b.eventType}`, b);
  await post(url, `/listener/${a.eventType}`, withTicket(a, { id: "other" }));
  const ticketId = String((a.event.troubleTicket as Record<string, unknown>).id);
  expect(await received(url, `ticketId=${ticketId}`)).toHaveLength(2);
  expect((await received(url, `eventType=${b.eventType}`)).map((r) => r.eventId)).toEqual([b.eventId]);
  expect(await received(url, `since=${encodeURIComponent(mark)}`)).toHaveLength(3);
  expect(await received(url, "since=2999-01-01T00:00:00Z")).toHaveLength(0);
  expect((await fetch(`${url}/__control/events?since=soon`)).status).toBe(400);
  expect((await fetch(`${url}/__control/events`, { method: "DELETE" })).status).toBe(204);
  expect(await received(url)).toEqual([]);
});
