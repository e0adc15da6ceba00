// Delivery as Nexera does it (docs/rules.md §6, Delivery): at least once, so the same
// event (same eventId) may come again and must be acknowledged again; a ticket's events
// in order, but different tickets independently, so a listener sees tickets' events
// interleaved out of time order, and concurrently.
import { describe, it } from "vitest";
import { listenerName } from "../../../simulator/model/model.ts";
import { type OutgoingEvent, picker, statesOf, ticketStory } from "../../model/outgoing-events.ts";
import { type Case, check } from "../../report/case.ts";
import { suiteFile } from "../../support/context.ts";
import { seedFor } from "../../support/property.ts";
import { deliver, eventNow, expectAcknowledged, newEventId } from "./deliver.ts";
import { listenerRules } from "./rules.ts";

const { model, settings, runId } = suiteFile();
const rules = listenerRules(model);
const ALL = "POST {callback}/listener/{eventName}";
/** Tickets per order case: each ticket type, twice, so at least two tickets interleave. */
const TICKETS = model.ticketTypes.flatMap((t) => [t, t]);

/** The stories of this case's tickets, ticket k's events `k` minutes earlier than ticket k-1's. */
function stories(title: string, prefix: string): OutgoingEvent[][] {
  const pick = picker(seedFor(settings.seed, title));
  const now = Date.now();
  return TICKETS.map((ticketType, k) =>
    ticketStory(model, {
      ticketType,
      id: `${runId}-${prefix}-${k}`,
      tag: `${runId}-${prefix}-${k}`,
      start: now - k * 60_000,
      stepMs: 1000,
      newId: newEventId,
      pick,
    }),
  );
}

describe.concurrent("delivery", () => {
  for (const r of model.events.rules) {
    const t = model.defaultTicketType;
    const s = statesOf(model, r, t)[0];
    if (s === undefined) continue;
    const title = `acknowledges ${r.eventType} delivered twice with the same eventId`;
    it(
      title,
      check(rules.repeat(`POST {callback}/listener/${listenerName(model, r.eventType)}`), async (c: Case) => {
        const key = `repeat-${r.eventType}`;
        const event = eventNow(c.ctx, r, { ticketType: t, status: s, key }, picker(seedFor(settings.seed, title)));
        expectAcknowledged(c, await deliver(c, event), "(first delivery)");
        expectAcknowledged(c, await deliver(c, event), "(again, same eventId)");
      }),
    );
  }

  const outOfOrder = `acknowledges the events of ${TICKETS.length} tickets arriving out of time order`;
  it(
    outOfOrder,
    check(rules.order(ALL), async (c: Case) => {
      // Each ticket's events in order, the tickets interleaved by the seed: later tickets happened earlier.
      const queues = stories(outOfOrder, "order");
      const pick = picker(seedFor(settings.seed, `${outOfOrder} interleave`));
      // The newest ticket's first event goes first, so whatever follows from another ticket is older.
      const order: OutgoingEvent[] = [queues[0]!.shift()!];
      for (let left = queues.filter((q) => q.length > 0); left.length > 0; left = left.filter((q) => q.length > 0))
        order.push(left[pick(left.length)]!.shift()!);
      // Judged as they come: after a failure, sending the rest would only wait on the same fault.
      for (const [i, e] of order.entries())
        expectAcknowledged(c, await deliver(c, e), `(event ${i + 1} of ${order.length} sent)`);
    }),
  );

  const concurrent = `acknowledges the events of ${TICKETS.length} tickets arriving concurrently`;
  it(
    concurrent,
    check(rules.order(ALL), async (c: Case) => {
      // As Nexera's lanes do: one ticket's events one after the other, the tickets all at once.
      const queues = stories(concurrent, "concurrent");
      // The first failure stops every lane before its next event; all lanes end inside the case.
      const failures: unknown[] = [];
      const lanes = queues.map(async (q, k) => {
        for (const [j, e] of q.entries()) {
          if (failures.length > 0) return;
          const d = await deliver(c, e);
          try {
            expectAcknowledged(c, d, `(ticket ${k + 1} of ${queues.length}, its event ${j + 1} of ${q.length})`);
          } catch (err) {
            failures.push(err);
          }
        }
      });
      for (const r of await Promise.allSettled(lanes)) if (r.status === "rejected") failures.push(r.reason);
      if (failures.length > 0) throw failures[0];
    }),
  );
});
