// Deliberate misbehaviour, for showing that the conformance suites catch a broken
// server (`--misbehave NAME`). Most faults are edits of the profile the simulator
// serves, while the suites keep judging by the true profile; the rest are thin
// HTTP hooks. Never on unless asked for.
import type { FastifyInstance } from "fastify";
import { buildModel } from "../model/load.ts";
import type { Model } from "../model/model.ts";
import type { CellFile, FieldFile, ProfileFile } from "../model/profile-file.ts";

export interface Fault {
  readonly spec: string;
  /** The rule the fault breaks, in words. */
  readonly breaks: string;
  readonly profile?: (file: ProfileFile) => void;
  readonly install?: (app: FastifyInstance) => void;
}

interface FaultKind {
  readonly usage: string;
  readonly make: (arg: string | undefined, spec: string) => Fault;
}

const KINDS: Readonly<Record<string, FaultKind>> = {
  "accept-missing-required": {
    usage: "accept-missing-required",
    make: (_a, spec) => ({ spec, breaks: "R fields may be left out", profile: (f) => relax(f, "R", "O") }),
  },
  "accept-prohibited": {
    usage: "accept-prohibited",
    make: (_a, spec) => ({ spec, breaks: "P fields are accepted", profile: (f) => relax(f, "P", "O") }),
  },
  "ignore-operator": {
    usage: "ignore-operator:<gt|gte|lt|lte|eq>",
    make: (op, spec) => ({
      spec,
      breaks: `filters with .${need(op, spec)} are accepted and ignored`,
      install: (app) =>
        app.addHook("preHandler", async (request) => {
          const q = request.query as Record<string, unknown> | undefined;
          if (q) for (const k of Object.keys(q)) if (k.endsWith(`.${op}`)) delete q[k];
        }),
    }),
  },
  "drop-event": {
    usage: "drop-event:<EventType>",
    make: (type, spec) => ({
      spec,
      breaks: `${need(type, spec)} is never sent`,
      profile: (f) => {
        f.events.rules = f.events.rules.filter((r) => r.eventType !== type);
      },
    }),
  },
  "keep-on-leave": {
    usage: "keep-on-leave",
    make: (_a, spec) => ({
      spec,
      breaks: "a status change clears nothing (lifecycle.onLeave ignored)",
      profile: (f) => {
        delete f.lifecycle.onLeave;
      },
    }),
  },
  "allow-transition": {
    usage: "allow-transition:<from>-><to>",
    make: (arg, spec) => {
      const [from, to] = need(arg, spec).split("->");
      if (!from || !to) throw new FaultError(`${spec}: write allow-transition:<from>-><to>`);
      return {
        spec,
        breaks: `an operator may move a ticket from ${from} to ${to}`,
        profile: (f) => {
          f.lifecycle.final.values = f.lifecycle.final.values.filter((s) => s !== from);
          f.lifecycle.operator.push({ from: [from], to: [to], provenance: "chosen" });
        },
      };
    },
  },
  "drop-header": {
    usage: "drop-header:<name>",
    make: (name, spec) => ({
      spec,
      breaks: `the ${need(name, spec)} header is never sent`,
      install: (app) =>
        app.addHook("onSend", async (_request, reply, payload) => {
          reply.removeHeader(name as string);
          return payload;
        }),
    }),
  },
};

export class FaultError extends Error {
  override name = "FaultError";
}

export const FAULT_USAGE = Object.values(KINDS).map((k) => k.usage);

/** Parses `name` or `name:argument` specs; an unknown one lists the known forms. */
export function parseFaults(specs: readonly string[]): Fault[] {
  return specs.map((spec) => {
    const i = spec.indexOf(":");
    const kind = KINDS[i < 0 ? spec : spec.slice(0, i)];
    if (!kind) throw new FaultError(`unknown fault "${spec}"; known: ${FAULT_USAGE.join(", ")}`);
    return kind.make(i < 0 ? undefined : spec.slice(i + 1), spec);
  });
}

/** The model the misbehaving simulator serves: the profile with the faults' edits. */
export function faultyModel(model: Model, faults: readonly Fault[]): Model {
  const edits = faults.filter((f) => f.profile);
  if (edits.length === 0) return model;
  const file = structuredClone(model.file) as ProfileFile;
  for (const f of edits) f.profile?.(file);
  const faulty = buildModel(file, `${model.id} with ${edits.map((f) => f.spec).join(", ")}`);
  return Object.freeze({ ...faulty, basePath: model.basePath });
}

function need(arg: string | undefined, spec: string): string {
  if (!arg) throw new FaultError(`${spec}: this fault needs an argument`);
  return arg;
}

/** Replaces a rule letter everywhere, PD outcomes included. */
function relax(file: ProfileFile, from: string, to: "O"): void {
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
