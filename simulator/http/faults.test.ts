import { expect, it } from "vitest";
import { sampleTicket } from "../model/sample.ts";
import { FaultError, parseFaults } from "./faults.ts";
import { ALICE, basic, build, CONTROL, call, createTicket, model, TICKETS } from "./testing.ts";

const ctt = model.defaultTicketType;

it("rejects an unknown fault and lists the known ones", () => {
  expect(() => parseFaults(["be-nice"])).toThrow(FaultError);
  expect(() => parseFaults(["be-nice"])).toThrow(/accept-missing-required.*drop-header:<name>/);
  expect(() => parseFaults(["drop-event"])).toThrow(/needs an argument/);
});

it("accept-missing-required lets a POST without a required field through", async () => {
  const body = sampleTicket(model, ctt);
  delete body.name;
  const honest = await call(build(), { method: "POST", url: TICKETS, auth: basic(ALICE), body });
  const broken = await call(build({ faults: parseFaults(["accept-missing-required"]) }), {
    method: "POST",
    url: TICKETS,
    auth: basic(ALICE),
    body,
  });
  expect([honest.statusCode, broken.statusCode]).toEqual([400, 201]);
});

it("accept-prohibited lets a POST with a prohibited field through", async () => {
  const body = { ...sampleTicket(model, ctt), resolutionCode: "X" };
  const broken = await call(build({ faults: parseFaults(["accept-prohibited"]) }), {
    method: "POST",
    url: TICKETS,
    auth: basic(ALICE),
    body,
  });
  expect(broken.statusCode).toBe(201);
});

it("ignore-operator:gt answers a .gt filter as if it were absent", async () => {
  const app = build({ faults: parseFaults(["ignore-operator:gt"]) });
  await createTicket(app, ALICE);
  const r = await call(app, {
    method: "GET",
    url: `${TICKETS}?creationDate.gt=2999-01-01T00:00:00Z`,
    auth: basic(ALICE),
  });
  expect(r.statusCode).toBe(200);
  expect(r.json()).toHaveLength(1);
});

it("drop-event removes that event from what the simulator serves", () => {
  const app = build({ faults: parseFaults(["drop-event:TroubleTicketResolvedEvent"]) });
  expect(app.model.events.rules.map((r) => r.eventType)).not.toContain("TroubleTicketResolvedEvent");
  expect(model.events.rules.map((r) => r.eventType)).toContain("TroubleTicketResolvedEvent");
});

it("allow-transition:closed->inProgress lets an operator reopen a closed ticket", async () => {
  const app = build({ faults: parseFaults(["allow-transition:closed->inProgress"]) });
  const { id } = await createTicket(app, ALICE);
  for (const status of ["acknowledged", "inProgress", "resolved", "closed"]) {
    const r = await call(app, {
      method: "POST",
      url: `${CONTROL}/${String(id)}/status`,
      auth: basic(ALICE),
      body: { status, reason: "test" },
    });
    expect(r.statusCode).toBe(200);
  }
  const r = await call(app, {
    method: "PATCH",
    url: `${TICKETS}/${String(id)}`,
    auth: basic(ALICE),
    body: { status: "inProgress", statusChangeReason: "reopen" },
  });
  expect(r.statusCode).toBe(200);
});

it("drop-header:X-Total-Count leaves the count header out of lists", async () => {
  const app = build({ faults: parseFaults(["drop-header:X-Total-Count"]) });
  const r = await call(app, { method: "GET", url: TICKETS, auth: basic(ALICE) });
  expect(r.statusCode).toBe(200);
  expect(r.headers["x-total-count"]).toBeUndefined();
  expect(r.headers["x-result-count"]).toBe("0");
});
