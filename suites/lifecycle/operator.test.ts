// Every operator PATCH of status from every state (docs/rules.md §5): the operator
// transitions are applied, every other one is 409 and changes nothing.
import { describe, it } from "vitest";
import { canMove } from "../../simulator/model/model.ts";
import { type Case, check } from "../report/case.ts";
import { expectStatus } from "../report/checks.ts";
import { suiteFile } from "../support/context.ts";
import { expectMoved, expectRefused, route, statusBody, tickAndPatch, walk } from "./walk.ts";

const { model } = suiteFile();
const lc = model.lifecycle;

describe.concurrent("lifecycle: operator PATCH of status", () => {
  lc.states.forEach((from, i) => {
    for (const to of lc.states) {
      // Same state: not a transition; the rules do not say what it is.
      if (to === from) continue;
      const legal = canMove(lc.operator, from, to);
      const t = lc.operator.find((x) => x.from === from && x.to === to);
      const final = lc.final.has(from);
      const ticketType = model.ticketTypes[i % model.ticketTypes.length]!;
      const title = legal
        ? `applies the operator transition ${from} -> ${to}`
        : final
          ? `refuses ${from} -> ${to}: ${from} is final`
          : `refuses ${from} -> ${to}, which is no operator transition`;
      it(
        title,
        check(
          {
            area: "Lifecycle",
            operation: `PATCH /${model.resource}/{id} ${lc.field}`,
            rule: legal
              ? `operator transition ${from} -> ${to}`
              : final
                ? `${from} is final: any PATCH that changes it is 409`
                : `${from} -> ${to} is not an operator transition: 409 naming both states`,
            provenance: t?.provenance ?? (final ? model.file.lifecycle.final.provenance : "chosen"),
            source: t?.source ?? "docs/rules.md §5",
          },
          async (c: Case, ctx) => {
            const r = route(c, from);
            if ("skip" in r) return ctx.skip(r.skip);
            const { id, ticket } = await walk(c, ticketType, r.steps, r.driver);
            const ex = await tickAndPatch(c, id, statusBody(c, to));
            if (!legal) return expectRefused(c, ex, id, ticket, c.rule.rule, final ? [from] : [from, to]);
            expectStatus(c, ex, 200, c.rule.rule);
            const moved = expectMoved(c, ex, ticket, ex.response.json, to);
            if (lc.reasonField)
              c.must(
                moved[lc.reasonField] === statusBody(c, to)[lc.reasonField],
                `${lc.reasonField} must be the reason sent`,
                ex,
              );
          },
        ),
      );
    }
  });
});
