// What a status change clears (lifecycle.onLeave, docs/rules.md §5): leaving a state for
// another removes the fields the profile names (Nexera: a reopened resolution), in the
// answer and in a later GET, and a later move to a final state does not bring them back.
import { describe, it } from "vitest";
import { canMove } from "../../simulator/model/model.ts";
import type { Exchange } from "../http/client.ts";
import { type Case, check } from "../report/case.ts";
import { expectStatus } from "../report/checks.ts";
import { suiteFile } from "../support/context.ts";
import { getTicket, patchTicket, type Ticket } from "../support/tickets.ts";
import { route, statusBody, tick, walk } from "./walk.ts";

const { model } = suiteFile();
const lc = model.lifecycle;

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

describe.concurrent("lifecycle: fields cleared on leaving a state", () => {
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
