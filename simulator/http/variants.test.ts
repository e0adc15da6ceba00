// The simulator serves any profile given as data. Each file in
// fixtures/profile/variants/ differs from Nexera's in names, paths, ticket types,
// states, events and limits; every expectation here is derived from the variant's
// own model, so a literal of Nexera's left in the code shows up as a failure.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateEvents } from "../events/generate.ts";
import { received, start, startListener, waitFor } from "../listener/testing.ts";
import { FIXTURES, loadProfile } from "../model/load.ts";
import { listenerName, type Model, targetsFrom } from "../model/model.ts";
import { sampleTicket } from "../model/sample.ts";
import { buildSimulator } from "./app.ts";
import { CONTROL_PREFIX } from "./control.ts";
import { pathTo } from "./seed.ts";

const DIR = join(FIXTURES, "profile/variants");
const VARIANTS = readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .sort();
const OPERATOR = { user: "op", password: "op-secret" };
const AUTH = `Basic ${Buffer.from(`${OPERATOR.user}:${OPERATOR.password}`).toString("base64")}`;

it("has variant profiles to prove the code general with", () => {
  expect(VARIANTS.length).toBeGreaterThanOrEqual(3);
});

const serverField = (model: Model, kind: string) => model.root.fields.find((f) => f.server === kind)?.name;

