// The events a change must cause, from the profile's event rules (docs/rules.md §6).
import { type Model, statusChangeFields } from "../../simulator/model/model.ts";

export interface ChangeSpec {
  readonly create?: boolean;
  readonly statusChanges: ReadonlyArray<{ readonly from: string; readonly to: string }>;
  /** Top-level fields the request changed, lifecycle bookkeeping excluded. */
  readonly changedFields: readonly string[];
}

export interface ExpectedEvent {
  readonly eventType: string;
  /** The fields fieldPath must list (as a set), when the rule gives one. */
  readonly fieldPath?: readonly string[];
}

const split = (p: string | undefined) =>
  (p ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * One change's events, as a multiset: the rules leave their order within one
 * request open, so only the order across requests is judged. Fields a status change
 * sets or clears by itself (onEnter, onLeave: resolutionDate) belong to that change,
 * not to an attribute change (chosen, docs/rules.md §6).
 */
export function expectedEvents(model: Model, change: ChangeSpec): ExpectedEvent[] {
  const out: ExpectedEvent[] = [];
  const rules = model.events.rules;
  const byStatus = new Set(change.statusChanges.flatMap((s) => statusChangeFields(model, s.from, s.to)));
  const attributes = change.changedFields.filter((f) => !byStatus.has(f));
  for (const r of rules) {
    if (r.on === "create" && change.create)
      out.push({ eventType: r.eventType, ...(r.fieldPath ? { fieldPath: split(r.fieldPath) } : {}) });
    if (r.on === "attributeChange" && !change.create && attributes.length > 0)
      out.push({ eventType: r.eventType, fieldPath: attributes });
  }
  for (const s of change.statusChanges) {
    for (const r of rules) {
      if (r.on === "statusChange" || (r.on === "enter" && r.state === s.to))
        out.push({ eventType: r.eventType, ...(r.fieldPath ? { fieldPath: split(r.fieldPath) } : {}) });
    }
  }
  return out;
}

/** The fields a PATCH body changes, by the lifecycle's bookkeeping rule. */
export function changedBy(model: Model, body: Readonly<Record<string, unknown>>): string[] {
  const lc = model.lifecycle;
  return Object.keys(body).filter((k) => k !== lc.field && k !== lc.reasonField);
}

export function eventKey(e: ExpectedEvent): string {
  return `${e.eventType}${e.fieldPath ? `(${[...e.fieldPath].sort().join(",")})` : ""}`;
}
