import { expect, it } from "vitest";
import { sampleTicket } from "../model/sample.ts";
import { pathTo, SeedError } from "./seed.ts";
import {
  ALICE,
  BOB,
  basic,
  build,
  CONTROL,
  call,
  createTicket,
  expectErrorShape,
  model,
  storedCount,
  TICKETS,
} from "./testing.ts";

const auth = basic(ALICE);

it("moves a ticket along Nexera-driven transitions and reports each state", async () => {
  const app = build();
  const t = await createTicket(app, ALICE);
  for (const status of ["acknowledged", "inProgress", "resolved"]) {
    const r = await call(app, {
      method: "POST",
      url: `${CONTROL}/${String(t.id)}/status`,
      auth,
      body: { status, reason: `to ${status}` },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().status).toBe(status);
  }
  const seen = (await call(app, { method: "GET", url: `${TICKETS}/${String(t.id)}`, auth })).json();
  expect(seen).toMatchObject({
    status: "resolved",
    resolutionCode: expect.any(String),
    resolutionDate: expect.any(String),
  });
});

it("answers 400 to a control transition without a status", async () => {
  const app = build();
  const t = await createTicket(app, ALICE);
  const r = await call(app, {
    method: "POST",
    url: `${CONTROL}/${String(t.id)}/status`,
    auth,
    body: { reason: "why" },
  });
  expect(expectErrorShape(r, 400).message).toMatch(/status/);
});

it("answers 400 to a control transition with an unknown key", async () => {
  const app = build();
  const t = await createTicket(app, ALICE);
  const r = await call(app, {
    method: "POST",
    url: `${CONTROL}/${String(t.id)}/status`,
    auth,
    body: { status: "acknowledged", colour: "red" },
  });
  expect(expectErrorShape(r, 400).message).toMatch(/colour/);
});

it("answers one 400 listing every problem of a control transition", async () => {
  const app = build();
  const t = await createTicket(app, ALICE);
  const r = await call(app, {
    method: "POST",
    url: `${CONTROL}/${String(t.id)}/status`,
    auth,
    body: { status: "done", reason: 7, colour: "red" },
  });
  const error = expectErrorShape(r, 400);
  expect(error.code).toBe("INVALID_BODY");
  expect(error.message).toContain(`status must be one of ${model.lifecycle.states.join(", ")} (got "done")`);
  expect(error.message).toContain("reason must be a string (got 7)");
  expect(error.message).toContain("colour is not a field of a control transition");
});

it.each([
  ["an array", "[]"],
  ["null", "null"],
  ["a string", '"acknowledged"'],
])("answers 400 to a control transition whose body is %s", async (_what, raw) => {
  const app = build();
  const t = await createTicket(app, ALICE);
  const r = await call(app, { method: "POST", url: `${CONTROL}/${String(t.id)}/status`, auth, raw });
  expect(expectErrorShape(r, 400).message).toMatch(/the request body must be an object/);
});

it("sets Nexera-side fields through the control PATCH", async () => {
  const app = build();
  const t = await createTicket(app, ALICE);
  const r = await call(app, {
    method: "PATCH",
    url: `${CONTROL}/${String(t.id)}`,
    auth,
    body: { priority: 1, expectedResolutionDate: "2030-01-01T00:00:00Z" },
  });
  expect(r.statusCode).toBe(200);
  expect(r.json()).toMatchObject({ priority: 1, expectedResolutionDate: "2030-01-01T00:00:00Z" });
});

it("answers 400 to a control PATCH of a field outside the provider fields", async () => {
  const app = build();
  const t = await createTicket(app, ALICE);
  const r = await call(app, {
    method: "PATCH",
    url: `${CONTROL}/${String(t.id)}`,
    auth,
    body: { name: "not Nexera's to set" },
  });
  expectErrorShape(r, 400);
  expect((await call(app, { method: "GET", url: `${TICKETS}/${String(t.id)}`, auth })).json().name).toBe(t.name);
});

it("answers one 400 listing every problem of a control PATCH, and changes nothing", async () => {
  const app = build();
  const t = await createTicket(app, ALICE);
  const [first, second] = model.providerFields;
  const r = await call(app, {
    method: "PATCH",
    url: `${CONTROL}/${String(t.id)}`,
    auth,
    body: { priority: 1, expectedResolutionDate: "2021-02-30T10:00:00Z", name: "not Nexera's", note: [{}] },
  });
  const error = expectErrorShape(r, 400);
  expect(error.message).toContain('expectedResolutionDate must be a date-time (got "2021-02-30T10:00:00Z")');
  expect(error.message).toContain(`name is not a field of the control PATCH (${first}, ${second}`);
  expect(error.message).toContain("note[0].text is required");
  const stored = (await call(app, { method: "GET", url: `${TICKETS}/${String(t.id)}`, auth })).json();
  expect(stored.priority).toBe(t.priority);
  expect(stored.expectedResolutionDate).toBeUndefined();
});

it("empties the store on reset", async () => {
  const app = build();
  await createTicket(app, ALICE);
  await createTicket(app, BOB);
  const r = await call(app, { method: "POST", url: "/__control/reset", auth });
  expect(r.statusCode).toBe(204);
  expect(await storedCount(app)).toBe(0);
});

it("preloads seed tickets for their operators and states", async () => {
  const seedData = [
    { ...sampleTicket(model, "Complaint"), operator: "bob", status: "resolved" },
    sampleTicket(model, model.defaultTicketType),
  ];
  const app = build({ seedData });
  const bobs = (await call(app, { method: "GET", url: TICKETS, auth: basic(BOB) })).json() as Array<
    Record<string, unknown>
  >;
  expect(bobs).toEqual([expect.objectContaining({ ticketType: "Complaint", status: "resolved" })]);
  const alices = (await call(app, { method: "GET", url: TICKETS, auth })).json() as Array<Record<string, unknown>>;
  expect(alices).toEqual([expect.objectContaining({ status: model.lifecycle.initial })]);
});

it("refuses seed data with every bad entry named by its index", async () => {
  const seedData = [
    sampleTicket(model, model.defaultTicketType),
    { name: 1 },
    { ...sampleTicket(model, "Complaint"), operator: "carol" },
    { ...sampleTicket(model, "Complaint"), status: "nowhere" },
  ];
  let error: unknown;
  try {
    build({ seedData });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(SeedError);
  expect((error as SeedError).problems.map((p) => p.slice(0, 4))).toEqual(["[1]:", "[2]:", "[3]:"]);
});

it("finds the shortest Nexera-driven path to a state", () => {
  expect(pathTo(model, "resolved")).toEqual(["acknowledged", "inProgress", "resolved"]);
  expect(pathTo(model, model.lifecycle.initial)).toEqual([]);
  expect(pathTo(model, "nowhere")).toBeUndefined();
});
