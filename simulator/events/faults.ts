// The events' deliberate faults (catalogue: simulator/http/faults.ts; the mechanism:
// simulator/core/faults.ts): events not sent, or sent wrong, and deliveries bent.
import type { FaultSpec } from "../core/faults.ts";

export const EVENT_FAULTS: readonly FaultSpec[] = [
  {
    name: "drop-event",
    description: "an event type is never sent",
    arg: {
      name: "<EventType>",
      // An event sent on entering a state (Nexera: TroubleTicketResolvedEvent).
      examples: (m) =>
        m.events.rules
          .filter((r) => r.on === "enter")
          .map((r) => r.eventType)
          .slice(0, 1),
    },
    proof: { suites: ["events"], names: (arg) => new RegExp(`missing ${arg}`) },
    profile: (f, type) => {
      f.events.rules = f.events.rules.filter((r) => r.eventType !== type);
    },
  },
];
