// The one catalogue of deliberate faults (`--misbehave NAME[:ARG]`, repeatable;
// `--misbehave list` prints it): the core's, the events' and the HTTP edge's, each
// declared beside the code it bends (mechanism: simulator/core/faults.ts); the HTTP
// edge's own are in edge-faults.ts.
import type { FastifyInstance } from "fastify";
import { type ActiveFaults, activeFaults, CORE_FAULTS, FaultError, type FaultSpec } from "../core/faults.ts";
import { EVENT_FAULTS } from "../events/faults.ts";
import { buildModel } from "../model/load.ts";
import type { Model } from "../model/model.ts";
import type { ProfileFile } from "../model/profile-file.ts";
import { BODY_FAULTS } from "./content.ts";
import { HTTP_FAULTS, type HttpFaultSpec } from "./edge-faults.ts";
import { TICKET_ROUTE_FAULTS } from "./tickets.ts";

export { FaultError } from "../core/faults.ts";
export type { HttpFaultSpec } from "./edge-faults.ts";

export const CATALOGUE: readonly HttpFaultSpec[] = [
  ...CORE_FAULTS,
  ...EVENT_FAULTS,
  ...TICKET_ROUTE_FAULTS,
  ...HTTP_FAULTS,
  ...BODY_FAULTS,
];

/** A fault asked for: its spec and argument. */
export interface Fault {
  /** As given, e.g. "ignore-operator:gt". */
  readonly spec: string;
  readonly def: HttpFaultSpec;
  readonly arg?: string;
  /** The rule the fault breaks, in words. */
  readonly breaks: string;
}

export function usageOf(f: FaultSpec): string {
  return f.arg ? `${f.name}:${f.arg.name}` : f.name;
}

export const FAULT_USAGE = CATALOGUE.map(usageOf);

/** The catalogue as `--misbehave list` prints it: one line per fault. */
export function catalogueText(): string {
  const width = Math.max(...FAULT_USAGE.map((u) => u.length)) + 2;
  return CATALOGUE.map((f) => `${usageOf(f).padEnd(width)}${f.description}`).join("\n");
}

/** Parses `name` or `name:argument` specs; an unknown one lists the known forms. */
export function parseFaults(specs: readonly string[]): Fault[] {
  return specs.map((spec) => {
    const i = spec.indexOf(":");
    const name = i < 0 ? spec : spec.slice(0, i);
    const arg = i < 0 ? undefined : spec.slice(i + 1);
    const def = CATALOGUE.find((f) => f.name === name);
    if (!def) throw new FaultError(`unknown fault "${spec}"; known: ${FAULT_USAGE.join(", ")}`);
    if (def.arg && !arg) throw new FaultError(`${spec}: this fault needs an argument, ${usageOf(def)}`);
    if (!def.arg && arg !== undefined) throw new FaultError(`${spec}: this fault takes no argument`);
    return { spec, def, ...(arg !== undefined ? { arg } : {}), breaks: `${def.description}${arg ? ` (${arg})` : ""}` };
  });
}

/** The active set the core and the events consult. */
export function activeOf(faults: readonly Fault[]): ActiveFaults {
  return activeFaults(faults.map((f) => [f.def.name, f.arg] as const));
}

/** The model the misbehaving simulator serves: the profile with the faults' edits. */
export function faultyModel(model: Model, faults: readonly Fault[]): Model {
  const edits = faults.filter((f) => f.def.profile);
  if (edits.length === 0) return model;
  const file = structuredClone(model.file) as ProfileFile;
  for (const f of edits) f.def.profile?.(file, f.arg);
  const faulty = buildModel(file, `${model.id} with ${edits.map((f) => f.spec).join(", ")}`);
  return Object.freeze({ ...faulty, basePath: model.basePath });
}

/** Installs the HTTP faults' hooks on the app. */
export function installFaults(app: FastifyInstance, faults: readonly Fault[]): void {
  for (const f of faults) f.def.install?.(app, f.arg);
}
