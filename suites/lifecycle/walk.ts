// Bringing a fresh ticket to a state of the lifecycle (docs/rules.md §5), and the checks
// every status change shares: the status, statusChangeDate and lastUpdate move.
import { type Driver, driverOf } from "../driver/driver.ts";
import type { Exchange } from "../http/client.ts";
import { pathTo, type Step } from "../model/lifecycle-paths.ts";
import { sameJson } from "../model/subset.ts";
import type { Case } from "../report/case.ts";
import { expectError, expectStatus, expectTicket } from "../report/checks.ts";
import { freshTicket, getTicket, idOf, patchTicket, sleep, type Ticket } from "../support/tickets.ts";

export interface Walked {
  readonly id: string;
  readonly ticket: Ticket;
}

/** The path to a state, or why this target cannot get there (the test is then skipped). */
export function route(c: Case, state: string): { steps: Step[]; driver: Driver } | { skip: string } {
  const driver = driverOf(c);
  const canDrive = driver.unavailable === undefined;
  const steps = pathTo(c.ctx.model, state, { provider: canDrive, operator: true });
  if (steps) return { steps, driver };
  return {
    skip: canDrive
      ? `the profile has no path to ${state}`
      : `reaching ${state} needs Nexera-side transitions; ${driver.unavailable}`,
  };
}

/** An operator status change as the profile wants it sent (with its reason, docs/rules.md §4). */
export function statusBody(c: Case, to: string, reason = `certify -> ${to}`): Record<string, string> {
  const lc = c.ctx.model.lifecycle;
  return { [lc.field]: to, ...(lc.reasonField ? { [lc.reasonField]: reason } : {}) };
}

/** A fresh ticket walked along `steps`; every step must land. */
export function walk(c: Case, ticketType: string, steps: readonly Step[], driver: Driver): Promise<Walked> {
  const to = steps.at(-1)?.to ?? c.ctx.model.lifecycle.initial;
  return c.step(`bring a fresh ${ticketType} ticket to ${to}`, () => walkSteps(c, ticketType, steps, driver));
}

async function walkSteps(c: Case, ticketType: string, steps: readonly Step[], driver: Driver): Promise<Walked> {
  const lc = c.ctx.model.lifecycle;
  const id = idOf(c, await freshTicket(c, ticketType));
  for (const s of steps) {
    if (s.by === "provider") await driver.move(c, id, s.from, s.to);
    else
      expectStatus(
        c,
        await patchTicket(c, id, statusBody(c, s.to)),
        200,
        `precondition: the operator transition ${s.from} -> ${s.to} is applied`,
      );
  }
  const { ex, ticket } = await getTicket(c, id);
  const at = steps.at(-1)?.to ?? lc.initial;
  c.must(
    ticket[lc.field] === at,
    `precondition: after ${steps.map((s) => `${s.by === "provider" ? "Nexera" : "operator"} -> ${s.to}`).join(", ") || "creation"} the ticket must be ${at}, is ${JSON.stringify(ticket[lc.field])}`,
    ex,
  );
  return { id, ticket };
}

/** Milliseconds pass, so a date set by the next change is observably later (ms precision). */
export const tick = () => sleep(3);

const later = (a: unknown, b: unknown) =>
  typeof a === "string" && typeof b === "string" && Date.parse(a) > Date.parse(b);

/** A status change landed: status, statusChangeDate and lastUpdate moved (docs/rules.md §5). */
export function expectMoved(c: Case, ex: Exchange, before: Ticket, after: unknown, to: string): Ticket {
  const lc = c.ctx.model.lifecycle;
  const t = expectTicket(c, ex, after, { status: to });
  const date = lc.changeDateField;
  const updated = c.ctx.model.serverFields.updatedAt;
  c.must(
    later(t[date], before[date]),
    `every status change sets ${date}: it must move past ${String(before[date])}, is ${String(t[date])}`,
    ex,
  );
  if (updated)
    c.must(
      later(t[updated], before[updated]),
      `every status change sets ${updated}: it must move past ${String(before[updated])}, is ${String(t[updated])}`,
      ex,
    );
  return t;
}

/** A refused change: 409 with the Error, and a later GET shows the ticket unchanged. */
export async function expectRefused(
  c: Case,
  ex: Exchange,
  id: string,
  before: Ticket,
  why: string,
  naming: readonly string[],
): Promise<void> {
  expectError(c, ex, 409, why, naming);
  const { ex: got, ticket } = await getTicket(c, id);
  c.must(sameJson(ticket, before), `a refused PATCH must change nothing (${why})`, got);
}

export async function tickAndPatch(c: Case, id: string, body: unknown): Promise<Exchange> {
  await tick();
  return patchTicket(c, id, body);
}
