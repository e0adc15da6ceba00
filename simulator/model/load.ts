// Reads a profile file, validates it (its JSON Schema, then check.ts), and builds
// the frozen rule model (build.ts). Every problem is listed in one ProfileError.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { buildFrom } from "./build.ts";
import { checkProfile } from "./check.ts";
import type { Model } from "./model.ts";
import type { ProfileFile } from "./profile-file.ts";

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = resolve(here, "../../fixtures");
export const DEFAULT_PROFILE = resolve(FIXTURES, "profile/nexera.json");
export const PROFILE_SCHEMA = resolve(FIXTURES, "schema/profile.schema.json");

export class ProfileError extends Error {
  readonly problems: readonly string[];
  constructor(source: string, problems: readonly string[]) {
    super(`invalid profile ${source}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ProfileError";
    this.problems = problems;
  }
}

let validateFile: (((data: unknown) => boolean) & { errors?: unknown }) | undefined;
function schemaValidator() {
  if (!validateFile) {
    // No meta-schema check on each run (see createAjv): schemas-valid.test.ts checks this file.
    const ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: false });
    validateFile = ajv.compile(JSON.parse(readFileSync(PROFILE_SCHEMA, "utf8")));
  }
  return validateFile;
}

export function loadProfile(path: string = DEFAULT_PROFILE): Model {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new ProfileError(path, [(e as Error).message]);
  }
  return buildModel(data, path);
}

export function buildModel(data: unknown, source = "(inline)"): Model {
  const validate = schemaValidator();
  if (!validate(data)) {
    const errs = (validate.errors ?? []) as Array<{
      instancePath: string;
      message?: string;
      params?: Record<string, unknown>;
    }>;
    throw new ProfileError(source, errs.map(formatAjvError));
  }
  const file = data as ProfileFile;
  const problems = checkProfile(file);
  if (problems.length > 0) throw new ProfileError(source, problems);
  return deepFreeze(buildFrom(file));
}

function formatAjvError(e: { instancePath: string; message?: string; params?: Record<string, unknown> }): string {
  const at = e.instancePath || "(top level)";
  if (e.params && "additionalProperty" in e.params)
    return `${at}: unknown key "${String(e.params.additionalProperty)}"`;
  if (e.params && "allowedValues" in e.params) return `${at}: ${e.message} (${JSON.stringify(e.params.allowedValues)})`;
  return `${at}: ${e.message ?? "invalid"}`;
}

function deepFreeze<T>(o: T, seen = new WeakSet<object>()): T {
  if (o === null || typeof o !== "object" || seen.has(o)) return o;
  seen.add(o);
  if (o instanceof Map) for (const v of o.values()) deepFreeze(v, seen);
  else if (o instanceof Set) for (const v of o.values()) deepFreeze(v, seen);
  else for (const v of Object.values(o)) deepFreeze(v, seen);
  return Object.freeze(o);
}
