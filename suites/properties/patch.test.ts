// Property-based PATCH checks on fresh tickets: bodies generated from the model (docs/rules.md §4).
import { describe, it } from "vitest";
import { invalidBodyArb, validBodyArb } from "../model/arbitraries.ts";
import type { Body } from "../model/samples.ts";
import { sameJson } from "../model/subset.ts";
import { type Case, check } from "../report/case.ts";
import { expectError, expectStatus, expectSubset, expectTicket } from "../report/checks.ts";
import { suiteFile } from "../support/context.ts";
import { holds } from "../support/property.ts";
import { freshTicket, idOf, ticketUrl } from "../support/tickets.ts";

const { model } = suiteFile();
const operation = (t: string) => `PATCH /${model.resource}/{id} (${t})`;

describe.concurrent("properties: PATCH", () => {
  for (const t of model.ticketTypes) {
    const applied = `valid generated ${t} PATCH bodies are applied and round-trip through GET`;
    it(
      applied,
      check(
        {
          area: "Properties",
          operation: operation(t),
          rule: "a PATCH meeting every rule is applied and comes back",
          provenance: "chosen",
          source: "docs/rules.md §4 PATCH semantics; generated from the profile",
        },
        async (c: Case) => {
          await holds(c, applied, validBodyArb(model, t, "PATCH"), async (body: Body) => {
            const id = idOf(c, await freshTicket(c, t));
            const ex = await c.call({ method: "PATCH", url: ticketUrl(c, id), json: body }, { attach: false });
            expectStatus(c, ex, 200, "the generated PATCH meets every rule of the profile");
            expectSubset(c, ex, body, expectTicket(c, ex, ex.response.json, { ticketType: t }), "the PATCH response");
            const got = await c.call({ method: "GET", url: ticketUrl(c, id) }, { attach: false });
            expectSubset(c, got, body, expectTicket(c, got, got.response.json), "a later GET");
          });
        },
      ),
    );

    const rejected = `generated ${t} PATCH bodies breaking one rule are rejected and change nothing`;
    it(
      rejected,
      check(
        {
          area: "Properties",
          operation: operation(t),
          rule: "a PATCH breaking one rule is 400 and the ticket is unchanged",
          provenance: "TMF",
          source: "docs/rules.md §4",
        },
        async (c: Case) => {
          await holds(c, rejected, invalidBodyArb(model, t, "PATCH"), async (m) => {
            const before = await freshTicket(c, t);
            const id = idOf(c, before);
            const ex = await c.call({ method: "PATCH", url: ticketUrl(c, id), json: m.body }, { attach: false });
            expectError(c, ex, 400, `${m.kind}: ${m.path}`);
            const got = await c.call({ method: "GET", url: ticketUrl(c, id) }, { attach: false });
            c.must(
              sameJson(got.response.json, before),
              `a rejected PATCH (${m.kind}: ${m.path}) must change nothing`,
              got,
            );
          });
        },
      ),
    );
  }
});
