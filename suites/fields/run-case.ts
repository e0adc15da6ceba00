// Sends one generated field-rule case and judges the answer (docs/rules.md §4).
import type { FieldCase } from "../model/field-cases.ts";
import { sameJson } from "../model/subset.ts";
import type { Case } from "../report/case.ts";
import { expectError, expectStatus, expectSubset, expectTicket } from "../report/checks.ts";
import { freshTicket, getByHref, getTicket, idOf, patchTicket, type Ticket } from "../support/tickets.ts";
import { resolveHref } from "../target/target.ts";

export async function runFieldCase(c: Case, fc: FieldCase): Promise<void> {
  if (fc.op === "POST") return runPost(c, fc);
  return runPatch(c, fc);
}

async function runPost(c: Case, fc: FieldCase): Promise<void> {
  const { model, target } = c.ctx;
  const ex = await c.step(`POST a ${fc.ticketType} body`, () =>
    c.call({ method: "POST", url: target.tickets, json: fc.body }),
  );
  if (fc.expect.kind === "reject") return expectError(c, ex, 400, fc.rule.rule, fc.expect.naming);
  expectStatus(c, ex, 201, `${fc.rule.rule}: the body meets every rule, so it is created`);
  const t = expectTicket(c, ex, ex.response.json, { ticketType: fc.ticketType, status: model.lifecycle.initial });
  expectSubset(c, ex, fc.body, t, "the POST response");
  checkDefaults(c, fc, t);
  const id = idOf(c, t);
  // TMF630: 201 names the new resource in Location.
  const location = ex.response.headers.location;
  c.must(
    location !== undefined && resolveHref(target, location).endsWith(`/${encodeURIComponent(id)}`),
    `201 must carry a Location header naming the new ticket, got ${JSON.stringify(location)}`,
    ex,
  );
  // The href is the field the server sets as "href" (profiles without one skip this).
  const hrefName = model.serverFields.href;
  if (hrefName === undefined) return;
  const href = t[hrefName];
  c.must(typeof href === "string", `the ticket must carry its ${hrefName}`, ex);
  const got = await c.step(`GET the ticket by its ${hrefName}`, () => getByHref(c, href));
  c.must(idOf(c, got.ticket) === id, `the ${hrefName} must lead to the same ticket ${id}`, got.ex);
  expectSubset(c, got.ex, fc.body, got.ticket, "a later GET");
  checkDefaults(c, fc, got.ticket);
}

async function runPatch(c: Case, fc: FieldCase): Promise<void> {
  const before = await c.step(`create a fresh ${fc.ticketType} ticket`, () => freshTicket(c, fc.ticketType));
  const id = idOf(c, before);
  const ex = await c.step("PATCH it", () => patchTicket(c, id, fc.body));
  if (fc.expect.kind === "reject") {
    expectError(c, ex, 400, fc.rule.rule, fc.expect.naming);
    const after = await getTicket(c, id);
    c.must(
      sameJson(after.ticket, before),
      "a rejected PATCH must change nothing (a later GET must equal the ticket before it)",
      after.ex,
    );
    return;
  }
  expectStatus(c, ex, 200, `${fc.rule.rule}: the body meets every rule, so the PATCH is applied`);
  const t = expectTicket(c, ex, ex.response.json, { ticketType: fc.ticketType });
  expectSubset(c, ex, fc.body, t, "the PATCH response");
  const after = await c.step("GET the ticket", () => getTicket(c, id));
  expectSubset(c, after.ex, fc.body, after.ticket, "a later GET");
}

function checkDefaults(c: Case, fc: FieldCase, t: Ticket): void {
  if (fc.expect.kind !== "accept") return;
  for (const [k, v] of Object.entries(fc.expect.defaults)) {
    c.must(t[k] === v, `${k} was not sent, so it must default to ${JSON.stringify(v)}; got ${JSON.stringify(t[k])}`);
  }
}
