// Nexera-side transitions through the driver (docs/rules.md §5): each lands with its
// dates moved, and entering a state sets what the profile says it sets.
import { describe, it } from "vitest";
import { isDateTime } from "../../simulator/model/formats.ts";
import { driverOf } from "../driver/driver.ts";
import { type Case, check } from "../report/case.ts";
import { suiteFile } from "../support/context.ts";
import { getTicket } from "../support/tickets.ts";
import { expectMoved, route, tick, walk } from "./walk.ts";

const { model } = suiteFile();
const lc = model.lifecycle;

describe.concurrent("lifecycle: Nexera transitions", () => {
  lc.provider.forEach((t, i) => {
    const ticketType = model.ticketTypes[i % model.ticketTypes.length]!;
    it(
      `Nexera moves a ticket ${t.from} -> ${t.to}, setting ${lc.changeDateField} and lastUpdate`,
      check(
        {
          area: "Lifecycle",
          operation: "Nexera transition (driver)",
          rule: `Nexera transition ${t.from} -> ${t.to}`,
          provenance: t.provenance,
          source: t.source ?? "docs/rules.md §5",
        },
        async (c: Case, ctx) => {
          const r = route(c, t.from);
          if ("skip" in r) return ctx.skip(r.skip);
          if (driverOf(c).unavailable) return ctx.skip(driverOf(c).unavailable);
          const { id, ticket } = await walk(c, ticketType, r.steps, r.driver);
          await tick();
          await r.driver.move(c, id, t.from, t.to);
          const got = await getTicket(c, id);
          expectMoved(c, got.ex, ticket, got.ticket, t.to);
        },
      ),
    );
  });

  for (const [state, sets] of Object.entries(lc.onEnter)) {
    for (const ticketType of model.ticketTypes) {
      const applies = sets.filter((s) => !s.ticketTypes || s.ticketTypes.includes(ticketType));
      if (applies.length > 0) {
        it(
          `entering ${state} sets ${applies.map((s) => s.field).join(", ")} on a ${ticketType}`,
          check(
            {
              area: "Lifecycle",
              operation: "Nexera transition (driver)",
              rule: `on entering ${state}: ${applies.map((s) => s.field).join(", ")} set`,
              provenance: applies[0]!.provenance,
              source: "docs/rules.md §5",
            },
            async (c: Case, ctx) => {
              const r = route(c, state);
              if ("skip" in r) return ctx.skip(r.skip);
              const { ticket } = await walk(c, ticketType, r.steps, r.driver);
              for (const s of applies) {
                const f = model.root.byName.get(s.field);
                const v = ticket[s.field];
                c.must(
                  v !== undefined && v !== null && v !== "",
                  `entering ${state} must set ${s.field} [${s.provenance}], got ${JSON.stringify(v)}`,
                );
                if (f?.format === "date-time")
                  c.must(isDateTime(v), `${s.field} must be a date-time, got ${JSON.stringify(v)}`);
              }
            },
          ),
        );
      }
      // What entering sets for other ticket types only (resolutionPaymentCode: Complaint) stays unset on this one.
      const others = sets.filter(
        (s) => s.ticketTypes && !s.ticketTypes.includes(ticketType) && !applies.some((a) => a.field === s.field),
      );
      if (others.length === 0) continue;
      it(
        `entering ${state} leaves ${others.map((s) => s.field).join(", ")} unset on a ${ticketType}`,
        check(
          {
            area: "Lifecycle",
            operation: "Nexera transition (driver)",
            rule: `on entering ${state}: ${others.map((s) => `${s.field} only for ${s.ticketTypes!.join(", ")}`).join("; ")}`,
            provenance: others[0]!.provenance,
            source: "docs/rules.md §5",
          },
          async (c: Case, ctx) => {
            const r = route(c, state);
            if ("skip" in r) return ctx.skip(r.skip);
            const { ticket } = await walk(c, ticketType, r.steps, r.driver);
            for (const s of others) {
              c.must(
                ticket[s.field] === undefined,
                `entering ${state} sets ${s.field} only on ${s.ticketTypes!.join(", ")} tickets [${s.provenance}]; this ${ticketType} has ${JSON.stringify(ticket[s.field])}`,
              );
            }
          },
        ),
      );
    }
  }
});
