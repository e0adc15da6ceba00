// Autoplay (docs/rules.md §8): Nexera's side walks each new ticket along lifecycle.autoplay,
// one step at a time, waiting where Nexera may not move it.
import { join } from "node:path";
import { expect, it, vi } from "vitest";
import { FIXTURES, loadProfile } from "../model/load.ts";
import { canMove } from "../model/model.ts";
import { sampleTicket } from "../model/sample.ts";
import { buildSimulator } from "./app.ts";
import { ALICE, basic, build, call, createTicket, model, TICKETS } from "./testing.ts";

const auth = basic(ALICE);
const lc = model.lifecycle;
const walk = lc.autoplay;
// Nexera's walk waits in the state whose next listed step is not Nexera's to take (pending).
const waitIndex = walk.findIndex((to, i) => i > 0 && !canMove(lc.provider, walk[i - 1]!, to));
const waiting = walk[waitIndex - 1]!;
const last = walk.at(-1)!;
const append = lc.onAppend.find((r) => r.from.includes(waiting))!;

const statusOf = async (app: ReturnType<typeof build>, id: string) =>
  String((await call(app, { method: "GET", url: `${TICKETS}/${id}`, auth })).json()[lc.field]);
const patch = (app: ReturnType<typeof build>, id: string, body: unknown) =>
  call(app, { method: "PATCH", url: `${TICKETS}/${id}`, auth, body });
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

it("has a walk that waits for the operator, with an append rule that moves it on", () => {
  expect(waitIndex).toBeGreaterThan(0);
  expect(append.fields.length).toBeGreaterThan(0);
});

it("walks a new ticket to the state where the operator must act, and waits there", async () => {
  const app = build({ autoplay: { stepMs: 5 } });
  const id = String((await createTicket(app, ALICE)).id);
  await vi.waitFor(async () => expect(await statusOf(app, id)).toBe(waiting));
  await settle(60);
  expect(await statusOf(app, id)).toBe(waiting);
  await app.close();
});

it("goes on to the last state once the operator supplies what was asked", async () => {
  const app = build({ autoplay: { stepMs: 5 } });
  const id = String((await createTicket(app, ALICE)).id);
  await vi.waitFor(async () => expect(await statusOf(app, id)).toBe(waiting));
  const r = await patch(app, id, { note: [{ text: "serial SN-1" }] });
  expect(r.json()[lc.field]).toBe(append.to);
  await vi.waitFor(async () => expect(await statusOf(app, id)).toBe(last));
  await app.close();
});

it("moves a ticket the operator reopens after the walk back to the last state", async () => {
  const app = build({ autoplay: { stepMs: 5 } });
  const id = String((await createTicket(app, ALICE)).id);
  await vi.waitFor(async () => expect(await statusOf(app, id)).toBe(waiting));
  await patch(app, id, { note: [{ text: "serial SN-1" }] });
  await vi.waitFor(async () => expect(await statusOf(app, id)).toBe(last));
  const reopen = lc.operator.find((t) => t.from === last && !lc.final.has(t.to))!;
  const r = await patch(app, id, { [lc.field]: reopen.to, [lc.reasonField!]: "not fixed" });
  expect(r.statusCode, r.body).toBe(200);
  await vi.waitFor(async () => expect(await statusOf(app, id)).toBe(last));
  await app.close();
});

it("ends the walk quietly when the operator cancels the ticket", async () => {
  const errors: unknown[] = [];
  const app = build({ autoplay: { stepMs: 20 } });
  app.log.error = (...args: unknown[]) => void errors.push(args);
  const id = String((await createTicket(app, ALICE)).id);
  const cancel = lc.operator.find((t) => t.from === lc.initial && lc.final.has(t.to))!;
  const r = await patch(app, id, { [lc.field]: cancel.to, [lc.reasonField!]: "solved it myself" });
  expect(r.statusCode).toBe(200);
  await settle(100);
  expect(await statusOf(app, id)).toBe(cancel.to);
  expect(errors).toEqual([]);
  await app.close();
});

it("waits rather than fails when the operator moved the ticket between two steps", async () => {
  const errors: unknown[] = [];
  const app = build({ autoplay: { stepMs: 5 } });
  app.log.error = (...args: unknown[]) => void errors.push(args);
  const id = String((await createTicket(app, ALICE)).id);
  await vi.waitFor(async () => expect(await statusOf(app, id)).toBe(waiting));
  // Two appends in a row: the second finds the ticket already moved on, which changes nothing for the walk.
  await patch(app, id, { note: [{ text: "one" }] });
  await patch(app, id, { note: [{ text: "two" }] });
  await vi.waitFor(async () => expect(await statusOf(app, id)).toBe(last));
  expect(errors).toEqual([]);
  await app.close();
});

it("clears autoplay timers when the app closes", async () => {
  const app = build({ autoplay: { stepMs: 30 } });
  const t = await createTicket(app, ALICE);
  await app.close();
  await settle(120);
  expect(app.tickets.get(undefined, String(t.id)).status).toBe(lc.initial);
});

it.each(["renamed.json", "tmf621-v4.json"])(
  "walks a ticket of the variant profile %s to its last listed state",
  async (file) => {
    const variant = loadProfile(join(FIXTURES, "profile/variants", file));
    const op = { user: "op", password: "op-secret" };
    const app = buildSimulator({ model: variant, operators: [op], autoplay: { stepMs: 5 } });
    const created = app.tickets.create(op.user, sampleTicket(variant, variant.defaultTicketType)).ticket;
    const id = String(created[variant.idField]);
    const field = variant.lifecycle.field;
    await vi.waitFor(() => expect(app.tickets.get(undefined, id)[field]).toBe(variant.lifecycle.autoplay.at(-1)));
    await app.close();
  },
);
