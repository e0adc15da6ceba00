// The status lifecycle (docs/rules.md §5) as functions over model.lifecycle: which moves
// are legal for which side, and what entering a state sets on the ticket.

import type { Model } from "../model/model.ts";
import { canMove, targetsFrom, ticketTypeOf } from "../model/model.ts";
import type { Ticket } from "./entry.ts";
import { ApiError } from "./errors.ts";
import { type ActiveFaults, NO_FAULTS } from "./fault-spec.ts";
import { copyJson, sameJson } from "./ticket-fields.ts";

export type Side = "operator" | "provider";

export function isFinal(model: Model, state: string): boolean {
  return model.lifecycle.final.has(state);
}

/**
 * Throws unless `side` may move a ticket from `from` to `to`: 400 for a state the
 * profile does not know, 409 naming both states for a move it does not allow
 * (staying in the same state is not a move, so it is 409 too).
 */
export function assertTransition(model: Model, side: Side, from: string, to: string): void {
  const lc = model.lifecycle;
  // The rules of a status change are the status field's (PD: only the operator transitions of §5).
  const f = model.root.byName.get(lc.field);
  const origin = f ? { provenance: f.provenance, ...(f.source !== undefined ? { source: f.source } : {}) } : {};
  if (!lc.states.includes(to)) {
    const message = `${lc.field} "${to}" is not a state (states: ${lc.states.join(", ")})`;
    throw new ApiError("badRequest", message, [
      { rule: `${lc.field} must be one of the states (${lc.states.join(", ")})`, path: lc.field, message, ...origin },
    ]);
  }
  if (canMove(lc[side], from, to)) return;
  const allowed = targetsFrom(lc[side], from);
  const hint = allowed.length > 0 ? allowed.join(", ") : isFinal(model, from) ? `none, "${from}" is final` : "none";
  const message = `the ${side} cannot move a ticket from "${from}" to "${to}" (allowed from "${from}": ${hint})`;
  throw new ApiError("conflict", message, [
    { rule: `the ${side} cannot move a ticket from ${from} to ${to}`, path: lc.field, message, ...origin },
  ]);
}

/** The state a PATCH moves to by appending to some fields (lifecycle.onAppend), if any. */
export function appendMove(
  model: Model,
  from: string,
  appended: readonly string[],
): { to: string; reason?: string } | undefined {
  const rule = model.lifecycle.onAppend.find(
    (r) => r.from.includes(from) && r.fields.some((f) => appended.includes(f)),
  );
  if (!rule) return undefined;
  // The rule's own description ("extra information provided") is the best reason there is.
  return rule.source !== undefined ? { to: rule.to, reason: rule.source } : { to: rule.to };
}

/**
 * Moves the ticket from its current state to `to` at instant `at`: lifecycle.onLeave
 * clears what leaving for `to` clears (a reopened resolution, docs/rules.md §5), then
 * status, change date, reason (removed when the move gives none, so a stale one never
 * describes it) and lifecycle.onEnter. Returns the onLeave and onEnter fields whose value
 * changed. lastUpdate is the caller's: every change sets it.
 */
export function enterState(
  model: Model,
  draft: Ticket,
  to: string,
  reason: string | undefined,
  at: string,
  faults: ActiveFaults = NO_FAULTS,
): string[] {
  const lc = model.lifecycle;
  const from = String(draft[lc.field]);
  const changed: string[] = [];
  for (const leave of lc.onLeave)
    if (leave.from.includes(from) && leave.to.includes(to))
      for (const f of leave.clear)
        if (draft[f] !== undefined) {
          delete draft[f];
          changed.push(f);
        }
  draft[lc.field] = to;
  // Fault stale-change-date (core/faults-lifecycle.ts): the status moves, its date does not.
  if (!faults.has("stale-change-date")) draft[lc.changeDateField] = at;
  if (lc.reasonField !== undefined) {
    if (reason !== undefined) draft[lc.reasonField] = reason;
    else delete draft[lc.reasonField];
  }
  const ticketType = ticketTypeOf(model, draft);
  for (const set of lc.onEnter[to] ?? []) {
    if (set.ticketTypes && !set.ticketTypes.includes(ticketType)) continue;
    if (set.keep && draft[set.field] !== undefined) continue;
    const value = set.value === "$now" ? at : copyJson(set.value);
    if (sameJson(draft[set.field], value)) continue;
    draft[set.field] = value;
    changed.push(set.field);
  }
  return [...new Set(changed)];
}
