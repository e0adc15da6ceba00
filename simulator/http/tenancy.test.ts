import { expect, it } from "vitest";
import {
  ALICE,
  BOB,
  basic,
  build,
  CONTROL,
  call,
  createTicket,
  expectErrorShape,
  TICKETS,
  tokenFor,
} from "./testing.ts";

async function aliceHasOne() {
  const app = build();
  const ticket = await createTicket(app, ALICE);
  const id = String(ticket.id);
  const asControl = async () =>
    (await call(app, { method: "GET", url: `${CONTROL}/${id}`, auth: basic(ALICE) })).json() as unknown;
  return { app, ticket, id, asControl };
}

it("answers 404 when another operator reads a ticket by id", async () => {
  const { app, id } = await aliceHasOne();
  const r = await call(app, { method: "GET", url: `${TICKETS}/${id}`, auth: basic(BOB) });
  expectErrorShape(r, 404);
});

it("answers another operator's ticket exactly like a ticket that does not exist", async () => {
  const { app, id } = await aliceHasOne();
  const theirs = await call(app, { method: "GET", url: `${TICKETS}/${id}`, auth: basic(BOB) });
  const missing = await call(app, {
    method: "GET",
    url: `${TICKETS}/${id.replace(/.$/, (c) => (c === "0" ? "1" : "0"))}`,
    auth: basic(BOB),
  });
  const strip = (b: Record<string, unknown>) => ({ ...b, message: String(b.message).replace(/"[^"]*"/, "ID") });
  expect(strip(theirs.json())).toEqual(strip(missing.json()));
});

it("answers 404 when another operator patches a ticket and leaves it unchanged", async () => {
  const { app, id, asControl } = await aliceHasOne();
  const before = await asControl();
  const r = await call(app, { method: "PATCH", url: `${TICKETS}/${id}`, auth: basic(BOB), body: { name: "hijacked" } });
  expectErrorShape(r, 404);
  expect(await asControl()).toEqual(before);
});

it("answers 404 when another operator cancels a ticket through PATCH status", async () => {
  const { app, id, asControl } = await aliceHasOne();
  const r = await call(app, {
    method: "PATCH",
    url: `${TICKETS}/${id}`,
    auth: basic(BOB),
    body: { status: "cancelled", statusChangeReason: "x" },
  });
  expectErrorShape(r, 404);
  expect(await asControl()).toMatchObject({ status: "submitted" });
});

it("leaves another operator's tickets out of the list and its counts", async () => {
  const { app, id } = await aliceHasOne();
  await createTicket(app, BOB);
  const r = await call(app, { method: "GET", url: TICKETS, auth: basic(BOB) });
  const ids = (r.json() as Array<{ id: string }>).map((t) => t.id);
  expect(ids).toHaveLength(1);
  expect(ids).not.toContain(id);
  expect(r.headers["x-total-count"]).toBe("1");
});

it("leaves another operator's ticket out of a list filtered by its id", async () => {
  const { app, id } = await aliceHasOne();
  const r = await call(app, { method: "GET", url: `${TICKETS}?id=${id}`, auth: basic(BOB) });
  expect(r.json()).toEqual([]);
  expect(r.headers["x-total-count"]).toBe("0");
});

it("lets the owner read, list and patch its ticket", async () => {
  const { app, id } = await aliceHasOne();
  expect((await call(app, { method: "GET", url: `${TICKETS}/${id}`, auth: basic(ALICE) })).statusCode).toBe(200);
  expect((await call(app, { method: "GET", url: TICKETS, auth: basic(ALICE) })).headers["x-total-count"]).toBe("1");
  const r = await call(app, {
    method: "PATCH",
    url: `${TICKETS}/${id}`,
    auth: basic(ALICE),
    body: { name: "renamed" },
  });
  expect(r.statusCode).toBe(200);
  expect(r.json().name).toBe("renamed");
});

it("treats a bearer token as its operator's tenant", async () => {
  const { app, id } = await aliceHasOne();
  const bob = `Bearer ${await tokenFor(app, BOB)}`;
  expect((await call(app, { method: "GET", url: `${TICKETS}/${id}`, auth: bob })).statusCode).toBe(404);
  expect((await call(app, { method: "GET", url: TICKETS, auth: bob })).json()).toEqual([]);
});

it("shows every tenant's tickets on the control interface to any operator", async () => {
  const { app, id } = await aliceHasOne();
  const bobs = await createTicket(app, BOB);
  const r = await call(app, { method: "GET", url: CONTROL, auth: basic(BOB) });
  expect((r.json() as Array<{ id: string }>).map((t) => t.id).sort()).toEqual([id, String(bobs.id)].sort());
  const one = await call(app, { method: "GET", url: `${CONTROL}/${id}`, auth: basic(BOB) });
  expect(one.statusCode).toBe(200);
  expect(one.headers["x-operator"]).toBe("alice");
});

it("lets the control interface move another tenant's ticket", async () => {
  const { app, id } = await aliceHasOne();
  const r = await call(app, {
    method: "POST",
    url: `${CONTROL}/${id}/status`,
    auth: basic(BOB),
    body: { status: "acknowledged", reason: "seen" },
  });
  expect(r.statusCode).toBe(200);
  expect((await call(app, { method: "GET", url: `${TICKETS}/${id}`, auth: basic(ALICE) })).json().status).toBe(
    "acknowledged",
  );
});
