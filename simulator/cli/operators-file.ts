// `simulate --operators FILE`: a JSON array of {"user","password"} objects or
// "user:password" strings, checked with ajv (every bad entry listed with its index);
// strings go through the project's one user:password parser.
import { CREDENTIALS_PATTERN, type Credentials, parseCredentials, USER_PATTERN } from "../model/credentials.ts";
import { createAjv } from "../model/schema-check.ts";
import { jsonFile, type Parser } from "./settings/parsers.ts";

const ACCEPTS = 'a JSON array of {"user","password"} objects or "user:password" strings';

export const OPERATORS_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: "simulate --operators FILE",
  type: "array",
  items: {
    anyOf: [
      { type: "string", pattern: CREDENTIALS_PATTERN },
      {
        type: "object",
        additionalProperties: false,
        required: ["user", "password"],
        // A user name holds no colon: it is the user:password pair's first half.
        properties: { user: { type: "string", pattern: USER_PATTERN }, password: { type: "string" } },
      },
    ],
  },
} as const;

// Compiled on first use: most runs have no such file.
let validate: ReturnType<ReturnType<typeof createAjv>["compile"]> | undefined;

/** The operators a file's JSON holds; throws one message listing every bad entry. */
export function readOperators(data: unknown, file: string): Credentials[] {
  validate ??= createAjv().compile(OPERATORS_SCHEMA);
  if (!validate(data)) {
    if (!Array.isArray(data)) throw new Error(`${file} must hold ${ACCEPTS}`);
    const bad = [...new Set((validate.errors ?? []).map((e) => Number(e.instancePath.split("/")[1])))];
    const lines = bad.map(
      (i) => `[${i}]: expected {"user": "name", "password": "..."} or "user:password", got ${shown(data[i])}`,
    );
    throw new Error(`${file} must hold ${ACCEPTS}:\n${lines.map((l) => `  - ${l}`).join("\n")}`);
  }
  return (data as Array<string | Credentials>).map((item) =>
    typeof item === "string" ? parseCredentials(item) : { user: item.user, password: item.password },
  );
}

/** What is shown of a bad entry: never a password. */
function shown(item: unknown): string {
  if (typeof item === "string") return JSON.stringify(item.replace(/:.*/s, ":***"));
  if (item !== null && typeof item === "object" && !Array.isArray(item))
    return `an object with keys ${
      Object.keys(item)
        .map((k) => JSON.stringify(k))
        .join(", ") || "(none)"
    }`;
  return JSON.stringify(item) ?? String(item);
}

export const operatorsFile: Parser<Credentials[]> = jsonFile(ACCEPTS, readOperators);
