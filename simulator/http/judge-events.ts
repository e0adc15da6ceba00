// Whether the operator's listener, registered through the client's POST /hub, acknowledged
// each event Nexera sent it (docs/rules.md §6: any 2xx, or what events.successStatus says),
// judged from the delivery engine's attempt records: one case per event type of the profile.

import type { AttemptRecord } from "../events/delivery.ts";
import type { RecordedExchange, VerdictCase } from "../model/client-verdict.ts";
import type { Model } from "../model/model.ts";
import { listenerName } from "../model/model.ts";
import type { TrafficLog } from "./traffic.ts";

interface Delivery {
  readonly eventType: string;
  readonly attempts: AttemptRecord[];
  pendingAtEnd: boolean;
}

type Fate = "acknowledged" | "unacknowledged" | "cancelled";

function fateOf(d: Delivery): Fate {
  if (d.attempts.some((a) => a.outcome === "delivered")) return "acknowledged";
  if (d.pendingAtEnd) return "unacknowledged";
  // Cancelled without being left undelivered: the client removed the registration first.
  return d.attempts.at(-1)?.outcome === "cancelled" ? "cancelled" : "unacknowledged";
}

function answerOf(d: Delivery): string {
  const a = d.attempts.at(-1);
  if (!a) return "never attempted before the watch ended (queued behind the ticket's earlier events)";
  const got = a.statusCode !== undefined ? `answered ${a.statusCode}` : `no answer (${a.error ?? "unknown error"})`;
  return `${got} after ${a.attempt} attempt(s)${a.reason ? `: ${a.reason}` : d.pendingAtEnd ? ": still undelivered at the end" : ""}`;
}

function exampleOf(d: Delivery): RecordedExchange | undefined {
  const a = d.attempts.at(-1);
  if (!a) return undefined;
  const response = a.error ?? a.response;
  return {
    at: a.at,
    method: "POST",
    url: a.url,
    ...(a.statusCode !== undefined ? { status: a.statusCode } : {}),
    ...(response !== undefined ? { response } : {}),
  };
}

export function eventCases(model: Model, log: TrafficLog): VerdictCase[] {
  const deliveries = new Map<string, Delivery>();
  const at = (sub: string, eventId: string, eventType: string) => {
    const key = `${sub}\u0000${eventId}`;
    const d = deliveries.get(key) ?? { eventType, attempts: [], pendingAtEnd: false };
    deliveries.set(key, d);
    return d;
  };
  for (const a of log.attempts) at(a.subscriptionId, a.eventId, a.eventType).attempts.push(a);
  for (const p of log.undelivered) at(p.subscriptionId, p.eventId, p.eventType).pendingAtEnd = true;
  const wanted = model.events.successStatus === "200" ? "200" : "a 2xx";

  const types = [...new Set(model.events.rules.map((r) => r.eventType))];
  return types.map((eventType): VerdictCase => {
    const rule = model.events.rules.find((r) => r.eventType === eventType)!;
    const judged = [...deliveries.values()].filter((d) => d.eventType === eventType && fateOf(d) !== "cancelled");
    const missed = judged.filter((d) => fateOf(d) === "unacknowledged");
    const shown = (missed.length > 0 ? missed : judged).slice(0, 3).flatMap((d) => exampleOf(d) ?? []);
    const base = {
      area: "Events",
      operation: `POST {callback}/listener/${listenerName(model, eventType)}`,
      rule: `the listener acknowledges every ${eventType} with ${wanted}`,
      provenance: rule.provenance,
      source: "docs/rules.md §6",
      examples: shown,
    };
    if (judged.length === 0)
      return { ...base, outcome: "notExercised", count: 0, why: `no ${eventType} was sent to a registered listener` };
    if (missed.length > 0)
      return {
        ...base,
        outcome: "broken",
        count: missed.length,
        why: `${missed.length} of ${judged.length} not acknowledged: ${answerOf(missed[0]!)}`,
      };
    return { ...base, outcome: "kept", count: judged.length, why: `${judged.length} event(s) acknowledged` };
  });
}
