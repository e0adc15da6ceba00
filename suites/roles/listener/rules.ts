// The rules the listener role certifies (docs/rules.md §1, §3, §6), as the Allure
// labels and failure messages name them. Provenance: the seed answers each event 200
// OK, TMF counts any 2xx; the profile's events.successStatus says which is required.
import type { Model } from "../../../simulator/model/model.ts";
import type { RuleRef } from "../../report/case.ts";

const AREA = "Operator listener";

/** What counts as an acknowledgement: the profile's events.successStatus. */
export const acknowledges = (model: Model, status: number): boolean =>
  model.events.successStatus === "200" ? status === 200 : status >= 200 && status < 300;

export const ackText = (model: Model): string => (model.events.successStatus === "200" ? "200 OK" : "a 2xx");

const ref = (rule: string, operation: string, provenance: string, source: string): RuleRef => ({
  area: AREA,
  operation,
  rule,
  provenance,
  source,
});

export function listenerRules(model: Model) {
  const ok = ackText(model);
  const okSource = `docs/rules.md §1, §6: the operator answers each event 200 OK${model.events.successStatus === "200" ? "" : ", any 2xx counts"} (events.successStatus: ${model.events.successStatus}); §6 Delivery: an attempt unanswered within the timeout (--event-timeout) has failed`;
  const okProvenance = model.events.successStatus === "200" ? "seed" : "TMF";
  return {
    ack: (op: string) =>
      ref(`each event is acknowledged with ${ok} within the delivery timeout`, op, okProvenance, okSource),
    optional: (op: string) =>
      ref(
        "an event carrying every optional field the profile allows is acknowledged",
        op,
        "TMF",
        "docs/rules.md §4 (what a returned ticket holds), §6 (the TMF envelope: correlationId, fieldPath)",
      ),
    repeat: (op: string) =>
      ref(
        "an event delivered again with the same eventId is acknowledged again",
        op,
        "chosen",
        "docs/rules.md §6, Delivery: at least once; eventId is unique, so a listener drops the duplicate",
      ),
    order: (op: string) =>
      ref(
        "events of different tickets are acknowledged in whatever order they arrive",
        op,
        "chosen",
        "docs/rules.md §6, Delivery: a ticket's events arrive in order; different tickets do not wait for each other",
      ),
    credentials: (op: string) =>
      ref(
        "with listener credentials, an event without them or with wrong ones is refused with 401",
        op,
        "chosen",
        "docs/rules.md §3, Listener credentials: Nexera sends the callback's userinfo as HTTP Basic",
      ),
    garbage: (op: string) =>
      ref(
        "a body that is not JSON is not acknowledged (robustness: a warning, not a failure)",
        op,
        "chosen",
        "not required by docs/rules.md; a listener that acknowledges garbage can lose events silently",
      ),
    quick: (op: string) =>
      ref(
        `each event is answered within ${SLOW_MS} ms (robustness: a warning, not a failure)`,
        op,
        "chosen",
        "not required by docs/rules.md beyond the delivery timeout; a slow listener holds up its tickets' later events",
      ),
  };
}

/** An answer slower than this is worth a warning (within the delivery timeout, it is not a failure). */
export const SLOW_MS = 1000;
