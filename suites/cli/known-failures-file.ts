// The --known-failures file: a JSON array of {"rule": "<rule id>", "reason": "...",
// "expires"?: "YYYY-MM-DD"}, checked by ajv when the settings are read (a bad file is
// a bad setting, exit 2). What certify does with it: known-failures.ts.
import { createAjv } from "../../simulator/model/schema-check.ts";

export interface KnownFailure {
  readonly rule: string;
  readonly reason: string;
  readonly expires?: string;
}

export const KNOWN_FAILURES_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: "certify --known-failures FILE",
  type: "array",
  items: {
    type: "object",
    required: ["rule", "reason"],
    additionalProperties: false,
    properties: {
      rule: { type: "string", minLength: 1, description: "a rule id of summary.json" },
      reason: { type: "string", minLength: 1 },
      expires: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "the last day the entry holds" },
    },
  },
} as const;

// Compiled on first use: most runs have no such file.
let validate: ReturnType<ReturnType<typeof createAjv>["compile"]> | undefined;

export const KNOWN_FAILURES_ACCEPTS =
  'a JSON array of {"rule": "<rule id>", "reason": "...", "expires"?: "YYYY-MM-DD"}';

/** Reads the file's JSON; throws one message listing every bad entry. */
export function readKnownFailures(data: unknown, file: string): KnownFailure[] {
  validate ??= createAjv().compile(KNOWN_FAILURES_SCHEMA);
  if (!validate(data)) {
    const lines = (validate.errors ?? []).map((e) => `${e.instancePath || "(the file)"} ${e.message ?? "is invalid"}`);
    throw new Error(`${file} must hold ${KNOWN_FAILURES_ACCEPTS}:\n${lines.map((l) => `  - ${l}`).join("\n")}`);
  }
  return data as KnownFailure[];
}
