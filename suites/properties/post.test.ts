// Property-based POST checks: bodies generated from the model (docs/rules.md §4).
import { describe, it } from "vitest";
import { invalidBodyArb, validBodyArb } from "../model/arbitraries.ts";
import type { Body } from "../model/samples.ts";
import { type Case, check } from "../report/case.ts";
import { countHeader, expectError, expectStatus, expectSubset, expectTicket } from "../report/checks.ts";
import { suiteFile } from "../support/context.ts";
import { holds } from "../support/property.ts";
import { idOf } from "../support/tickets.ts";

const { model } = suiteFile();
const operation = (t: string) => `POST /${model.resource} (${t})`;
/** String filter fields a POST may carry: one of them marks a generated body so its count can be read. */
const markers = model.filterFieldList
  .map((ff) => ff.field)
  .filter(
    (f) =>
      f.type === "string" &&
      !f.enumValues &&
      !f.format &&
      model.ticketTypes.every((t) => ["R", "O"].includes(f.cells[t]?.POST.rule ?? "P")),
  );

describe.concurrent("properties: POST", () => {
  for (const t of model.ticketTypes) {
    const accepted = `valid generated ${t} bodies are created and round-trip through GET`;
    it(
      accepted,
      check(
        {
          area: "Properties",
          operation: operation(t),
          rule: "a body meeting every rule is created and comes back",
          provenance: "TMF",
          source: "docs/rules.md §4; generated from the profile",
        },
        async (c: Case) => {
          await holds(c, accepted, validBodyArb(model, t, "POST"), async (body: Body) => {
            const ex = await c.call({ method: "POST", url: c.ctx.target.tickets, json: body }, { attach: false });
            expectStatus(c, ex, 201, "the generated body meets every rule of the profile");
            const created = expectTicket(c, ex, ex.response.json, { ticketType: t, status: model.lifecycle.initial });
            expectSubset(c, ex, body, created, "the POST response");
            const got = await c.call(
              { method: "GET", url: `${c.ctx.target.tickets}/${encodeURIComponent(idOf(c, created))}` },
              { attach: false },
            );
            expectStatus(c, got, 200, "a created ticket can be read");
            expectSubset(c, got, body, expectTicket(c, got, got.response.json), "a later GET");
          });
        },
      ),
    );

    const rejected = `generated ${t} bodies breaking one rule are rejected and create nothing`;
    it(
      rejected,
      check(
        {
          area: "Properties",
          operation: operation(t),
          rule: "a body breaking one rule is 400 and X-Total-Count does not move",
          provenance: "TMF",
          source: "docs/rules.md §4, §7",
        },
        async (c: Case, ctx) => {
          if (markers.length < 2)
            ctx.skip("the profile has fewer than two string filter fields to mark generated bodies with");
          let n = 0;
          await holds(c, rejected, invalidBodyArb(model, t, "POST"), async (m) => {
            const marker = markers.find((f) => f.name !== m.top)!;
            const mark = `${c.ctx.runId}-inv-${t}-${n++}`;
            const body = { ...m.body, [marker.name]: mark };
            const count = async () => {
              const ex = await c.call(
                {
                  method: "GET",
                  url: c.ctx.target.tickets,
                  query: [
                    [marker.name, mark],
                    [model.reserved.limit, "1"],
                  ],
                },
                { attach: false },
              );
              expectStatus(c, ex, 200, `listing filtered by ${marker.name}`);
              return countHeader(c, ex, "x-total-count");
            };
            const before = await count();
            c.must(
              before === 0,
              `precondition: no ticket can match the fresh ${marker.name} "${mark}", yet X-Total-Count is ${before} (is the ${marker.name} filter applied?)`,
            );
            const ex = await c.call({ method: "POST", url: c.ctx.target.tickets, json: body }, { attach: false });
            expectError(c, ex, 400, `${m.kind}: ${m.path}`);
            const after = await count();
            c.must(
              after === before,
              `a rejected POST (${m.kind}: ${m.path}) must create nothing: X-Total-Count for ${marker.name}=${mark} moved from ${before} to ${after}`,
            );
          });
        },
      ),
    );
  }
});
