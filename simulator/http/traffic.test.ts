// The traffic recorder (certify --role client): what it keeps of each request, what it
// never keeps, and that the simulator answers exactly as it does without it.
import { expect, it } from "vitest";
import { sampleTicket } from "../model/sample.ts";
import { CONTROL_PREFIX } from "./control.ts";
import { ALICE, BASE, basic, build, CONTROL, call, createTicket, model, TICKETS, tokenFor } from "./testing.ts";
import { createTrafficRecorder, type TrafficRecorder } from "./traffic.ts";

const auth = basic(ALICE);
const lc = model.lifecycle;
const HUB = `${BASE}/${model.hubPath}`;

function watched(traffic: TrafficRecorder = createTrafficRecorder()) {
  return { app: build({ traffic }), traffic };
}

it("records each request with its operator, route, status, ticket type and the rules it broke", async () => {
  const { app, traffic } = watched();
  const body = { ...sampleTicket(model, model.defaultTicketType), priority: 1, colour: "red" };
  await call(app, { method: "POST", url: TICKETS, auth, body });
  const r = traffic.snapshot().records.at(-1)!;
  expect(r).toMatchObject({
    operator: ALICE.user,
    auth: "basic",
    method: "POST",
    path: TICKETS,
    route: TICKETS,
    status: 400,
    ticketType: model.defaultTicketType,
    error: { code: "INVALID_BODY" },
  });
  expect(r.violations?.map((v) => [v.rule, v.path])).toEqual(
    expect.arrayContaining([
      [`priority is prohibited for ${model.defaultTicketType} POST`, "priority"],
      ["colour is not a field of TroubleTicket", "colour"],
    ]),
  );
});

it("ties each stored change to the request that made it, and leaves Nexera's own changes untied", async () => {
  const { app, traffic } = watched();
  const id = String((await createTicket(app, ALICE)).id);
  const [first] = lc.provider.filter((t) => t.from === lc.initial);
  await call(app, { method: "POST", url: `${CONTROL}/${id}/status`, auth, body: { status: first!.to } });
  await call(app, { method: "PATCH", url: `${TICKETS}/${id}`, auth, body: { note: [{ text: "hello" }] } });
  const log = traffic.snapshot();
  const patch = log.records.at(-1)!;
  expect(patch.change).toEqual({
    ticketId: id,
    kind: "update",
    from: first!.to,
    statusChanges: [],
    changedFields: ["note"],
  });
  expect(log.changes.map((c) => [c.kind, c.bySeq])).toEqual([
    ["create", log.records[0]!.seq],
    ["update", undefined],
    ["update", patch.seq],
  ]);
});

it("never keeps a token, an Authorization value or the password of a hub callback", async () => {
  const { app, traffic } = watched();
  const token = await tokenFor(app, ALICE);
  await call(app, {
    method: "POST",
    url: HUB,
    auth: `Bearer ${token}`,
    body: { callback: "http://listener:cb-secret@127.0.0.1:9/cb" },
  });
  const text = JSON.stringify(traffic.snapshot());
  expect(text).not.toContain(token);
  expect(text).not.toContain("cb-secret");
  expect(text).not.toContain(auth.split(" ")[1]);
  expect(text).toContain("listener:***@127.0.0.1");
  await app.close();
});

it("answers exactly as the simulator does without it", async () => {
  const requests = [
    { method: "POST" as const, url: TICKETS, auth, body: { name: "x" } },
    { method: "GET" as const, url: `${TICKETS}?colour=red`, auth },
    { method: "GET" as const, url: `${TICKETS}?limit=-1`, auth },
    { method: "GET" as const, url: `${TICKETS}/nope`, auth },
    { method: "DELETE" as const, url: `${TICKETS}/nope`, auth },
    { method: "PATCH" as const, url: `${TICKETS}/nope`, auth, raw: "{oops" },
    { method: "GET" as const, url: TICKETS },
    { method: "GET" as const, url: `${CONTROL_PREFIX}/hub`, auth },
    { method: "GET" as const, url: "/nowhere", auth },
  ];
  const plain = build();
  const { app } = watched();
  for (const r of requests) {
    const [a, b] = [await call(plain, r), await call(app, r)];
    expect([b.statusCode, b.body, b.headers["www-authenticate"]]).toEqual([
      a.statusCode,
      a.body,
      a.headers["www-authenticate"],
    ]);
  }
});

it("counts the requests past its bound, clips long bodies and leaves the OpenAPI document out", async () => {
  const { app, traffic } = watched(createTrafficRecorder({ maxRecords: 2, maxText: 20 }));
  await call(app, { method: "GET", url: "/openapi.json" });
  await call(app, { method: "POST", url: TICKETS, auth, body: { description: "a".repeat(100) } });
  for (let i = 0; i < 3; i++) await call(app, { method: "GET", url: TICKETS, auth });
  const log = traffic.snapshot();
  expect(log.records.map((r) => r.path)).toEqual([TICKETS, TICKETS]);
  expect(log.dropped).toBe(2);
  expect(log.records[0]!.body).toMatch(/^.{20}\.\.\. \(\d+ more\)$/);
});