describe.each(VARIANTS)("variant profile %s", (file) => {
  const model = loadProfile(join(DIR, file));
  const lc = model.lifecycle;
  const idField = serverField(model, "id")!;
  const hrefField = serverField(model, "href");
  const collection = `${model.basePath}/${model.resource}`;

  async function simulator() {
    const app = buildSimulator({
      model,
      operators: [OPERATOR],
      events: { backoffBaseMs: 20, backoffMaxMs: 100, timeoutMs: 2_000, drainMs: 500 },
    });
    const s = await start(app);
    const call = async (method: string, path: string, body?: unknown, contentType = "application/json") => {
      const r = await app.inject({
        method: method as "GET",
        url: path,
        headers: { authorization: AUTH, ...(body !== undefined ? { "content-type": contentType } : {}) },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      });
      return {
        status: r.statusCode,
        headers: r.headers,
        json: r.body ? (JSON.parse(r.body) as Record<string, unknown>) : undefined,
      };
    };
    return { app, url: s.url, call };
  }

  it("loads and differs from the default profile where it says so", () => {
    expect(model.id).not.toBe(loadProfile().id);
    expect(model.ticketTypes).toContain(model.defaultTicketType);
  });

  it("creates a ticket of every type, delivering the create events to the variant's listener path", async () => {
    const sim = await simulator();
    const listener = await startListener(model);
    const hub = await sim.call("POST", `${model.basePath}/${model.hubPath}`, { callback: `${listener.url}/cb` });
    expect(hub.status).toBe(201);
    const created: string[] = [];
    for (const t of model.ticketTypes) {
      const r = await sim.call("POST", collection, sampleTicket(model, t));
      expect(r.status, JSON.stringify(r.json)).toBe(201);
      const id = String(r.json?.[idField]);
      created.push(id);
      expect(r.json?.[lc.field]).toBe(lc.initial);
      if (model.ticketTypeField !== undefined) expect(r.json?.[model.ticketTypeField]).toBe(t);
      expect(r.headers.location).toBe(hrefField ? r.json?.[hrefField] : `${collection}/${id}`);
      for (const f of model.root.fields.filter((x) => x.server === "default")) expect(r.json?.[f.name]).toBeDefined();
    }
    const page = await sim.call("GET", `${collection}?${model.reserved.limit}=1`);
    expect([page.status, page.headers["x-total-count"], page.headers["x-result-count"]]).toEqual([
      200,
      String(model.ticketTypes.length),
      "1",
    ]);

    const createTypes = model.events.rules.filter((r) => r.on === "create").map((r) => r.eventType);
    const want = createTypes.length * created.length;
    const got = await waitFor(`${want} create event(s)`, async () => {
      const rs = (await received(listener.url)).filter((e) => createTypes.includes(String(e.eventType)));
      return rs.length >= want ? rs : undefined;
    });
    expect(
      got.every((e) => e.valid && e.path === `/cb/listener/${listenerName(model, String(e.eventType))}`),
      JSON.stringify(got),
    ).toBe(true);
    expect(new Set(got.map((e) => e.ticketId))).toEqual(new Set(createTypes.length > 0 ? created : []));
  });

  it("applies an operator transition from the initial state by PATCH, in the profile's PATCH content type", async () => {
    const { call } = await simulator();
    const to = targetsFrom(lc.operator, lc.initial)[0];
    if (to === undefined) return;
    const id = String((await call("POST", collection, sampleTicket(model, model.defaultTicketType))).json?.[idField]);
    const body = { [lc.field]: to, ...(lc.reasonField ? { [lc.reasonField]: "variant test" } : {}) };
    const r = await call("PATCH", `${collection}/${id}`, body, model.patchContentTypes[0]);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json?.[lc.field]).toBe(to);
    expect(r.json?.[lc.changeDateField]).toEqual(expect.any(String));
    if (lc.final.has(to))
      expect((await call("PATCH", `${collection}/${id}`, body, model.patchContentTypes[0])).status).toBe(409);
  });

  it("walks the autoplay path through the control interface, setting what entering each state sets", async () => {
    const { call } = await simulator();
    const steps = lc.autoplay.length > 0 ? lc.autoplay : (pathTo(model, [...lc.final][0]) ?? []);
    for (const t of model.ticketTypes) {
      const id = String((await call("POST", collection, sampleTicket(model, t))).json?.[idField]);
      let ticket: Record<string, unknown> | undefined;
      for (const s of steps) {
        const r = await call("POST", `${CONTROL_PREFIX}/${model.resource}/${id}/status`, {
          status: s,
          reason: "variant test",
        });
        expect(r.status, JSON.stringify(r.json)).toBe(200);
        ticket = r.json;
        expect(ticket?.[lc.field]).toBe(s);
      }
      const last = steps.at(-1);
      for (const set of (last && lc.onEnter[last]) || []) {
        const applies = !set.ticketTypes || set.ticketTypes.includes(t);
        expect(ticket?.[set.field] !== undefined, `${set.field} on a ${t} entering ${last}`).toBe(applies);
      }
    }
  });

  it("parses list filters by the profile's names: aliases, numeric operators, and a date alone as filtering.dateOnly says", async () => {
    const { call } = await simulator();
    await call("POST", collection, sampleTicket(model, model.defaultTicketType));
    for (const ff of model.filterFieldList) {
      for (const name of ff.names) {
        const op = ff.operators[0];
        const value =
          ff.field.format === "date-time"
            ? "2021-01-01T00:00:00Z"
            : ff.field.type === "integer" || ff.field.type === "number"
              ? "1"
              : "x";
        const r = await call(
          "GET",
          `${collection}?${encodeURIComponent(op ? `${name}.${op}` : name)}=${encodeURIComponent(value)}`,
        );
        expect(r.status, `${name}.${op ?? ""}: ${JSON.stringify(r.json)}`).toBe(200);
        if (op && ff.field.format === "date-time")
          expect((await call("GET", `${collection}?${name}.${op}=2021-01-01`)).status).toBe(
            model.dateOnlyMidnightUtc ? 200 : 400,
          );
      }
    }
    const unknown = await call("GET", `${collection}?xNoSuchFilter=1`);
    expect(unknown.status).toBe(model.rejectUnknownParameters ? 400 : 200);
  });

  it("generates the variant's events for a status change, by its own rule names", () => {
    const t = lc.provider[0];
    if (!t) return;
    const events = generateEvents(model, {
      kind: "update",
      operator: "op",
      by: "control",
      ticket: { [idField]: "x" },
      statusChanges: [{ from: t.from, to: t.to }],
      changedFields: [],
      at: "2021-01-01T00:00:00Z",
    });
    const want = model.events.rules
      .filter((r) => r.on === "statusChange" || (r.on === "enter" && r.state === t.to))
      .map((r) => r.eventType);
    expect(events.map((e) => e.eventType)).toEqual(want);
    expect(events.every((e) => Object.keys(e.event)[0] === model.events.payloadKey)).toBe(true);
  });
});
