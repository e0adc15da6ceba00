// Config files are checked by ajv against the JSON Schema derived from the table.

import { expect, it } from "vitest";
import { createAjv } from "../../model/schema-check.ts";
import { configSchema, readConfigFile } from "./config-file.ts";
import { DEMO, demo, problemsOf, tempJson } from "./testing.ts";

it("derives a schema that refuses unknown keys, types each key and lets a repeatable one be an array", () => {
  const schema = configSchema(DEMO) as { additionalProperties: boolean; properties: Record<string, unknown> };
  expect(schema.additionalProperties).toBe(false);
  expect(Object.keys(schema.properties)).toEqual([
    "$schema",
    "host",
    "port",
    "limit",
    "mode",
    "tag",
    "verbose",
    "dir",
    "user",
    "place",
  ]);
  expect(schema.properties.port).toMatchObject({ type: "integer", minimum: 0, maximum: 65535 });
  expect(schema.properties.tag).toMatchObject({ type: "array", items: { type: "string" } });
  expect(schema.properties.verbose).toMatchObject({ type: "boolean" });
  expect(createAjv().validateSchema(schema)).toBe(true);
});

it("lists every problem of a file at once, in the table's words", () => {
  const file = tempJson({ prot: 1, colour: "red", port: "8080", tag: "x", verbose: "yes", mode: 2, host: "ok" });
  expect(readConfigFile(DEMO, file).problems).toEqual([
    'unknown key "prot" (did you mean "port"?)',
    'unknown key "colour"; known keys: host, port, limit, mode, tag, verbose, dir, user, place',
    'port: must be an integer from 0 to 65535, got "8080"',
    "mode: must be one of a, b, got 2",
    'tag: must be a JSON array, each item a non-empty string, got "x"',
    'verbose: must be true or false (also 1 or 0, yes or no, on or off), got "yes"',
  ]);
});

it("names the bad item of an array", () => {
  expect(readConfigFile(DEMO, tempJson({ tag: ["a", 7, ""] })).problems).toEqual([
    "tag[1]: must be a non-empty string, got 7",
    'tag[2]: must be a non-empty string, got ""',
  ]);
});

it.each([
  ["[1, 2]", /^must hold a JSON object of settings, got \[1,2\]$/],
  ['"port: 1"', /^must hold a JSON object of settings/],
  ["{ port: 1 }", /^cannot read it as JSON: /],
])("refuses a file holding %s", (content, message) => {
  expect(readConfigFile(DEMO, tempJson(content)).problems).toEqual([expect.stringMatching(message)]);
});

it("names a missing file, and allows a $schema key for editors", () => {
  expect(problemsOf(() => demo({ argv: ["--config", "/no/such/config.json"] }))).toEqual([
    expect.stringMatching(/^\/no\/such\/config\.json: cannot read it as JSON: ENOENT/),
  ]);
  expect(demo({ argv: ["--config", tempJson({ $schema: "./demo.schema.json", port: 1 })] }).values.port).toBe(1);
});

it("still parses the keys that pass, so their own problems are listed with the schema's", () => {
  const file = tempJson({ port: "x", user: "nocolon" });
  expect(problemsOf(() => demo({ argv: ["--config", file] }))).toEqual([
    `${file}: port: must be an integer from 0 to 65535, got "x"`,
    `${file}: user: must be user:password (the password may hold colons), got "nocolon"`,
  ]);
});
