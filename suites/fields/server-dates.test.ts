// The dates the server keeps on a ticket (docs/rules.md §4 "server sets", §5): a change of
// attributes, by the operator or by Nexera, moves lastUpdate; creationDate never
// moves; statusChangeDate moves only with the status. Field names come from the
// model's server kinds.
import { describe, it } from "vitest";
import { cellOf } from "../../simulator/model/model.ts";
import { driverOf } from "../driver/driver.ts";
import type { Exchange } from "../http/client.ts";
import { statusBody, tick } from "../lifecycle/walk.ts";
import { otherValue, providerScalar, sampleValue } from "../model/samples.ts";
import { type Case, check, type RuleRef } from "../report/case.ts";
import { expectStatus, expectTicket } from "../report/checks.ts";
import { suiteFile } from "../support/context.ts";
import { freshTicket, getTicket, idOf, patchTicket, type Ticket } from "../support/tickets.ts";

const { model } = suiteFile();
const lc = model.lifecycle;
const T = model.defaultTicketType;
const serverField = (kind: string) => model.root.fields.find((f) => f.server === kind);
const created = serverField("createdAt");
const updated = serverField("updatedAt");
const scalar = model.root.fields.find(
  (f) => f.type === "string" && !f.enumValues && !f.format && cellOf(f, T, "PATCH").rule === "O",
);
const cancel = lc.operator.find((t) => t.from === lc.initial);
const operation = `PATCH /${model.resource}/{id}`;
const rule = (r: string, provenance: string, source: string): RuleRef => ({
  area: "Field rules",
  operation,
  rule: r,
  provenance,
  source,
});
/** A PATCH body giving the scalar field a new value of its own. */
const rename = (c: Case) => ({
  [scalar!.name]: sampleValue(scalar!, {
    model,
    ticketType: T,
    op: "PATCH",
    tag: `${c.ctx.runId}-${Math.random().toString(36).slice(2, 7)}`,
  }),
});
const later = (a: unknown, b: unknown) =>
  typeof a === "string" && typeof b === "string" && Date.parse(a) > Date.parse(b);
const same = (a: unknown, b: unknown) =>
  typeof a === "string" && typeof b === "string" && Date.parse(a) === Date.parse(b);

/** A fresh ticket, then a PATCH of the scalar field: the ticket before, the PATCH answer and a later GET. */
async function renamed(
  c: Case,
): Promise<{ before: Ticket; patched: Exchange; answer: Ticket; after: Ticket; ex: Exchange }> {
  const before = await freshTicket(c, T);
  const id = idOf(c, before);
  await tick();
  const patched = await patchTicket(c, id, rename(c));
  expectStatus(c, patched, 200, `a PATCH of ${scalar!.name} meeting every rule is applied`);
  const answer = expectTicket(c, patched, patched.response.json);
  const got = await getTicket(c, id);
  return { before, patched, answer, after: got.ticket, ex: got.ex };
}

