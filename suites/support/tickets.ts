// Ticket calls shared by the suites. Set-up calls that fail are stated as the
// precondition they broke, so a failure is never blamed on the wrong rule.
import type { Exchange } from "../http/client.ts";
import { type Body, minimalBody } from "../model/samples.ts";
import type { Case } from "../report/case.ts";
import { expectStatus, expectTicket } from "../report/checks.ts";
import { resolveHref } from "../target/target.ts";

export type Ticket = Record<string, unknown>;

export function ticketUrl(c: Case, id: string): string {
  return `${c.ctx.target.tickets}/${encodeURIComponent(id)}`;
}

export function idOf(c: Case, t: Ticket): string {
  const f = c.ctx.model.idField;
  const id = t[f];
  if (typeof id !== "string") c.fail(`the ticket must carry its ${f}`);
  return id;
}

/** POSTs a body the profile says is valid; anything but 201 breaks the precondition. */
export async function createTicket(c: Case, body: Body, as: "first" | "second" = "first"): Promise<Ticket> {
  const ex = await c.call({ method: "POST", url: c.ctx.target.tickets, json: body }, { as });
  expectStatus(c, ex, 201, "precondition: a ticket meeting every rule of the profile is created");
  return expectTicket(c, ex, ex.response.json);
}

/** A fresh ticket of a type, in the initial state (minimal valid body, tagged). */
export async function freshTicket(
  c: Case,
  ticketType: string,
  extra: Body = {},
  as: "first" | "second" = "first",
): Promise<Ticket> {
  const body = {
    ...minimalBody({
      model: c.ctx.model,
      ticketType,
      op: "POST",
      tag: `${c.ctx.runId}-${Math.random().toString(36).slice(2, 8)}`,
    }),
    ...extra,
  };
  return createTicket(c, body, as);
}

export async function getTicket(
  c: Case,
  id: string,
  as: "first" | "second" = "first",
): Promise<{ ex: Exchange; ticket: Ticket }> {
  const ex = await c.call({ method: "GET", url: ticketUrl(c, id) }, { as });
  expectStatus(c, ex, 200, "GET /{id} of an existing ticket answers 200");
  return { ex, ticket: expectTicket(c, ex, ex.response.json) };
}

export async function getByHref(c: Case, href: string): Promise<{ ex: Exchange; ticket: Ticket }> {
  const ex = await c.call({ method: "GET", url: resolveHref(c.ctx.target, href) });
  expectStatus(c, ex, 200, "the href of a ticket resolves (against the target's origin when it is a path)");
  return { ex, ticket: expectTicket(c, ex, ex.response.json) };
}

export function patchTicket(c: Case, id: string, body: unknown, headers?: Record<string, string>): Promise<Exchange> {
  return c.call({ method: "PATCH", url: ticketUrl(c, id), json: body, ...(headers ? { headers } : {}) });
}

/** Resolves after `ms`: used to make date changes observable at millisecond precision. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
