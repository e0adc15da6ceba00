// Lifecycle rules beyond single transitions (docs/rules.md §4, §5): final states are
// immutable, pending + a note moves to inProgress, appended items keep history, and
// leaving a state clears what lifecycle.onLeave names (a reopened resolution).
import { describe, it } from "vitest";
import { canMove, cellOf } from "../../simulator/model/model.ts";
import type { Exchange } from "../http/client.ts";
import { sampleValue } from "../model/samples.ts";
import { sameJson } from "../model/subset.ts";
import { type Case, check } from "../report/case.ts";
import { expectStatus, expectSubset, expectTicket } from "../report/checks.ts";
import { suiteFile } from "../support/context.ts";
import { freshTicket, getTicket, idOf, patchTicket, type Ticket } from "../support/tickets.ts";
import { expectMoved, expectRefused, route, statusBody, tick, tickAndPatch, walk } from "./walk.ts";

const { model } = suiteFile();
const lc = model.lifecycle;
const T = model.defaultTicketType;
const patchO = (name: string) => cellOf(model.root.byName.get(name)!, T, "PATCH").rule === "O";
/** A PATCH body setting one field to a valid sample value (its own tag). */
const body = (c: Case, field: string) => ({
  [field]: sampleValue(model.root.byName.get(field)!, {
    model,
    ticketType: T,
    op: "PATCH",
    tag: `${c.ctx.runId}-${Math.random().toString(36).slice(2, 7)}`,
  }),
});
const appended = model.root.fields.filter((f) => f.onPatch === "append" && patchO(f.name)).map((f) => f.name);
const scalar = model.root.fields.find((f) => f.type === "string" && !f.enumValues && patchO(f.name))?.name;
const rule = (r: string, provenance: string, source = "docs/rules.md §5") => ({
  area: "Lifecycle",
  operation: `PATCH /${model.resource}/{id}`,
  rule: r,
  provenance,
  source,
});

/** The moves an onLeave rule covers that the lifecycle allows, with the side that makes them. */
const moves = lc.onLeave.flatMap((rule) =>
  rule.from.flatMap((from) =>
    rule.to.flatMap((to) => {
      const by = canMove(lc.operator, from, to) ? "operator" : canMove(lc.provider, from, to) ? "provider" : undefined;
      return by ? [{ rule, from, to, by }] : [];
    }),
  ),
);

/** The fields of `clear` still on the ticket. */
const kept = (t: Ticket, clear: readonly string[]) => clear.filter((f) => t[f] !== undefined);