describe.concurrent("server-set dates", () => {
  if (updated && scalar) {
    it(
      `moves ${updated.name} on a PATCH that changes ${scalar.name}`,
      check(
        rule(
          `${updated.name} is the date of the last update: a PATCH that changes the ticket sets it`,
          "TMF",
          "docs/rules.md §4 (server sets it); TMF621: the date the ticket was last updated",
        ),
        async (c: Case) => {
          const { before, patched, answer, after, ex } = await renamed(c);
          c.must(
            later(answer[updated.name], before[updated.name]),
            `a PATCH that changes ${scalar.name} must set ${updated.name}: it must move past ${String(before[updated.name])} in the PATCH answer, is ${String(answer[updated.name])}`,
            patched,
          );
          c.must(
            same(after[updated.name], answer[updated.name]),
            `a later GET must show the ${updated.name} the PATCH answered (${String(answer[updated.name])}), shows ${String(after[updated.name])}`,
            ex,
          );
        },
      ),
    );
  }

  const nexera = providerScalar(model);
  if (updated && nexera) {
    it(
      `moves ${updated.name} when Nexera changes ${nexera.name}`,
      check(
        {
          ...rule(
            `${updated.name} is the date of the last update: a Nexera-side change sets it too`,
            "TMF",
            "docs/rules.md §4, §8; TMF621: the date the ticket was last updated",
          ),
          operation: "Nexera change (driver)",
        },
        async (c: Case, ctx) => {
          const driver = driverOf(c);
          if (driver.cannotSet) return ctx.skip(driver.cannotSet);
          const before = await freshTicket(c, T);
          const id = idOf(c, before);
          await tick();
          await driver.set(c, id, {
            [nexera.name]: otherValue(
              nexera,
              { model, ticketType: T, op: "PATCH", tag: c.ctx.runId },
              before[nexera.name],
            ),
          });
          const { ex, ticket } = await getTicket(c, id);
          c.must(
            later(ticket[updated.name], before[updated.name]),
            `a Nexera-side change of ${nexera.name} must set ${updated.name}: it must move past ${String(before[updated.name])}, is ${String(ticket[updated.name])}`,
            ex,
          );
        },
      ),
    );
  }

  if (created && scalar) {
    it(
      `keeps ${created.name} through a PATCH of ${scalar.name}${cancel && lc.reasonField ? ` and a status change` : ""}`,
      check(
        rule(
          `${created.name} is set once, at creation: no change moves it`,
          "TMF",
          "docs/rules.md §4 (P everywhere, server sets it); TMF621: the date the ticket was created",
        ),
        async (c: Case) => {
          const { before, patched, answer, after, ex } = await renamed(c);
          c.must(
            same(answer[created.name], before[created.name]),
            `${created.name} must stay ${String(before[created.name])} after a PATCH of ${scalar.name}; the PATCH answer has ${String(answer[created.name])}`,
            patched,
          );
          c.must(
            same(after[created.name], before[created.name]),
            `${created.name} must stay ${String(before[created.name])} after a PATCH of ${scalar.name}; a later GET shows ${String(after[created.name])}`,
            ex,
          );
          if (!cancel || !lc.reasonField) return;
          await tick();
          const moved = await patchTicket(c, idOf(c, before), statusBody(c, cancel.to));
          expectStatus(
            c,
            moved,
            200,
            `precondition: the operator transition ${cancel.from} -> ${cancel.to} is applied`,
          );
          const t = expectTicket(c, moved, moved.response.json, { status: cancel.to });
          c.must(
            same(t[created.name], before[created.name]),
            `${created.name} must stay ${String(before[created.name])} after the status change ${cancel.from} -> ${cancel.to}, is ${String(t[created.name])}`,
            moved,
          );
        },
      ),
    );
  }

  if (scalar) {
    it(
      `keeps ${lc.changeDateField} on a PATCH of ${scalar.name}, which changes no ${lc.field}`,
      check(
        rule(
          `${lc.changeDateField} moves with the ${lc.field} only`,
          "TMF",
          "docs/rules.md §5: every status change sets it; TMF621: the date of the last status change",
        ),
        async (c: Case) => {
          const { before, patched, answer, after, ex } = await renamed(c);
          c.must(
            answer[lc.field] === before[lc.field],
            `precondition: a PATCH of ${scalar.name} leaves ${lc.field} ${String(before[lc.field])}, is ${String(answer[lc.field])}`,
            patched,
          );
          c.must(
            same(answer[lc.changeDateField], before[lc.changeDateField]),
            `${lc.changeDateField} must stay ${String(before[lc.changeDateField])} when ${lc.field} does not change; the PATCH answer has ${String(answer[lc.changeDateField])}`,
            patched,
          );
          c.must(
            same(after[lc.changeDateField], before[lc.changeDateField]),
            `${lc.changeDateField} must stay ${String(before[lc.changeDateField])} when ${lc.field} does not change; a later GET shows ${String(after[lc.changeDateField])}`,
            ex,
          );
        },
      ),
    );
  }
});
