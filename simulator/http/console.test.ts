// The console's server side through inject(): who may open it, what its JSON endpoints
// answer, and that they come from the same core as the control interface.
import { expect, it } from "vitest";
import { startListener, waitFor } from "../listener/testing.ts";
import { nexeraPath } from "../model/examples.ts";
import { loadProfile } from "../model/load.ts";
import { targetsFrom } from "../model/model.ts";
import { sampleTicket } from "../model/sample.ts";
import type { ConsoleMeta, Deliveries, TicketList, Timeline } from "./console-api.ts";
import { buildBundle } from "./console-bundle.ts";
import {
  ALICE,
  BASE,
  BOB,
  basic,
  build,
  CONTROL,
  call,
  createTicket,
  expectErrorShape,
  model,
  TICKETS,
} from "./testing.ts";
import { createTrafficRecorder } from "./traffic.ts";

const auth = basic(ALICE);
const API = "/__console/api";
const lc = model.lifecycle;
const get = async <T>(app: ReturnType<typeof build>, url: string) => {
  const r = await call(app, { method: "GET", url, auth });
  if (r.statusCode !== 200) throw new Error(`GET ${url} answered ${r.statusCode}: ${r.body}`);
  return r.json() as T;
};

it("refuses the console without credentials, or with wrong ones, with a 401 that asks a browser for Basic", async () => {
  const app = build();
  for (const a of [undefined, basic(ALICE, "wrong"), "Bearer nope"]) {
    const r = await call(app, { method: "GET", url: "/__console", ...(a ? { auth: a } : {}) });
    expectErrorShape(r, 401);
    expect(r.headers["www-authenticate"]).toBe('Basic realm="Nexera", charset="UTF-8"');
  }
  for (const url of ["/__console/app.js", `${API}/meta`, `${API}/tickets`, `${API}/control/hub`])
    expect((await call(app, { method: "GET", url })).statusCode).toBe(401);
});

