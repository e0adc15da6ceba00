// Changes made to a watched ticket, each returned as a Group: the events the model
// says it causes, and the ticket as GET shows it afterwards.
import type { Driver } from "../driver/driver.ts";
import { statusBody } from "../lifecycle/walk.ts";
import { changedBy, expectedEvents } from "../model/event-oracle.ts";
import type { Step } from "../model/lifecycle-paths.ts";
import type { Case } from "../report/case.ts";
import { expectStatus } from "../report/checks.ts";
import { getTicket, patchTicket } from "../support/tickets.ts";
import type { Group } from "./observe.ts";

export async function stepGroup(c: Case, id: string, step: Step, driver: Driver): Promise<Group> {
  if (step.by === "provider") await driver.move(c, id, step.from, step.to);
  else
    expectStatus(
      c,
      await patchTicket(c, id, statusBody(c, step.to)),
      200,
      `precondition: the operator transition ${step.from} -> ${step.to} is applied`,
    );
  const { ticket } = await getTicket(c, id);
  return {
    label: `${step.by === "provider" ? "Nexera" : "operator PATCH"} ${step.from} -> ${step.to}`,
    expected: expectedEvents(c.ctx.model, { statusChanges: [{ from: step.from, to: step.to }], changedFields: [] }),
    snapshot: ticket,
  };
}

/** A PATCH of attributes on a ticket in `status`; the onAppend rule may move it. */
export async function patchGroup(c: Case, id: string, status: string, body: Record<string, unknown>): Promise<Group> {
  const { model } = c.ctx;
  expectStatus(
    c,
    await patchTicket(c, id, body),
    200,
    `precondition: a PATCH of ${Object.keys(body).join(", ")} is applied`,
  );
  const { ticket } = await getTicket(c, id);
  const rule = model.lifecycle.onAppend.find(
    (a) => a.from.includes(status) && a.fields.some((f) => Object.hasOwn(body, f)),
  );
  return {
    label: `PATCH ${Object.keys(body).join(", ")}`,
    expected: expectedEvents(model, {
      statusChanges: rule ? [{ from: status, to: rule.to }] : [],
      changedFields: changedBy(model, body),
    }),
    snapshot: ticket,
  };
}

/** A Nexera-side change of attributes (the driver's set, docs/rules.md §6 "by either side"). */
export async function nexeraSetGroup(
  c: Case,
  id: string,
  driver: Driver,
  fields: Readonly<Record<string, unknown>>,
): Promise<Group> {
  await driver.set(c, id, fields);
  const { ticket } = await getTicket(c, id);
  return {
    label: `Nexera sets ${Object.keys(fields).join(", ")}`,
    expected: expectedEvents(c.ctx.model, { statusChanges: [], changedFields: Object.keys(fields) }),
    snapshot: ticket,
  };
}
