// The simulator's limits over HTTP (docs/rules.md §8): past a cap on what a client adds,
// a 409 TMF Error naming the cap and its setting, and nothing stored; past a cap on a
// history, the oldest dropped and counted in X-Records-Dropped.
import { expect, it } from "vitest";
import { DROPPED_HEADER } from "../core/bounded-log.ts";
import { LIMIT_FLAGS } from "../core/limits.ts";
import { SUBSCRIPTION_LIMIT_FLAG } from "../events/subscriptions.ts";
import { start, startListener, waitFor } from "../listener/testing.ts";
import { sampleTicket } from "../model/sample.ts";
import { buildSimulator } from "./app.ts";
import { createAuthenticator, MAX_TOKENS_PER_OPERATOR } from "./auth.ts";
import {
  ALICE,
  BASE,
  BOB,
  basic,
  build,
  call,
  createTicket,
  expectErrorShape,
  model,
  storedCount,
  TICKETS,
} from "./testing.ts";

const HUB = `${BASE}/${model.hubPath}`;
const appendable = model.lifecycle.onAppend[0]?.fields[0] ?? "note";

it("answers a create past the tickets-per-operator limit with a 409 Error naming it, and stores nothing", async () => {
  const app = build({ limits: { perOperator: 2 } });
  await createTicket(app, ALICE);
  await createTicket(app, ALICE);
  const r = await call(app, {
    method: "POST",
    url: TICKETS,
    auth: basic(ALICE),
    body: sampleTicket(model, "Complaint"),
  });
  const body = expectErrorShape(r, 409);
  expect(body.code).toBe("TICKET_LIMIT_REACHED");
  expect(body.message).toContain(`already has 2 tickets, the simulator's limit (${LIMIT_FLAGS.perOperator} 2)`);
  expect(await storedCount(app)).toBe(2);
  // Bob's room is his own.
  await createTicket(app, BOB);
  expect(await storedCount(app)).toBe(3);
});

it("answers a PATCH that would grow a ticket past the size limit with a 409 Error, and keeps the ticket", async () => {
  const app = build({ limits: { ticketBytes: 3000 } });
  const t = await createTicket(app, ALICE);
  const url = `${TICKETS}/${String(t.id)}`;
  const big = { [appendable]: [{ text: "x".repeat(3000) }] };
  const r = await call(app, { method: "PATCH", url, auth: basic(ALICE), body: big });
  expect(expectErrorShape(r, 409).code).toBe("TICKET_TOO_LARGE");
  expect(String(expectErrorShape(r, 409).message)).toContain(LIMIT_FLAGS.ticketBytes);
  const after = await call(app, { method: "GET", url, auth: basic(ALICE) });
  expect(after.json()).toEqual(t);
});

it("answers a hub subscription past the per-operator limit with a 409 Error, and registers nothing", async () => {
  const app = build({ events: { maxSubscriptionsPerOperator: 1 } });
  const sub = (auth: string, callback: string) => call(app, { method: "POST", url: HUB, auth, body: { callback } });
  expect((await sub(basic(ALICE), "http://127.0.0.1:9/a")).statusCode).toBe(201);
  const r = await sub(basic(ALICE), "http://127.0.0.1:9/b");
  const body = expectErrorShape(r, 409);
  expect(body.code).toBe("SUBSCRIPTION_LIMIT_REACHED");
  expect(body.message).toContain(
    `already has 1 hub subscriptions, the simulator's limit (${SUBSCRIPTION_LIMIT_FLAG} 1)`,
  );
  // A bad body is still 400 at the limit; another operator still subscribes.
  expectErrorShape(await sub(basic(ALICE), "not a url"), 400);
  expect((await sub(basic(BOB), "http://127.0.0.1:9/c")).statusCode).toBe(201);
  const listed = await call(app, { method: "GET", url: `/__control/${model.hubPath}`, auth: basic(ALICE) });
  expect((listed.json() as Array<{ callback: string }>).map((s) => s.callback)).toEqual([
    "http://127.0.0.1:9/a",
    "http://127.0.0.1:9/c",
  ]);
  await app.close();
});

it("keeps the newest delivery attempts, counts the dropped in X-Records-Dropped, and zeroes the count on reset", async () => {
  const listener = await startListener(model);
  const sim = await start(buildSimulator({ model, operators: [ALICE], events: { maxRecords: 2 } }));
  const auth = basic(ALICE);
  const send = (method: string, path: string, body?: unknown) =>
    fetch(`${sim.url}${path}`, {
      method,
      headers: { authorization: auth, ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  expect((await send("POST", HUB, { callback: listener.url })).status).toBe(201);
  const t = (await (await send("POST", TICKETS, sampleTicket(model, model.defaultTicketType))).json()) as {
    id: string;
  };
  for (let i = 0; i < 4; i++) await send("PATCH", `${TICKETS}/${t.id}`, { name: `rename ${i}` });
  const res = await waitFor("4 delivered attempts", async () => {
    const r = await send("GET", "/__control/deliveries");
    return Number(r.headers.get(DROPPED_HEADER)) === 2 ? r : undefined;
  });
  expect(((await res.json()) as unknown[]).length).toBe(2);
  expect((await send("POST", "/__control/reset")).status).toBe(204);
  expect((await send("GET", "/__control/deliveries")).headers.get(DROPPED_HEADER)).toBe("0");
});

it("revokes an operator's oldest live token when it asks for one more than the limit, and no other's", () => {
  const auth = createAuthenticator({ operators: [ALICE, BOB], mode: "bearer", tokenTtlSeconds: 3600 });
  const bobs = auth.issueToken(BOB.user).access_token;
  const alices = Array.from({ length: MAX_TOKENS_PER_OPERATOR + 1 }, () => auth.issueToken(ALICE.user).access_token);
  expect(() => auth.authenticate(`Bearer ${alices[0]}`)).toThrow(/unknown access token/);
  expect(auth.authenticate(`Bearer ${alices[1]}`)).toBe(ALICE.user);
  expect(auth.authenticate(`Bearer ${alices.at(-1)}`)).toBe(ALICE.user);
  expect(auth.authenticate(`Bearer ${bobs}`)).toBe(BOB.user);
});
