// What the robustness suite's files share: the two writing operations and how each is
// sent, the guard that shows nothing was created or changed, and a case run over a
// probe: once, or as a property for --runs generated inputs.
import type fc from "fast-check";
import { beforeAll } from "vitest";
import type { Model } from "../../simulator/model/model.ts";
import { changingPatch, markedBody, type Spots, spotsOf } from "../model/hostile.ts";
import type { Body } from "../model/samples.ts";
import { Case } from "../report/case.ts";
import { holds } from "../support/property.ts";
import { freshTicket, idOf } from "../support/tickets.ts";
import { robustness } from "./judge.ts";
import { type Guard, Probe } from "./probe.ts";

export interface WriteOp {
  readonly method: "POST" | "PATCH";
  /** As the rules name it, e.g. "POST /troubleTicket". */
  readonly name: string;
  /** The media type the rules want for it (docs/rules.md §2, §4). */
  readonly type: string;
  readonly accepted: readonly string[];
}

/** POST takes application/json (docs/rules.md §2); PATCH the profile's patch content types (§4). */
export function writeOps(model: Model): readonly WriteOp[] {
  const patch = model.patchContentTypes;
  return [
    { method: "POST", name: `POST /${model.resource}`, type: "application/json", accepted: ["application/json"] },
    { method: "PATCH", name: `PATCH /${model.resource}/{id}`, type: patch[0]!, accepted: patch },
  ];
}

/** A robustness file's fixture: a ticket of the run to PATCH, and where hostile bodies put their trouble. */
export interface Fixture {
  readonly spots: Spots;
  ticket: string;
}

export function fixture(model: Model): Fixture {
  return { spots: spotsOf(model), ticket: "" };
}

/** A fixture whose ticket to PATCH is created before the file's cases run. */
export function fixtureWithTicket(model: Model): Fixture {
  const fx = fixture(model);
  beforeAll(async () => {
    const c = new Case(robustness("set-up", "set-up: a ticket to PATCH", "TMF", "§2"));
    fx.ticket = idOf(c, await freshTicket(c, model.defaultTicketType));
  });
  return fx;
}

let serial = 0;
/** A marker no other case of the run uses. */
export const markerOf = (c: Case, label: string): string => `${c.ctx.runId}-rb${++serial}-${label}`;

/** The body an operation's hostile variants start from, its path, and the guard that follows them. */
export function startOf(
  c: Case,
  op: WriteOp,
  fx: Fixture,
  label: string,
): { body: Body; path: string; guard: Guard; headers: Record<string, string> } {
  const { model } = c.ctx;
  const headers = { "content-type": op.type };
  if (op.method === "PATCH")
    return {
      body: changingPatch(fx.spots, markerOf(c, label)),
      path: `/${model.resource}/${encodeURIComponent(fx.ticket)}`,
      guard: { kind: "ticket", id: fx.ticket },
      headers,
    };
  const marker = markerOf(c, label);
  return {
    body: markedBody(model, fx.spots, marker),
    path: `/${model.resource}`,
    guard: countGuard(fx, marker),
    headers,
  };
}

/** Counts the tickets carrying a marker, where the profile has a filter to count them by. */
export function countGuard(fx: Fixture, marker: string): Guard {
  return fx.spots.marker ? { kind: "count", param: fx.spots.marker.param, marker } : { kind: "none" };
}

/** Runs a case's requests over one probe, closed at the end. */
export async function probing(c: Case, guard: Guard, body: (p: Probe) => Promise<void>): Promise<void> {
  const p = await Probe.open(c, guard);
  try {
    await body(p);
  } finally {
    await p.close();
  }
}

/** A property over one probe: each generated input is sent, judged, and followed by the guard's check. */
export function property<T>(
  c: Case,
  title: string,
  guard: Guard,
  arb: fc.Arbitrary<T>,
  body: (p: Probe, v: T) => Promise<void>,
): Promise<void> {
  return probing(c, guard, (p) => holds(c, title, arb, (v) => body(p, v)));
}