it("serves the page to an operator's Basic credentials, in every auth mode, allowing nothing from elsewhere", async () => {
  const app = build({ auth: "bearer" });
  expect((await call(app, { method: "GET", url: TICKETS, auth })).statusCode).toBe(401); // the API: tokens only
  const r = await call(app, { method: "GET", url: "/__console", auth });
  expect(r.statusCode).toBe(200);
  expect(r.headers["content-type"]).toBe("text/html; charset=utf-8");
  expect(r.headers["content-security-policy"]).toContain("default-src 'none'");
  expect(r.headers["content-security-policy"]).toContain("connect-src 'self'");
  const assets = [...r.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
  expect(assets).toEqual(["data:,", "/__console/app.css", "/__console/app.js"]); // data:, is "no favicon, do not ask"
});

it("bundles the browser code once and serves it with the right types", async () => {
  const app = build();
  const js = await call(app, { method: "GET", url: "/__console/app.js", auth });
  const css = await call(app, { method: "GET", url: "/__console/app.css", auth });
  expect(js.headers["content-type"]).toBe("text/javascript; charset=utf-8");
  expect(css.headers["content-type"]).toBe("text/css; charset=utf-8");
  expect(js.body).toContain("/__console");
  expect(js.body).toContain("/api/meta");
  expect(css.body).toContain(":focus-visible");
  // No import of anything outside the bundle: the browser would fetch it.
  expect(/(?:^|[;}\n])\s*import[\s{*"'(]/.test(js.body)).toBe(false);
});

it("refuses to bundle browser code that imports the server's runtime code", async () => {
  // The browser code may import the server's types only; a value import would drag Node in.
  const { mkdtempSync, writeFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { tmpdir } = await import("node:os");
  const dir = mkdtempSync(join(tmpdir(), "console-"));
  const entry = join(dir, "main.ts");
  writeFileSync(entry, `import { readFileSync } from "node:fs";\nconsole.log(readFileSync);\n`);
  await expect(buildBundle(entry)).rejects.toThrow(/node:fs/);
});

it("derives its views from the profile: states, filters, fields and Nexera's form", async () => {
  const meta = await get<ConsoleMeta>(build(), `${API}/meta`);
  expect(meta.operators).toEqual([ALICE.user, BOB.user]);
  expect(meta.states).toEqual(lc.states);
  expect(meta.fields).toMatchObject({ id: model.idField, status: lc.field, ticketType: model.ticketTypeField });
  expect(meta.clientRole).toBe(false);
  const form = meta.providerForm[model.defaultTicketType] ?? [];
  expect(form.map((f) => f.name)).toEqual(model.providerFields.filter((n) => model.root.byName.has(n)));
  const severity = form.find((f) => f.name === "severity");
  expect(severity?.enumValues).toEqual(model.root.byName.get("severity")?.enumValues);
  // A note is appended with its text; the server sets its date (P), so the form has no input for it.
  const note = form.find((f) => f.name === "note");
  expect(note?.item?.map((i) => i.name)).toContain("text");
  expect(note?.item?.map((i) => i.name)).not.toContain("date");
});

it("lists tickets per operator with their owner, by the API's filter grammar", async () => {
  const app = build();
  const a = await createTicket(app, ALICE);
  const other = model.ticketTypes.find((t) => t !== model.defaultTicketType) ?? model.defaultTicketType;
  const b = await createTicket(app, BOB, other);
  const all = await get<TicketList>(app, `${API}/tickets`);
  expect(all.total).toBe(2);
  expect(all.items.map((r) => [r.operator, r.ticket.id])).toEqual([
    [BOB.user, b.id],
    [ALICE.user, a.id],
  ]);
  const typeFilter = `${model.ticketTypeField}=${other}`;
  expect(
    (await get<TicketList>(app, `${API}/tickets/${BOB.user}?${typeFilter}`)).items.map((r) => r.ticket.id),
  ).toEqual([b.id]);
  expect((await get<TicketList>(app, `${API}/tickets/${ALICE.user}?${typeFilter}`)).items).toEqual([]);
  const projected = await get<TicketList>(app, `${API}/tickets?fields=${lc.field}`);
  expect(projected.items.map((r) => r.operator)).toEqual([BOB.user, ALICE.user]); // the id is kept for the owner
  const refused = await call(app, { method: "GET", url: `${API}/tickets?colour=red`, auth });
  const api = await call(app, { method: "GET", url: `${TICKETS}?colour=red`, auth });
  expect(expectErrorShape(refused, 400).message).toBe(expectErrorShape(api, 400).message);
  expectErrorShape(await call(app, { method: "GET", url: `${API}/tickets/nobody`, auth }), 404);
});

it("tells a ticket's story: who made each change, its events, and Nexera's moves from the profile", async () => {
  const app = build();
  const id = String((await createTicket(app, ALICE)).id);
  const [first] = targetsFrom(lc.provider, lc.initial);
  await call(app, {
    method: "POST",
    url: `${API}/control/${model.resource}/${id}/status`,
    auth,
    body: { status: first, reason: "seen" },
  });
  await call(app, { method: "PATCH", url: `${CONTROL}/${id}`, auth, body: { severity: "Low" } });
  await call(app, { method: "PATCH", url: `${TICKETS}/${id}`, auth, body: { note: [{ text: "hi" }] } });
  const t = await get<Timeline>(app, `${CONTROL}/${id}/timeline`);
  expect(t).toMatchObject({ id, operator: ALICE.user, status: first, nexeraMoves: targetsFrom(lc.provider, first!) });
  expect(t.changes.map((c) => [c.by, c.kind, c.statusChanges, c.changedFields])).toEqual([
    ["operator", "create", [], []],
    ["console", "update", [{ from: lc.initial, to: first }], []],
    ["control", "update", [], ["severity"]],
    ["operator", "update", [], ["note"]],
  ]);
  expect(t.changes[1]?.reason).toBe("seen");
  expect(t.changes[1]?.events.map((e) => e.eventType)).toContain("TroubleTicketStatusChangeEvent");
  expect(t.changes[1]?.events.every((e) => e.subscriptions.length === 0)).toBe(true); // nobody subscribed
  // The console's copy of the control route answers the same.
  expect((await get<Timeline>(app, `${API}/control/${model.resource}/${id}/timeline`)).changes).toEqual(t.changes);
  expectErrorShape(await call(app, { method: "GET", url: `${CONTROL}/nope/timeline`, auth }), 404);
});

it("derives Nexera's moves from another profile's lifecycle, with no code for it", async () => {
  const variant = loadProfile("fixtures/profile/variants/renamed.json");
  const app = build({ model: variant });
  const r = await call(app, {
    method: "POST",
    url: `${variant.basePath}/${variant.resource}`,
    auth,
    body: sampleTicket(variant, variant.defaultTicketType),
  });
  const id = String(r.json()[variant.idField]);
  const t = await get<Timeline>(app, `/__control/${variant.resource}/${id}/timeline`);
  expect(t.status).toBe(variant.lifecycle.initial);
  expect(t.nexeraMoves).toEqual(targetsFrom(variant.lifecycle.provider, variant.lifecycle.initial));
  expect(t.nexeraMoves.length).toBeGreaterThan(0);
});

it("shows each delivery attempt on the timeline and in the deliveries, and cancels a queued one", async () => {
  const listener = await startListener(model);
  const app = build({ events: { backoffBaseMs: 60_000, backoffMaxMs: 60_000 } });
  const hub = await call(app, {
    method: "POST",
    url: `${BASE}/${model.hubPath}`,
    auth,
    body: { callback: listener.url },
  });
  expect(hub.statusCode).toBe(201);
  await fetch(`${listener.url}/__control/knobs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ failNext: 1, failStatus: 503 }),
  });
  const id = String((await createTicket(app, ALICE)).id);
  // Two moves: the events of the second wait behind the first's, on the ticket's lane.
  for (const status of nexeraPath(model)
    .slice(0, 2)
    .map((m) => m.to))
    await call(app, { method: "POST", url: `${CONTROL}/${id}/status`, auth, body: { status } });
  const queued = await waitFor("a failed attempt", async () => {
    const d = await get<Deliveries>(app, `${API}/deliveries`);
    return d.failed.length > 0 && d.pending.length > 0 ? d : undefined;
  });
  expect(queued.subscriptions.map((s) => s.id)).toEqual([hub.json().id]);
  expect(queued.failed[0]).toMatchObject({ ticketId: id, statusCode: 503, outcome: "retrying" });
  const head = queued.pending.find((p) => p.eventId === queued.failed[0]?.eventId);
  expect(head?.nextAttemptAt).toBe(queued.failed[0]?.nextAttemptAt);
  const cancel = `${API}/control/deliveries/pending/${head?.subscriptionId}/${head?.eventId}`;
  expect((await call(app, { method: "DELETE", url: cancel, auth })).statusCode).toBe(204);
  expectErrorShape(await call(app, { method: "DELETE", url: cancel, auth }), 404);
  const t = await waitFor("every event settled", async () => {
    const tl = await get<Timeline>(app, `${CONTROL}/${id}/timeline`);
    return tl.changes.flatMap((c) => c.events).every((e) => e.pending.length === 0) ? tl : undefined;
  });
  const attempts = t.changes.flatMap((c) => c.events.flatMap((e) => e.attempts));
  expect(attempts.map((a) => a.outcome)).toEqual([
    "retrying",
    "cancelled",
    ...attempts.slice(2).map(() => "delivered"),
  ]);
  expect(attempts[1]?.reason).toBe("cancelled through the console");
  expect(attempts.slice(2).every((a) => a.statusCode === 200 && a.latencyMs >= 0)).toBe(true);
  expect(attempts.length).toBeGreaterThan(2);
  await app.close();
});

it("judges the client live in the client role, and never counts the console's own requests", async () => {
  const traffic = createTrafficRecorder();
  const app = build({ traffic });
  const body = { ...sampleTicket(model, model.defaultTicketType), colour: "red" };
  await call(app, { method: "POST", url: TICKETS, auth, body });
  const meta = await get<ConsoleMeta>(app, `${API}/meta`);
  const verdict = await get<{ conformant: boolean; cases: Array<{ outcome: string; rule: string }> }>(
    app,
    `${API}/client`,
  );
  expect(meta.clientRole).toBe(true);
  expect(verdict.conformant).toBe(false);
  expect(verdict.cases.filter((c) => c.outcome === "broken").map((c) => c.rule)).toContain(
    "colour is not a field of TroubleTicket",
  );
  await call(app, { method: "POST", url: `${API}/control/reset`, auth });
  expect(traffic.snapshot().records.map((r) => r.path)).toEqual([TICKETS]);
  expectErrorShape(await call(build(), { method: "GET", url: `${API}/client`, auth }), 404);
});

it("names seed data and autoplay as who made their changes", async () => {
  const [first] = nexeraPath(model);
  const app = build({
    seedData: [{ ...sampleTicket(model, model.defaultTicketType), status: first?.to }],
    autoplay: { stepMs: 10 },
  });
  await app.ready();
  const [seeded] = (await get<TicketList>(app, `${API}/tickets`)).items;
  const story = await get<Timeline>(app, `${CONTROL}/${String(seeded?.ticket.id)}/timeline`);
  expect(story.changes.map((c) => c.by)).toEqual(["seed", "seed"]);
  const id = String((await createTicket(app, ALICE)).id);
  const played = await waitFor("an autoplay step", async () => {
    const t = await get<Timeline>(app, `${CONTROL}/${id}/timeline`);
    return t.changes.length > 1 ? t : undefined;
  });
  expect(played.changes.slice(0, 2).map((c) => c.by)).toEqual(["operator", "autoplay"]);
  await app.close();
});
