// Reads a run's summary.json and holds it to its documented schema
// (docs/summary.schema.json), so the certificate an operator archives cannot drift
// from what the README promises.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createAjv } from "../../simulator/model/schema-check.ts";
import type { Summary } from "./summary-json.ts";

export const SUMMARY_SCHEMA = resolve(import.meta.dirname, "../../docs/summary.schema.json");

// Compiled on first use: a certify run writes summary.json but never reads one.
let validate: ReturnType<ReturnType<typeof createAjv>["compile"]> | undefined;

/** The summary.json of the run folder `dir`; throws, naming each breach, if it breaks its schema. */
export function readSummary(dir: string): Summary {
  const summary: unknown = JSON.parse(readFileSync(join(dir, "summary.json"), "utf8"));
  validate ??= createAjv().compile(JSON.parse(readFileSync(SUMMARY_SCHEMA, "utf8")));
  if (!validate(summary)) {
    const breaches = (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
    throw new Error(`summary.json breaks docs/summary.schema.json: ${breaches.join("; ")}`);
  }
  return summary as Summary;
}
