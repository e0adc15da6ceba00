// The fault mechanism (`--misbehave NAME[:ARG]`): what a fault is, and the active set
// the code it bends asks (`if (faults.has("ignore-offset")) ...`). The faults
// themselves are declared beside the code they bend (simulator/core/faults.ts gathers
// the core's) and named in one catalogue (simulator/http/faults.ts).
import type { Model } from "../model/model.ts";
import type { CellFile, FieldFile, ProfileFile } from "../model/profile-file.ts";

/** The faults a simulator runs with: each by name, with its argument when it takes one. */
export interface ActiveFaults {
  has(name: string): boolean;
  arg(name: string): string | undefined;
}

export const NO_FAULTS: ActiveFaults = { has: () => false, arg: () => undefined };

export function activeFaults(entries: ReadonlyArray<readonly [name: string, arg: string | undefined]>): ActiveFaults {
  if (entries.length === 0) return NO_FAULTS;
  const map = new Map(entries);
  return { has: (name) => map.has(name), arg: (name) => map.get(name) };
}

/** One fault of the catalogue. */
export interface FaultSpec {
  readonly name: string;
  /** One line: the rule the fault breaks. */
  readonly description: string;
  /** The argument a fault takes (`ignore-operator:<op>`), and the values worth proving for a model. */
  readonly arg?: { readonly name: string; readonly examples: (model: Model) => readonly string[] };
  /**
   * How `npm run certify:faults` proves the suites catch it: the certify suites
   * (`certify --suite`) that guard the rule, and what a failing case's title or
   * message must match, so the failure names the broken rule (built from the
   * argument and the model, whose field names differ between profiles).
   */
  readonly proof: {
    readonly suites: readonly string[];
    readonly names: RegExp | ((arg: string, model: Model) => RegExp);
  };
  /** A fault that edits the profile the simulator serves (the suites keep judging by the true one). */
  readonly profile?: (file: ProfileFile, arg: string | undefined) => void;
}

export class FaultError extends Error {
  override name = "FaultError";
}

/** Edits every rule cell of every field, or of one field of the root object. */
export function editCells(file: ProfileFile, edit: (cell: CellFile) => CellFile, rootField?: string): void {
  const fields =
    rootField === undefined
      ? Object.values(file.objects).flatMap((obj) => Object.values(obj.fields) as FieldFile[])
      : [file.objects[file.root]?.fields[rootField]].filter((f): f is FieldFile => f !== undefined);
  if (rootField !== undefined && fields.length === 0) throw new FaultError(`the profile has no field ${rootField}`);
  for (const field of fields) {
    if (typeof field.rules === "string") field.rules = edit(field.rules) as typeof field.rules;
    else for (const row of Object.values(field.rules)) for (const op of Object.keys(row)) row[op] = edit(row[op]!);
  }
}

/** Replaces a rule letter everywhere (or in one root field), PD outcomes included. */
export function relax(file: ProfileFile, from: string, to: "O", rootField?: string): void {
  const swap = (c: CellFile): CellFile => {
    if (typeof c === "string") return c === from ? to : c;
    const out = { ...c };
    if (out.rule === from) out.rule = to;
    if (out.then === from) out.then = to;
    if (out.otherwise === from) out.otherwise = to;
    return out;
  };
  editCells(file, swap, rootField);
}

/** `<from>-><to>` of a transition fault's argument. */
export function transitionArg(fault: string, arg: string | undefined): [from: string, to: string] {
  const [from, to, more] = (arg ?? "").split("->");
  if (!from || !to || more !== undefined) throw new FaultError(`${fault}:${arg ?? ""}: write ${fault}:<from>-><to>`);
  return [from, to];
}

/** Rules that list states each way (`from: [...]`, `to: [...]`), with one pair of them taken out. */
export function withoutPair<R extends { from: string[]; to: string[] }>(
  rules: readonly R[],
  from: string,
  to: string,
): R[] {
  return rules.flatMap((r) => {
    if (!r.from.includes(from) || !r.to.includes(to)) return [r];
    const otherFrom = r.from.filter((s) => s !== from);
    const otherTo = r.to.filter((s) => s !== to);
    return [
      ...(otherFrom.length > 0 ? [{ ...r, from: otherFrom }] : []),
      ...(otherTo.length > 0 ? [{ ...r, from: [from], to: otherTo }] : []),
    ];
  });
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Shuffles in place (Fisher-Yates). */
export function shuffle<T>(xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/** An instant written on 30 February of its year: a date-time no calendar has. */
export function onFebruary30(d: Date): string {
  return d.toISOString().replace(/-\d\d-\d\dT/, "-02-30T");
}
