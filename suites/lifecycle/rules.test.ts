// Lifecycle rules beyond single transitions (docs/rules.md §4, §5): final states are
// immutable, pending + a note moves to inProgress, appended items keep history.
import { describe, it } from "vitest";
import { cellOf } from "../../simulator/model/model.ts";
import { sampleValue } from "../model/samples.ts";
import { sameJson } from "../model/subset.ts";
import { type Case, check } from "../report/case.ts";
import { expectStatus, expectSubset, expectTicket } from "../report/checks.ts";
import { suiteFile } from "../support/context.ts";
import { freshTicket, getTicket, idOf, patchTicket } from "../support/tickets.ts";
import { expectMoved, expectRefused, route, tick, tickAndPatch, walk } from "./walk.ts";

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
});
