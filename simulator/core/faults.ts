// Deliberate misbehaviour (`--misbehave NAME[:ARG]`), to show that the conformance
// suites catch a broken server. Never on unless asked for. A fault is declared
// beside the code it bends (this file: the core's; simulator/events/faults.ts,
// simulator/http/faults.ts) and named in one catalogue (simulator/http/faults.ts).
// The code it bends asks the active set: `if (faults.has("ignore-offset")) ...`, or
// the fault edits the profile the simulator serves while the suites keep the true one.
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
   * message must match, so the failure names the broken rule.
   */
  readonly proof: { readonly suites: readonly string[]; readonly names: RegExp | ((arg: string) => RegExp) };
  /** A fault that edits the profile the simulator serves (the suites keep judging by the true one). */
  readonly profile?: (file: ProfileFile, arg: string | undefined) => void;
}

export class FaultError extends Error {
  override name = "FaultError";
}

/** Replaces a rule letter everywhere, PD outcomes included. */
export function relax(file: ProfileFile, from: string, to: "O"): void {
  const swap = (c: CellFile): CellFile => {
    if (typeof c === "string") return c === from ? to : c;
    const out = { ...c };
    if (out.rule === from) out.rule = to;
    if (out.then === from) out.then = to;
    if (out.otherwise === from) out.otherwise = to;
    return out;
  };
  for (const obj of Object.values(file.objects))
    for (const field of Object.values(obj.fields) as FieldFile[]) {
      if (typeof field.rules === "string") field.rules = swap(field.rules) as typeof field.rules;
      else
        for (const row of Object.values(field.rules))
          for (const op of Object.keys(row)) row[op] = swap(row[op] as CellFile);
    }
}

/** The core's faults: field rules, filters, paging and the lifecycle. */
export const CORE_FAULTS: readonly FaultSpec[] = [
  {
    name: "accept-missing-required",
    description: "R fields may be left out",
    proof: { suites: ["fields", "properties"], names: /without .*\((PD: )?R\)/ },
    profile: (f) => relax(f, "R", "O"),
  },
  {
    name: "accept-prohibited",
    description: "P fields are accepted",
    proof: { suites: ["fields", "properties"], names: /carrying .*\((PD: )?P\)/ },
    profile: (f) => relax(f, "P", "O"),
  },
  {
    name: "ignore-operator",
    description: "filters with a comparison operator are accepted and ignored",
    arg: {
      name: "<gt|gte|lt|lte|eq>",
      examples: (m) => (m.filterFieldList.some((ff) => ff.operators.includes("gt")) ? ["gt"] : []),
    },
    proof: { suites: ["filtering"], names: (op) => new RegExp(`\\.${op} as (instants|numbers)`) },
  },
  {
    name: "keep-on-leave",
    description: "a status change clears nothing (lifecycle.onLeave ignored)",
    proof: { suites: ["lifecycle"], names: /clears .* moves / },
    profile: (f) => {
      delete f.lifecycle.onLeave;
    },
  },
  {
    name: "allow-transition",
    description: "an operator may make a move the lifecycle forbids",
    arg: {
      name: "<from>-><to>",
      // An operator move out of a final state the operator reaches (Nexera: closed -> inProgress).
      examples: (m) => {
        const lc = m.lifecycle;
        const final = [...lc.final].find((s) => lc.operator.some((t) => t.to === s));
        const back = lc.operator.map((t) => t.to).find((s) => !lc.final.has(s) && s !== lc.initial);
        return final && back ? [`${final}->${back}`] : [];
      },
    },
    proof: { suites: ["lifecycle"], names: (arg) => new RegExp(`refuses ${escapeRegExp(arg.replace("->", " -> "))}`) },
    profile: (f, arg) => {
      const [from, to] = (arg ?? "").split("->");
      if (!from || !to) throw new FaultError(`allow-transition:${arg ?? ""}: write allow-transition:<from>-><to>`);
      f.lifecycle.final.values = f.lifecycle.final.values.filter((s) => s !== from);
      f.lifecycle.operator.push({ from: [from], to: [to], provenance: "chosen" });
    },
  },
];

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
