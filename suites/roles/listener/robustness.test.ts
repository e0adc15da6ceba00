// Robustness the rules do not require, reported as warnings that leave the exit code
// alone: a listener that acknowledges a body that is not JSON can lose events
// silently; one that takes over a second per event holds up its tickets' later events
// (docs/rules.md §6: a ticket's next event waits for the one before it).
import { describe, it } from "vitest";
import { statesOf } from "../../model/outgoing-events.ts";
import { type Case, check } from "../../report/case.ts";
import { suiteFile } from "../../support/context.ts";
import { type Delivery, deliver, eventNow, warn } from "./deliver.ts";
import { acknowledges, listenerRules, SLOW_MS } from "./rules.ts";

const { model, runId } = suiteFile();
const rules = listenerRules(model);
const T = model.defaultTicketType;
const first = model.events.rules.find((r) => statesOf(model, r, T).length > 0);

describe.concurrent("robustness (warnings only)", () => {
  if (first === undefined) return;

  it(
    "does not acknowledge a body that is not JSON",
    check(rules.garbage(`POST {callback}/listener/{eventName}`), async (c: Case, ctx) => {
      const d = await deliver(c, {
        eventType: first.eventType,
        label: `a body that is not JSON sent to ${first.eventType}'s path`,
        raw: `{"eventId": "${runId}-garbage", "eventType": "${first.eventType}", this is not JSON`,
      });
      if (d.noAnswer === undefined && acknowledges(model, d.ex.response.status))
        await warn(
          ctx,
          `${d.label} was acknowledged with HTTP ${d.ex.response.status}: a listener that acknowledges what it cannot read loses events silently (expected a 4xx)`,
        );
    }),
  );

  it(
    `answers each event type within ${SLOW_MS} ms`,
    check(rules.quick("POST {callback}/listener/{eventName}"), async (c: Case, ctx) => {
      // One event per type, one at a time, so each time is the listener's alone.
      const ds: Delivery[] = [];
      for (const r of model.events.rules) {
        const s = statesOf(model, r, T)[0];
        if (s === undefined) continue;
        const d = await deliver(c, eventNow(c.ctx, r, { ticketType: T, status: s, key: `quick-${r.eventType}` }));
        ds.push(d);
        // No answer at all fails elsewhere (the delivery timeout); one is enough to warn about here.
        if (d.noAnswer !== undefined) break;
      }
      const slow = ds.filter((d) => d.ex.ms > SLOW_MS);
      if (slow.length > 0)
        await warn(
          ctx,
          `answered slower than ${SLOW_MS} ms: ${slow.map((d) => `${d.label} in ${d.ex.ms} ms${d.noAnswer ? " (no answer)" : ""}`).join("; ")}`,
        );
    }),
  );
});
