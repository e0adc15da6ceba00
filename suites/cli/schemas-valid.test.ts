// ajv does not check schemas against the draft 2020-12 meta-schema at run time
// (createAjv in simulator/model/schema-check.ts says why): this checks the schemas of
// the harness's own files.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { createAjv } from "../../simulator/model/schema-check.ts";
import { KNOWN_FAILURES_SCHEMA } from "./known-failures-file.ts";
import { SUMMARY_SCHEMA } from "./summary-file.ts";

it.each([
  ["docs/summary.schema.json", JSON.parse(readFileSync(SUMMARY_SCHEMA, "utf8"))],
  ["certify --known-failures FILE", KNOWN_FAILURES_SCHEMA],
])("%s is a valid draft 2020-12 schema", (_name, schema) => {
  const ajv = createAjv();
  expect(ajv.validateSchema(schema) ? [] : ajv.errors).toEqual([]);
});
