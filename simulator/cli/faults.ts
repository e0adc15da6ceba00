// The fault catalogue as the certify entry points see it (suites/cli may import
// simulator/cli only): every fault with the arguments worth proving for a model.
import { CATALOGUE, usageOf } from "../http/faults.ts";

export { parseFaults } from "../http/faults.ts";

import type { Model } from "../model/model.ts";

export interface Provable {
  /** The --misbehave spec, e.g. "drop-event:TroubleTicketResolvedEvent". */
  readonly spec: string;
  readonly description: string;
  /** The certify suites that guard the rule. */
  readonly suites: readonly string[];
  /** What a failing case's title or message must match. */
  readonly names: RegExp;
}

/** Each fault of the catalogue, once per example argument (a fault the model gives nothing to bend is left out). */
export function provableFaults(model: Model): { provable: Provable[]; notApplicable: string[] } {
  const provable: Provable[] = [];
  const notApplicable: string[] = [];
  for (const f of CATALOGUE) {
    const args = f.arg ? f.arg.examples(model) : [undefined];
    if (args.length === 0) notApplicable.push(usageOf(f));
    for (const arg of args) {
      const names = typeof f.proof.names === "function" ? f.proof.names(arg ?? "", model) : f.proof.names;
      provable.push({
        spec: arg === undefined ? f.name : `${f.name}:${arg}`,
        description: f.description,
        suites: f.proof.suites,
        names,
      });
    }
  }
  return { provable, notApplicable };
}
