// Config files: a JSON object keyed by the table's config keys. Checked with ajv
// against a JSON Schema derived from the table (unknown keys rejected, every value
// type-checked, every problem listed); a value that passes is then parsed like a
// flag's, relative paths resolving against the file's folder.
import { readFileSync } from "node:fs";
import type { ErrorObject, ValidateFunction } from "ajv";
import { createAjv } from "../../model/schema-check.ts";
import { nearest } from "./argv.ts";
import type { Command, Row } from "./command.ts";
import { display, type JsonSchema } from "./parsers.ts";

export interface ConfigFile {
  /** JSON values by setting name. */
  readonly values: ReadonlyMap<string, unknown>;
  readonly problems: readonly string[];
}

/** The JSON Schema of a command's config file ("$schema" is allowed, for editors). */
export function configSchema(command: Command<unknown>): JsonSchema {
  const properties: Record<string, JsonSchema> = { $schema: { type: "string" } };
  for (const r of command.rows) {
    const one = { description: r.help, ...r.parse.schema };
    properties[r.key] = r.repeats ? { type: "array", items: one } : one;
  }
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: `${command.invocation} --config FILE`,
    type: "object",
    additionalProperties: false,
    properties,
  };
}

const ajv = createAjv();
const compiled = new WeakMap<Command<unknown>, ValidateFunction>();

function validator(command: Command<unknown>): ValidateFunction {
  let v = compiled.get(command);
  if (!v) {
    v = ajv.compile(configSchema(command));
    compiled.set(command, v);
  }
  return v;
}

/** Reads and checks `file`; problems are worded "<key>: <what is wrong>", the caller adds the file name. */
export function readConfigFile(command: Command<unknown>, file: string): ConfigFile {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    return { values: new Map(), problems: [`cannot read it as JSON: ${(e as Error).message}`] };
  }
  const validate = validator(command);
  const byKey = new Map(command.rows.map((r) => [r.key, r]));
  const errors = validate(data) ? [] : (validate.errors ?? []);
  if (data === null || typeof data !== "object" || Array.isArray(data))
    return { values: new Map(), problems: errors.map((e) => describe(e, data, byKey)) };
  // Keys that pass are still taken, so their values' own problems are listed too.
  const badKeys = new Set(errors.map((e) => e.instancePath.split("/")[1]));
  const values = new Map<string, unknown>();
  for (const [key, value] of Object.entries(data)) {
    const row = byKey.get(key);
    if (row && !badKeys.has(key)) values.set(row.name, value);
  }
  return { values, problems: [...new Set(errors.map((e) => describe(e, data, byKey)))] };
}

/** One schema error in the table's words: the setting's accepted values, not the schema keyword. */
function describe(e: ErrorObject, data: unknown, byKey: ReadonlyMap<string, Row>): string {
  const path = e.instancePath.split("/").slice(1);
  if (path.length === 0) {
    if (e.keyword === "additionalProperties") {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const known = [...byKey.keys()];
      return `unknown key ${JSON.stringify(key)}${nearest(key, known, (k) => ` (did you mean "${k}"?)`) || `; known keys: ${known.join(", ")}`}`;
    }
    return `must hold a JSON object of settings, got ${JSON.stringify(data)?.slice(0, 80)}`;
  }
  const [key, index] = path;
  const row = byKey.get(key ?? "");
  const value = (data as Record<string, unknown>)[key ?? ""];
  if (!row) return `${key}: ${e.message ?? "invalid"}`;
  if (row.repeats && index === undefined)
    return `${key}: must be a JSON array, each item ${row.parse.accepts}, got ${display(row.parse, value)}`;
  const item = index === undefined ? value : (value as unknown[])[Number(index)];
  return `${key}${index === undefined ? "" : `[${index}]`}: must be ${row.parse.accepts}, got ${display(row.parse, item)}`;
}
