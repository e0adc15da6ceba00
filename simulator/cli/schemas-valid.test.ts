// ajv does not check schemas against the draft 2020-12 meta-schema at run time
// (createAjv in simulator/model/schema-check.ts says why): this checks every schema the
// simulator compiles, the profile-derived ones of every profile in fixtures included.
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { KNOBS_SCHEMA } from "../listener/knobs.ts";
import { FIXTURES, loadProfile, PROFILE_SCHEMA } from "../model/load.ts";
import { createAjv } from "../model/schema-check.ts";
import { OPERATORS_SCHEMA } from "./operators-file.ts";

const ajv = createAjv();
const problems = (schema: unknown) => (ajv.validateSchema(schema as object) ? [] : ajv.errors);

describe("every schema the simulator compiles is a valid draft 2020-12 schema", () => {
  it.each([
    ["the profile file's schema", JSON.parse(readFileSync(PROFILE_SCHEMA, "utf8"))],
    ["the listener's knobs", KNOBS_SCHEMA],
    ["simulate --operators FILE", OPERATORS_SCHEMA],
  ])("%s", (_name, schema) => {
    expect(problems(schema)).toEqual([]);
  });

  const profiles = ["profile", "profile/variants"].flatMap((dir) =>
    readdirSync(resolve(FIXTURES, dir))
      .filter((f) => f.endsWith(".json"))
      .map((f) => resolve(FIXTURES, dir, f)),
  );
  it.each(profiles)("the schemas derived from %s", (file) => {
    expect(problems(loadProfile(file).schemas)).toEqual([]);
  });

  it("and the check itself fails a broken schema", () => {
    expect(problems({ type: "object", properties: { a: { minLength: "3" } } })).not.toEqual([]);
  });
});
