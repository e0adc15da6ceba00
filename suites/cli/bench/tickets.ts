// Realistic tickets for npm run bench: the profile's own example of a create (valid by
// construction, simulator/model/examples.ts) with a note, a description of a usual length,
// one of NAMES as its name, and "{i}" where the child puts each ticket's number, so that
// no two stored tickets share a string (as tickets parsed from their own requests don't).
import { appendExample, createExample } from "../../../simulator/model/examples.ts";
import type { Model } from "../../../simulator/model/model.ts";

/** Names tickets are given, evenly: a filter on half of them matches half the tickets. */
export const NAMES = [
  "Line down",
  "Slow broadband",
  "No dial tone",
  "Intermittent sync",
  "Packet loss",
  "Fibre cut",
  "Port flapping",
  "High latency",
  "VLAN misconfigured",
  "Billing dispute",
  "Duplicate charge",
  "Late installation",
  "Missed appointment",
  "Router faulty",
  "DNS failure",
  "Noisy line",
  "Speed below contract",
  "Service not activated",
  "Wrong address",
  "Outage in area",
];

/** The JSON texts of the bodies, one per name, each with "{i}" in its description and related ids. */
export function ticketTexts(model: Model): string[] {
  const base = createExample(model, model.defaultTicketType);
  const note = appendExample(model, model.defaultTicketType) ?? {};
  return NAMES.map((name) => {
    const body: Record<string, unknown> = {
      ...base,
      ...note,
      name,
      description: `${name} reported by the customer on circuit CIR-{i}; the engineer's first checks found nothing on the exchange side`,
    };
    for (const k of Object.keys(body)) {
      const v = body[k];
      // Related entities and parties point at things of their own (a line, a customer).
      if (Array.isArray(v))
        body[k] = v.map((x) =>
          typeof x === "object" && x !== null && "id" in x
            ? { ...x, id: `${String((x as { id: unknown }).id)}-{i}` }
            : x,
        );
    }
    return JSON.stringify(body);
  });
}
