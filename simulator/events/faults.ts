// The events' deliberate faults (catalogue: simulator/http/faults.ts; the mechanism:
// simulator/core/faults.ts): events not sent, or sent wrong, and deliveries bent.
// Each bends one place (events/bends.ts says how; generate.ts, delivery.ts,
// subscriptions.ts and events.ts call it) and breaks one rule of docs/rules.md §3 or §6.
import type { FaultSpec } from "../core/faults.ts";
import { eventTypes, type Model } from "../model/model.ts";
import { EVENT_FAULT as F } from "./bends.ts";

/** An event sent on entering a state (Nexera: TroubleTicketResolvedEvent), where the profile has one. */
const enterType = (m: Model) =>
  m.events.rules
    .filter((r) => r.on === "enter")
    .map((r) => r.eventType)
    .slice(0, 1);

export const EVENT_FAULTS: readonly FaultSpec[] = [
  {
    name: "drop-event",
    description: "an event type is never sent",
    arg: { name: "<EventType>", examples: enterType },
    proof: { suites: ["events"], names: (arg) => new RegExp(`missing ${arg}`) },
    profile: (f, type) => {
      f.events.rules = f.events.rules.filter((r) => r.eventType !== type);
    },
  },
  {
    name: F.wrongType,
    description: "an event type is sent under another eventType (the profile's first other type)",
    arg: { name: "<EventType>", examples: (m) => (eventTypes(m).length > 1 ? enterType(m) : []) },
    proof: { suites: ["events"], names: (arg) => new RegExp(`missing ${arg} \\(for [^)]*\\), and instead `) },
  },
  {
    name: F.wrongFieldPath,
    description: "an event's fieldPath lists every field of the ticket, not the fields it is about",
    proof: { suites: ["events"], names: /missing \S+\([^)]*\) \(for [^)]*\), and instead \S+\(/ },
  },
  {
    name: F.dropFieldPath,
    description: "events are sent without the fieldPath their rule gives",
    proof: { suites: ["events"], names: /the event breaks the profile: fieldPath is required/ },
  },
  {
    name: F.dropEnvelope,
    description: "events are sent without that key of the envelope",
    arg: { name: "<key>", examples: () => ["eventTime"] },
    proof: { suites: ["events"], names: (key) => new RegExp(`the event breaks the profile: ${key} is required`) },
  },
  {
    name: F.stale,
    description: "an update's events carry the ticket as it was before the change",
    proof: { suites: ["events"], names: /must carry the ticket as GET shows it after that change/ },
  },
  {
    name: F.duplicate,
    description: "every event is sent twice, the copy under a new eventId",
    proof: { suites: ["events"], names: /unexpected .*: nothing else may arrive/ },
  },
  {
    name: F.reorder,
    description: "a ticket's events reach a subscription newest first, not in the order they happened",
    proof: { suites: ["events"], names: /events arrive in the order of the changes/ },
  },
  {
    name: F.noRetry,
    description: "a failed delivery is never retried (delivery is at least once)",
    proof: { suites: ["events"], names: /retries a delivery the listener answered 500.*: missing / },
  },
  {
    name: F.retryForever,
    description: "a refused event is retried without end, a 4xx included, so the ticket's later events never arrive",
    proof: { suites: ["events"], names: /refusal is its final word.*: missing / },
  },
  {
    name: F.deliverAfterDelete,
    description: "DELETE /hub/{id} leaves the subscription's undelivered events queued, still sent",
    proof: { suites: ["events"], names: /drops a deleted subscription.s undelivered events.*arrived after the DELETE/ },
  },
  {
    name: F.ignoreHubDelete,
    description: "DELETE /hub/{id} answers 204 but the subscription stays and keeps receiving",
    proof: { suites: ["events"], names: /a deleted subscription must receive nothing/ },
  },
  {
    name: F.otherTenants,
    description: "a ticket's events also reach other operators' subscriptions",
    proof: { suites: ["isolation"], names: /second operator's subscription received [1-9]\d* event/ },
  },
];
