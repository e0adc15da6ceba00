// The judge of a client's traffic (certify --role client): rules broken grouped by rule,
// coverage reported and never failed, behaviours, and the listener's acknowledgements.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AttemptRecord } from "../events/delivery.ts";
import type { VerdictCase } from "../model/client-verdict.ts";
import { FIXTURES, loadProfile } from "../model/load.ts";
import { canMove, type Model } from "../model/model.ts";
import { sampleTicket } from "../model/sample.ts";
import { judgeTraffic } from "./judge.ts";
import { ALICE, basic, build, CONTROL, call, createTicket, model, TICKETS, tokenFor } from "./testing.ts";
import { createTrafficRecorder, type TrafficLog } from "./traffic.ts";

const auth = basic(ALICE);

async function judged(drive: (app: ReturnType<typeof build>) => Promise<void>, options = {}) {
  const traffic = createTrafficRecorder();
  const app = build({ traffic, ...options });
  await drive(app);
  await app.close();
  return judgeTraffic(model, traffic.snapshot());
}

const find = (cases: readonly VerdictCase[], rule: string) => cases.find((c) => c.rule === rule);
const broken = (cases: readonly VerdictCase[]) => cases.filter((c) => c.outcome === "broken");

function emptyLog(over: Partial<TrafficLog> = {}): TrafficLog {
  return {
    startedAt: "2021-01-01T00:00:00.000Z",
    basePath: model.basePath,
    authMode: "either",
    tokenTtlSeconds: 3600,
    operators: ["alice"],
    records: [],
    dropped: 0,
    changes: [],
    attempts: [],
    undelivered: [],
    ...over,
  };
}

describe("rules broken", () => {
  it("groups the requests that broke one rule into one case naming the rule and its provenance", async () => {
    const v = await judged(async (app) => {
      for (const i of [0, 1]) {
        const body = sampleTicket(model, "Complaint") as Record<string, unknown> & { relatedParty: object[] };
        body.relatedParty = [...body.relatedParty, { id: `p${i}`, "@referredType": "Individual" }];
        await call(app, { method: "POST", url: TICKETS, auth, body });
      }
    });
    const rule = "relatedParty[].role is required for Complaint POST";
    expect(broken(v.cases).map((c) => c.rule)).toEqual([rule]);
    expect(find(v.cases, rule)).toMatchObject({
      area: "Field rules",
      operation: `POST /${model.resource} (Complaint)`,
      provenance: model.objects.get("RelatedParty")?.byName.get("role")?.provenance,
      count: 2,
      why: expect.stringContaining("2 requests answered 400: e.g. relatedParty[1].role is required"),
    });
    expect(v.conformant).toBe(false);
  });

  it("names an unknown filter parameter, and a move the lifecycle refuses with its states", async () => {
    const v = await judged(async (app) => {
      await call(app, { method: "GET", url: `${TICKETS}?colour=red`, auth });
      const id = String((await createTicket(app, ALICE)).id);
      const lc = model.lifecycle;
      const to = lc.operator.find((t) => !canMove(lc.operator, lc.initial, t.to))!;
      await call(app, {
        method: "PATCH",
        url: `${TICKETS}/${id}`,
        auth,
        body: { status: to.to, statusChangeReason: "x" },
      });
    });
    expect(find(v.cases, "unknown filter parameter colour")).toMatchObject({
      area: "Listing and filtering",
      outcome: "broken",
    });
    expect(broken(v.cases).find((c) => c.area === "Lifecycle")?.rule).toMatch(
      new RegExp(`^the operator cannot move a ticket from ${model.lifecycle.initial} to `),
    );
  });

  it("counts every call of the control interface as a broken rule, whatever it answered", async () => {
    const v = await judged(async (app) => {
      await call(app, { method: "GET", url: CONTROL, auth });
    });
    const c = broken(v.cases);
    expect(c.map((x) => [x.area, x.count])).toEqual([["Control interface", 1]]);
  });

  it("names the expired token's 401 and breaks token renewal", async () => {
    let clock = Date.parse("2021-01-01T00:00:00Z");
    const v = await judged(
      async (app) => {
        const token = await tokenFor(app, ALICE);
        clock += 2000;
        await call(app, { method: "GET", url: TICKETS, auth: `Bearer ${token}` });
      },
      { tokenTtlSeconds: 1, now: () => new Date(clock) },
    );
    expect(broken(v.cases).map((c) => [c.area, c.rule, c.why?.includes("401: the access token has expired")])).toEqual([
      ["Authentication", "an access token is used only within its lifetime (expires_in)", true],
      ["Behaviours", "renews its access token before it expires", false],
    ]);
  });
});

