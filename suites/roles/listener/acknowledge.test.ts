// Every event type the profile sends, with representative tickets, must be acknowledged
// (docs/rules.md §1, §6): each ticket type in each state the lifecycle lets the event
// report (§5), and each ticket type carrying every optional field the profile allows.
import { describe, it } from "vitest";
import { listenerName } from "../../../simulator/model/model.ts";
import { type EventRule, picker, statesOf } from "../../model/outgoing-events.ts";
import { type Case, check } from "../../report/case.ts";
import { suiteFile } from "../../support/context.ts";
import { seedFor } from "../../support/property.ts";
import { deliver, eventNow, expectAcknowledged } from "./deliver.ts";
import { listenerRules } from "./rules.ts";

const { model, settings } = suiteFile();
const pickFor = (title: string) => picker(seedFor(settings.seed, title));
const rules = listenerRules(model);
const operation = (r: EventRule) => `POST {callback}/listener/${listenerName(model, r.eventType)}`;
let n = 0;

/** For the full case: a state the event reports, preferring one whose entry sets fields (more content). */
const richest = (r: EventRule, t: string): string | undefined => {
  const states = statesOf(model, r, t);
  return states.find((s) => (model.lifecycle.onEnter[s] ?? []).length > 0) ?? states[0];
};

describe.concurrent("acknowledges events", () => {
  for (const t of model.ticketTypes) {
    for (const r of model.events.rules) {
      for (const s of statesOf(model, r, t)) {
        const title = `acknowledges ${r.eventType} for a ${t} ticket in ${s}`;
        it(
          title,
          check(rules.ack(operation(r)), async (c: Case) => {
            const event = eventNow(c.ctx, r, { ticketType: t, status: s, key: `ack-${++n}` }, pickFor(title));
            expectAcknowledged(c, await deliver(c, event));
          }),
        );
      }
    }
  }

  for (const t of model.ticketTypes) {
    for (const r of model.events.rules) {
      const s = richest(r, t);
      if (s === undefined) continue;
      it(
        `acknowledges ${r.eventType} for a ${t} ticket carrying every optional field`,
        check(rules.optional(operation(r)), async (c: Case) => {
          const event = eventNow(c.ctx, r, { ticketType: t, status: s, key: `full-${++n}`, full: true });
          expectAcknowledged(c, await deliver(c, event));
        }),
      );
    }
  }
});
