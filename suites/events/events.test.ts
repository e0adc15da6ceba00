// Events a subscription receives for each kind of change, derived from the model's
// event rules (docs/rules.md §6): attribute changes by either side, every Nexera and
// operator transition (and the whole path to it), and the note that answers a pending ticket.
import { describe, it } from "vitest";
import { cellOf } from "../../simulator/model/model.ts";
import { driverOf } from "../driver/driver.ts";
import { route } from "../lifecycle/walk.ts";
import { otherValue, providerScalar, sampleValue } from "../model/samples.ts";
import { type Case, check, type RuleRef } from "../report/case.ts";
import { suiteFile } from "../support/context.ts";
import { freshTicket, getTicket, idOf } from "../support/tickets.ts";
import { nexeraSetGroup, patchGroup, stepGroup } from "./changes.ts";
import { expectEvents, type Group, subscribe, unsubscribe } from "./observe.ts";

const { model } = suiteFile();
const lc = model.lifecycle;
const T = model.defaultTicketType;
const rule = (r: string, provenance = "seed"): RuleRef => ({
  area: "Events",
  operation: "event delivery to the hub's callback",
  rule: r,
  provenance,
  source: "docs/rules.md §6",
});
const idName = model.root.fields.find((f) => f.server === "id")?.name ?? "id";
const patchable = model.root.fields
  .filter((f) => f.type === "string" && !f.enumValues && cellOf(f, T, "PATCH").rule === "O")
  .map((f) => f.name);
const nexeraField = providerScalar(model);
const sample = (c: Case, field: string) =>
  sampleValue(model.root.byName.get(field)!, {
    model,
    ticketType: T,
    op: "PATCH",
    tag: `${c.ctx.runId}-${Math.random().toString(36).slice(2, 7)}`,
  });

/** A fresh ticket watched by its own subscription (query: its id), changed by `act`. */
async function watch(c: Case, act: (id: string) => Promise<Group[]>): Promise<void> {
  const id = idOf(c, await freshTicket(c, T));
  const s = await c.step("subscribe to the ticket's events", () => subscribe(c, `${idName}=${id}`));
  try {
    const groups = await c.step("change the ticket", () => act(id));
    await c.step("wait for the events and judge them", () => expectEvents(c, s, id, groups));
  } finally {
    await unsubscribe(c, s);
  }
}

describe.concurrent("events", () => {
  if (patchable.length > 0) {
    const fields = patchable.slice(0, 2);
    it(
      `sends one attribute change event naming ${fields.join(" and ")} for a PATCH of both`,
      check(
        rule("one TroubleTicketAttributeValueChangeEvent per request, fieldPath listing the changed fields"),
        async (c: Case) => {
          await watch(c, async (id) => [
            await patchGroup(c, id, lc.initial, Object.fromEntries(fields.map((f) => [f, sample(c, f)]))),
          ]);
        },
      ),
    );
  }

  const attributeEvent = model.events.rules.find((r) => r.on === "attributeChange")?.eventType;
  if (nexeraField && attributeEvent) {
    const f = nexeraField;
    it(
      `sends one attribute change event naming ${f.name} when Nexera changes it`,
      check(
        rule(`a Nexera-side change of ${f.name}: one ${attributeEvent} naming it ("by either side")`),
        async (c: Case, ctx) => {
          const driver = driverOf(c);
          if (driver.cannotSet) return ctx.skip(driver.cannotSet);
          await watch(c, async (id) => {
            const { ticket } = await getTicket(c, id);
            return [
              await nexeraSetGroup(c, id, driver, {
                [f.name]: otherValue(f, { model, ticketType: T, op: "PATCH", tag: c.ctx.runId }, ticket[f.name]),
              }),
            ];
          });
        },
      ),
    );
  }

  const transitions = [
    ...lc.provider.map((t) => ({ ...t, by: "provider" as const })),
    ...lc.operator.map((t) => ({ ...t, by: "operator" as const })),
  ];
  for (const t of transitions) {
    const who = t.by === "provider" ? "Nexera" : "an operator PATCH";
    it(
      `sends the model's events for each step to ${t.from} and for ${who} ${t.from} -> ${t.to}`,
      check(
        rule(`events of ${t.by} transition ${t.from} -> ${t.to}: status change, and entering ${t.to}`, t.provenance),
        async (c: Case, ctx) => {
          const r = route(c, t.from);
          if ("skip" in r) return ctx.skip(r.skip);
          if (t.by === "provider" && r.driver.unavailable) return ctx.skip(r.driver.unavailable);
          await watch(c, async (id) => {
            const groups: Group[] = [];
            for (const step of [...r.steps, t]) groups.push(await stepGroup(c, id, step, r.driver));
            return groups;
          });
        },
      ),
    );
  }

  for (const a of lc.onAppend) {
    for (const from of a.from) {
      for (const field of a.fields) {
        it(
          `sends a status change to ${a.to} and an attribute change when a PATCH adds a ${field} to a ${from} ticket`,
          check(rule(`${from} + ${field} -> ${a.to}: both events`, a.provenance), async (c: Case, ctx) => {
            const r = route(c, from);
            if ("skip" in r) return ctx.skip(r.skip);
            await watch(c, async (id) => {
              const groups: Group[] = [];
              for (const step of r.steps) groups.push(await stepGroup(c, id, step, r.driver));
              groups.push(await patchGroup(c, id, from, { [field]: sample(c, field) }));
              return groups;
            });
          }),
        );
      }
    }
  }
});
