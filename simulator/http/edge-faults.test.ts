// Each HTTP edge fault bends what it says, and only when asked for: the same request
// to an honest simulator and to one with the fault (docs/rules.md §2, §3).
import type { FastifyInstance } from "fastify";
import { expect, it } from "vitest";
import { sampleTicket } from "../model/sample.ts";
import type { SimulatorOptions } from "./app.ts";
import { parseFaults } from "./faults.ts";
import {
  ALICE,
  BASE,
  BOB,
  basic,
  build,
  type Call,
  call,
  createTicket,
  expectErrorShape,
  model,
  TICKETS,
  tokenFor,
} from "./testing.ts";

const HUB = `${BASE}/${model.hubPath}`;
const subscribe: Call = { method: "POST", url: HUB, auth: basic(ALICE), body: { callback: "http://127.0.0.1:9/cb" } };
const create = (): Call => ({
  method: "POST",
  url: TICKETS,
  auth: basic(ALICE),
  body: sampleTicket(model, model.defaultTicketType),
});

/** The answers of an honest simulator and of one with the fault, to the same request. */
async function both(
  fault: string,
  c: Call | ((app: FastifyInstance) => Promise<Call>),
  over: Partial<SimulatorOptions> = {},
) {
  const honest = build(over);
  const broken = build({ ...over, faults: parseFaults([fault]) });
  const ask = async (app: FastifyInstance) => call(app, typeof c === "function" ? await c(app) : c);
  return { honest: await ask(honest), broken: await ask(broken) };
}

it("create-200 answers a ticket's creation 200, with the ticket and its Location", async () => {
  const { honest, broken } = await both("create-200", create());
  expect([honest.statusCode, broken.statusCode]).toEqual([201, 200]);
  expect(broken.headers.location).toBe(`${TICKETS}/${String((broken.json() as { id: string }).id)}`);
});

it("hub-create-200 answers POST /hub 200; a ticket's creation keeps its 201", async () => {
  const { honest, broken } = await both("hub-create-200", subscribe);
  expect([honest.statusCode, broken.statusCode]).toEqual([201, 200]);
  expect(broken.headers.location).toBeDefined();
  const app = build({ faults: parseFaults(["hub-create-200"]) });
  expect((await call(app, create())).statusCode).toBe(201);
});

it("hub-no-location answers POST /hub without Location; a ticket's creation keeps it", async () => {
  const { honest, broken } = await both("hub-no-location", subscribe);
  expect([honest.statusCode, broken.statusCode]).toEqual([201, 201]);
  expect([typeof honest.headers.location, broken.headers.location]).toEqual(["string", undefined]);
  const app = build({ faults: parseFaults(["hub-no-location"]) });
  expect((await call(app, create())).headers.location).toBeDefined();
});

it("accept-no-credentials serves a request without credentials as the first operator", async () => {
  const app = build({ faults: parseFaults(["accept-no-credentials"]) });
  await createTicket(app, ALICE);
  const anonymous = await call(app, { method: "GET", url: TICKETS });
  expect([anonymous.statusCode, (anonymous.json() as unknown[]).length]).toEqual([200, 1]);
  const honest = await call(build(), { method: "GET", url: TICKETS });
  expectErrorShape(honest, 401);
  expect((await call(app, { method: "GET", url: TICKETS, auth: basic(BOB, "wrong") })).statusCode).toBe(401);
});

it("accept-expired-token accepts a token past its expires_in, which the token answer still states", async () => {
  const clock = { t: Date.parse("2024-05-01T10:00:00Z") };
  const over = { tokenTtlSeconds: 60, now: () => new Date(clock.t) };
  const apps = { honest: build(over), broken: build({ ...over, faults: parseFaults(["accept-expired-token"]) }) };
  const tokens = { honest: await tokenFor(apps.honest, ALICE), broken: await tokenFor(apps.broken, ALICE) };
  clock.t += 61_000;
  const list = (app: FastifyInstance, token: string) =>
    call(app, { method: "GET", url: TICKETS, auth: `Bearer ${token}` });
  expectErrorShape(await list(apps.honest, tokens.honest), 401);
  expect((await list(apps.broken, tokens.broken)).statusCode).toBe(200);
});

it("cross-tenant-read lets one operator read another's ticket by id, and nothing else", async () => {
  const { honest, broken } = await both("cross-tenant-read", async (app) => {
    const { id } = await createTicket(app, ALICE);
    return { method: "GET", url: `${TICKETS}/${String(id)}`, auth: basic(BOB) };
  });
  expectErrorShape(honest, 404);
  expect(broken.statusCode).toBe(200);
  const app = build({ faults: parseFaults(["cross-tenant-read"]) });
  const { id } = await createTicket(app, ALICE);
  const patch = { method: "PATCH", url: `${TICKETS}/${String(id)}`, auth: basic(BOB), body: { name: "x" } } as const;
  expectErrorShape(await call(app, patch), 404);
});

it("plain-text-errors answers an error as text/plain with its message; successes are unchanged", async () => {
  const { honest, broken } = await both("plain-text-errors", {
    method: "GET",
    url: `${TICKETS}/nope`,
    auth: basic(ALICE),
  });
  expectErrorShape(honest, 404);
  expect(broken.statusCode).toBe(404);
  expect(broken.headers["content-type"]).toMatch(/^text\/plain/);
  expect(broken.body).toBe((honest.json() as { message: string }).message);
  const app = build({ faults: parseFaults(["plain-text-errors"]) });
  expect((await call(app, create())).headers["content-type"]).toMatch(/^application\/json/);
});

it("not-allowed-as-404 answers a method a path does not offer 404 (an Error, no Allow)", async () => {
  const { honest, broken } = await both("not-allowed-as-404", {
    method: "PUT",
    url: TICKETS,
    auth: basic(ALICE),
    body: {},
  });
  expectErrorShape(honest, 405);
  expect(honest.headers.allow).toBeDefined();
  expectErrorShape(broken, 404);
  expect(broken.headers.allow).toBeUndefined();
});

it("too-large-as-400 answers a body over the limit 400 (an Error)", async () => {
  const big = { ...create(), body: { ...sampleTicket(model, model.defaultTicketType), description: "x".repeat(4096) } };
  const { honest, broken } = await both("too-large-as-400", big, { bodyLimit: 2048 });
  expectErrorShape(honest, 413);
  expectErrorShape(broken, 400);
});