describe.concurrent("lifecycle rules", () => {
  for (const f of lc.final) {
    for (const field of [scalar, ...appended].filter((x): x is string => x !== undefined)) {
      it(
        `refuses a PATCH of ${field} on a ${f} ticket`,
        check(
          rule(`${f} is final: any PATCH that changes it is 409`, model.file.lifecycle.final.provenance),
          async (c: Case, ctx) => {
            const r = route(c, f);
            if ("skip" in r) return ctx.skip(r.skip);
            const { id, ticket } = await walk(c, T, r.steps, r.driver);
            await expectRefused(c, await tickAndPatch(c, id, body(c, field)), id, ticket, c.rule.rule, [f]);
          },
        ),
      );
    }
  }

  for (const a of lc.onAppend) {
    for (const from of a.from) {
      for (const field of a.fields) {
        it(
          `moves a ${from} ticket to ${a.to} when a PATCH adds a ${field}`,
          check(
            rule(`${from} + ${field} added -> ${a.to}`, a.provenance, a.source ?? "docs/rules.md §5"),
            async (c: Case, ctx) => {
              const r = route(c, from);
              if ("skip" in r) return ctx.skip(r.skip);
              const { id, ticket } = await walk(c, T, r.steps, r.driver);
              const sent = body(c, field);
              const ex = await tickAndPatch(c, id, sent);
              expectStatus(c, ex, 200, c.rule.rule);
              expectMoved(c, ex, ticket, ex.response.json, a.to);
              expectSubset(c, ex, sent, ex.response.json, "the PATCH response");
            },
          ),
        );
      }
    }
  }

  const moving = new Set(lc.onAppend.flatMap((a) => a.from));
  for (const s of lc.states.filter((x) => !lc.final.has(x) && !moving.has(x))) {
    const field = appended[0];
    if (!field) break;
    it(
      `leaves a ${s} ticket ${s} when a PATCH adds a ${field}`,
      check(
        rule(`adding a ${field} moves only ${[...moving].join(", ") || "no"} tickets`, "chosen"),
        async (c: Case, ctx) => {
          const r = route(c, s);
          if ("skip" in r) return ctx.skip(r.skip);
          const { id } = await walk(c, T, r.steps, r.driver);
          const ex = await tickAndPatch(c, id, body(c, field));
          expectStatus(c, ex, 200, `adding a ${field} to a ${s} ticket is allowed`);
          expectTicket(c, ex, ex.response.json, { status: s });
        },
      ),
    );
  }

  for (const field of appended) {
    it(
      `appends ${field} items on PATCH and keeps the earlier ones`,
      check(
        rule(
          `${field} items in a PATCH are appended (history is never rewritten)`,
          "chosen",
          "docs/rules.md §4 PATCH semantics",
        ),
        async (c: Case) => {
          const id = idOf(c, await freshTicket(c, T));
          const first = body(c, field);
          const second = body(c, field);
          const once = await patchTicket(c, id, first);
          expectStatus(c, once, 200, `a PATCH adding ${field}`);
          // The items as the server stored them (with what it stamped: ids, dates).
          const earlier = (once.response.json as Record<string, unknown> | undefined)?.[field];
          await tick();
          expectStatus(c, await patchTicket(c, id, second), 200, `a second PATCH adding ${field}`);
          const got = await getTicket(c, id);
          const items = got.ticket[field];
          c.must(
            Array.isArray(items) && items.length === 2,
            `two PATCHes each adding one ${field} must leave two items, got ${JSON.stringify(items)}`,
            got.ex,
          );
          expectSubset(
            c,
            got.ex,
            { [field]: [...(first[field] as unknown[]), ...(second[field] as unknown[])] },
            got.ticket,
            "a later GET",
          );
          for (const item of Array.isArray(earlier) ? earlier : []) {
            c.must(
              items.some((x) => sameJson(x, item)),
              `the ${field} item the first PATCH answered must come back unchanged after a second PATCH (history is never rewritten): ${JSON.stringify(item)} is not among ${JSON.stringify(items)}`,
              got.ex,
            );
          }
        },
      ),
    );
  }
  for (const { rule, from, to, by } of moves) {
    for (const ticketType of model.ticketTypes) {
      const fields = rule.clear.join(", ");
      // A final state the operator can reach afterwards: the cleared fields must stay cleared there.
      const final = lc.operator.find((t) => t.from === to && lc.final.has(t.to))?.to;
      it(
        `clears ${fields} when a ${ticketType} moves ${from} -> ${to}${final ? `, and keeps them cleared in ${final}` : ""}`,
        check(
          {
            area: "Lifecycle",
            operation: by === "operator" ? `PATCH /${model.resource}/{id}` : "Nexera transition (driver)",
            rule: `leaving ${from} for ${to} clears ${fields}`,
            provenance: rule.provenance,
            source: rule.source ?? "docs/rules.md §5",
          },
          async (c: Case, ctx) => {
            const r = route(c, from);
            if ("skip" in r) return ctx.skip(r.skip);
            if (by === "provider" && r.driver.unavailable) return ctx.skip(r.driver.unavailable);
            const { id, ticket } = await walk(c, ticketType, r.steps, r.driver);
            // The fields entering `from` set must be there to be cleared (their own rule is checked elsewhere).
            const set = (lc.onEnter[from] ?? [])
              .filter((s) => rule.clear.includes(s.field) && (!s.ticketTypes || s.ticketTypes.includes(ticketType)))
              .map((s) => s.field);
            const missing = set.filter((f) => ticket[f] === undefined);
            c.must(missing.length === 0, `precondition: a ${from} ticket carries ${missing.join(", ")}`);
            await tick();
            if (by === "operator") {
              const ex = await patchTicket(c, id, statusBody(c, to));
              expectStatus(c, ex, 200, `the operator transition ${from} -> ${to} is allowed`);
              expectCleared(c, ex, ex.response.json as Ticket, rule.clear, `the PATCH answer after ${from} -> ${to}`);
            } else await r.driver.move(c, id, from, to);
            const got = await getTicket(c, id);
            expectCleared(c, got.ex, got.ticket, rule.clear, `a later GET after ${from} -> ${to}`);
            if (!final) return;
            const ex = await patchTicket(c, id, statusBody(c, final));
            expectStatus(c, ex, 200, `precondition: the operator transition ${to} -> ${final} is applied`);
            const after = await getTicket(c, id);
            expectCleared(c, after.ex, after.ticket, rule.clear, `a GET after the further move ${to} -> ${final}`);
          },
        ),
      );
    }
  }
});

function expectCleared(c: Case, ex: Exchange, t: Ticket, clear: readonly string[], where: string): void {
  const left = kept(t, clear);
  c.must(
    left.length === 0,
    `${where}, ${left.map((f) => `${f} (${JSON.stringify(t[f])})`).join(", ")} must be gone: leaving the state clears ${clear.join(", ")}`,
    ex,
  );
}
