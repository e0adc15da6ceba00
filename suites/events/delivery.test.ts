// Delivery (docs/rules.md §6, chosen): what a listener's answer and a DELETE of the
// subscription mean for the events still to come. A listener's 4xx is its final word,
// so the ticket's later events still arrive; a deleted subscription's undelivered
// events are dropped, retries included. The waits here only bound what a server may
// still send: a correct server that retries more slowly than they last still passes.
import { describe, it } from "vitest";
import { cellOf } from "../../simulator/model/model.ts";
import { driverOf } from "../driver/driver.ts";
import { expectedEvents } from "../model/event-oracle.ts";
import { sampleValue } from "../model/samples.ts";
import { type Case, check, type RuleRef } from "../report/case.ts";
import { expectStatus } from "../report/checks.ts";
import { suiteFile } from "../support/context.ts";
import { freshTicket, idOf, sleep } from "../support/tickets.ts";
import { patchGroup, stepGroup } from "./changes.ts";
import { expectEvents, type Group, newChannel, subscribe, unsubscribe } from "./observe.ts";

const { model } = suiteFile();
const lc = model.lifecycle;
const T = model.defaultTicketType;
const rule = (r: string, operation: string): RuleRef => ({
  area: "Events",
  operation,
  rule: r,
  provenance: "chosen",
  source: "docs/rules.md §6",
});
const idName = model.root.fields.find((f) => f.server === "id")?.name ?? "id";
const field = model.root.fields.find(
  (f) => f.type === "string" && !f.enumValues && cellOf(f, T, "PATCH").rule === "O",
)?.name;
/** A PATCH of `field` causes an event (a profile may send none for attribute changes). */
const attributeEvents =
  field !== undefined && expectedEvents(model, { statusChanges: [], changedFields: [field] }).length > 0;
const cancel = lc.operator.find((t) => t.from === lc.initial);
const rename = (c: Case): Record<string, unknown> =>
  field === undefined
    ? {}
    : {
        [field]: sampleValue(model.root.byName.get(field)!, {
          model,
          ticketType: T,
          op: "PATCH",
          tag: `${c.ctx.runId}-${Math.random().toString(36).slice(2, 7)}`,
        }),
      };
/** Waited after a DELETE before counting, for an attempt already on the wire when it was answered. */
const IN_FLIGHT_MS = 250;

describe.concurrent("delivery", () => {
  it(
    "delivers a ticket's later events after the listener refuses one with 400: a refusal is its final word",
    check(
      rule(
        "a listener's 4xx refusal is its final word: that event is not sent again, and the ticket's later events still arrive",
        "event delivery to the hub's callback",
      ),
      async (c: Case, ctx) => {
        if (!attributeEvents)
          return ctx.skip("the profile sends no event for an attribute PATCH, so two PATCHes cannot cause two events");
        const id = idOf(c, await freshTicket(c, T));
        const channel = newChannel(c);
        await channel.refuseFirst(400);
        const s = await subscribe(c, `${idName}=${id}`, "first", channel);
        try {
          const refused = await patchGroup(c, id, lc.initial, rename(c));
          const later = await patchGroup(c, id, lc.initial, rename(c));
          await expectEvents(c, s, id, [{ ...refused, expected: [] }, later]);
          const sent = (await channel.deliveries()).filter((d) => d.answered === 400).length;
          c.must(sent > 0, "precondition: the listener refused the ticket's first event with 400");
          c.must(sent === 1, `a 4xx is the listener's final word: the refused event was sent ${sent} times, not once`);
        } finally {
          await unsubscribe(c, s);
        }
      },
    ),
  );

  it(
    "drops a deleted subscription's undelivered events: nothing arrives after DELETE /hub/{id}, not even a retry",
    check(
      rule(
        "after DELETE /hub/{id} the subscription receives nothing more: its undelivered events are dropped",
        `DELETE /${model.hubPath}/{id}`,
      ),
      async (c: Case, ctx) => {
        if (!attributeEvents && !cancel)
          return ctx.skip(
            "the profile sends no event for an attribute PATCH and has no operator transition from the initial state",
          );
        const id = idOf(c, await freshTicket(c, T));
        const channel = newChannel(c);
        // Every attempt fails with a status worth retrying, so the event stays undelivered.
        await channel.failNext(1_000_000, 503);
        const s = await subscribe(c, `${idName}=${id}`, "first", channel);
        let deleted = false;
        try {
          const g: Group = attributeEvents
            ? await patchGroup(c, id, lc.initial, rename(c))
            : await stepGroup(c, id, { by: "operator", from: lc.initial, to: cancel!.to }, driverOf(c));
          const wait = c.ctx.settings.eventTimeout;
          const tried = await channel.waitFor((ds) => ds.length > 0, wait);
          c.must(tried.length > 0, `precondition: within ${wait} ms the target tried to deliver "${g.label}"`);
          const del = await c.call({ method: "DELETE", url: `${c.ctx.target.hub}/${encodeURIComponent(s.id)}` });
          expectStatus(c, del, 204, "DELETE /hub/{id} of a subscription answers 204");
          deleted = true;
          await sleep(IN_FLIGHT_MS);
          const before = (await channel.deliveries()).length;
          await sleep(Math.min(1500, wait / 3));
          const after = (await channel.deliveries()).slice(before);
          c.must(
            after.length === 0,
            `a deleted subscription must receive nothing, its undelivered events included: ${after.length} attempt(s) arrived after the DELETE: ${after.map((d) => d.path).join(", ")}`,
          );
        } finally {
          if (deleted) await channel.forget();
          else await unsubscribe(c, s);
        }
      },
    ),
  );
});