describe("coverage and behaviours", () => {
  it("reports every operation a silent client never exercised, and breaks nothing", () => {
    const v = judgeTraffic(model, emptyLog());
    expect(v.conformant).toBe(true);
    const ops = v.cases.filter((c) => c.area === "Operations");
    expect(ops.length).toBeGreaterThan(10);
    expect(ops.every((c) => c.outcome === "notExercised" && c.why)).toBe(true);
  });

  it("keeps an operation exercised by an accepted request, with the request as its example", async () => {
    const v = await judged(async (app) => void (await createTicket(app, ALICE, "Complaint")));
    expect(find(v.cases, "creates a Complaint ticket")).toMatchObject({
      outcome: "kept",
      count: 1,
      examples: [expect.objectContaining({ method: "POST", status: 201 })],
    });
  });

  it("breaks the 409 behaviour when the same request is sent again after a 409", async () => {
    const v = await judged(async (app) => {
      const id = String((await createTicket(app, ALICE)).id);
      const final = model.lifecycle.operator.find((t) => t.from === model.lifecycle.initial)!;
      const body = { status: final.to, statusChangeReason: "x" };
      await call(app, { method: "PATCH", url: `${TICKETS}/${id}`, auth, body });
      for (const _ of [1, 2]) await call(app, { method: "PATCH", url: `${TICKETS}/${id}`, auth, body });
    });
    expect(find(v.cases, "handles a 409 without sending the same request again")).toMatchObject({
      outcome: "broken",
      count: 1,
    });
  });

  it("keeps supplying information when a ticket waits for it, through autoplay", async () => {
    const v = await judged(
      async (app) => {
        const id = String((await createTicket(app, ALICE)).id);
        const rule = model.lifecycle.onAppend[0]!;
        for (let i = 0; i < 200 && app.tickets.get(undefined, id).status !== rule.from[0]; i++)
          await new Promise((r) => setTimeout(r, 5));
        await call(app, { method: "PATCH", url: `${TICKETS}/${id}`, auth, body: { note: [{ text: "SN-1" }] } });
      },
      { autoplay: { stepMs: 5 } },
    );
    expect(v.cases.find((c) => c.area === "Behaviours" && c.rule.startsWith("supplies"))?.outcome).toBe("kept");
  });
});

describe("events", () => {
  const attempt = (eventId: string, eventType: string, outcome: AttemptRecord["outcome"], statusCode?: number) =>
    ({
      at: "2021-01-01T00:00:00.000Z",
      eventId,
      eventType,
      ticketId: "t1",
      subscriptionId: "s1",
      attempt: 1,
      url: "http://listener/listener/x",
      ...(statusCode !== undefined ? { statusCode } : {}),
      latencyMs: 1,
      outcome,
    }) satisfies AttemptRecord;
  const [a, b] = [...new Set(model.events.rules.map((r) => r.eventType))];

  it("judges each event type by whether the listener acknowledged every event of it", () => {
    const v = judgeTraffic(
      model,
      emptyLog({
        attempts: [
          attempt("e1", a!, "retrying", 500),
          attempt("e1", a!, "delivered", 200),
          attempt("e2", b!, "gaveUp", 400),
          attempt("e3", b!, "cancelled"),
        ],
      }),
    );
    const ev = v.cases.filter((c) => c.area === "Events");
    expect(ev.find((c) => c.rule.includes(` ${a} `))).toMatchObject({ outcome: "kept", count: 1 });
    expect(ev.find((c) => c.rule.includes(` ${b} `))).toMatchObject({
      outcome: "broken",
      count: 1,
      why: expect.stringContaining("answered 400"),
    });
    expect(ev.filter((c) => c.outcome === "notExercised")).toHaveLength(ev.length - 2);
  });

  it("counts an event still undelivered when the watch ended as not acknowledged", () => {
    const v = judgeTraffic(
      model,
      emptyLog({
        attempts: [attempt("e1", a!, "cancelled")],
        undelivered: [
          { eventId: "e1", eventType: a!, ticketId: "t1", subscriptionId: "s1", attempts: 1, enqueuedAt: "" },
        ],
      }),
    );
    expect(v.cases.find((c) => c.area === "Events" && c.rule.includes(` ${a} `))?.outcome).toBe("broken");
  });
});

it.each(["renamed.json", "minimal.json", "tmf621-v4.json"])(
  "derives every case of the variant profile %s from its own model",
  (file) => {
    const variant: Model = loadProfile(join(FIXTURES, "profile/variants", file));
    const text = JSON.stringify(judgeTraffic(variant, emptyLog({ basePath: variant.basePath })).cases);
    const nexeraOnly = [model.resource, ...model.lifecycle.states, "note", "attachment"].filter(
      (w) =>
        w !== variant.resource &&
        !variant.lifecycle.states.includes(w) &&
        !variant.root.byName.has(w) &&
        !variant.events.rules.some((r) => r.eventType.toLowerCase().includes(w.toLowerCase())),
    );
    for (const w of nexeraOnly) expect(text, w).not.toMatch(new RegExp(`\\b${w}\\b`));
    expect(text).toContain(variant.resource);
  },
);
