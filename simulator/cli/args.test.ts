import { expect, it } from "vitest";
import { parseArgs, UsageError, usage } from "./args.ts";

const SPEC = {
  host: { kind: "string", default: "127.0.0.1", help: "host" },
  port: { kind: "integer", default: 8080, min: 0, max: 65535, help: "port" },
  limit: { kind: "integer", help: "optional number" },
  mode: { kind: "string", choices: ["a", "b"], default: "a", help: "mode" },
  tag: { kind: "string", multiple: true, help: "repeatable" },
  verbose: { kind: "boolean", help: "flag" },
} as const;

it("gives the defaults when no flag is given", () => {
  expect(parseArgs([], SPEC)).toEqual({
    help: false,
    host: "127.0.0.1",
    port: 8080,
    limit: undefined,
    mode: "a",
    tag: [],
    verbose: false,
  });
});

it("reads values given as --flag value and --flag=value", () => {
  const a = parseArgs(["--host", "0.0.0.0", "--port=0", "--limit", "5", "--mode", "b", "--verbose"], SPEC);
  expect(a).toMatchObject({ host: "0.0.0.0", port: 0, limit: 5, mode: "b", verbose: true });
});

it("collects a repeatable flag in order", () => {
  expect(parseArgs(["--tag", "x", "--tag", "y:z"], SPEC).tag).toEqual(["x", "y:z"]);
});

it.each([
  [["--nope"], /nope/],
  [["--port", "eighty"], /integer/],
  [["--port", "70000"], /at most 65535/],
  [["--port=-1"], /at least 0/],
  [["--mode", "c"], /one of a, b/],
  [["--host", "a", "--host", "b"], /2 times/],
  [["stray"], /stray|positional/i],
  [["--port"], /argument missing|port/],
])("throws a UsageError for %j", (argv, message) => {
  expect(() => parseArgs(argv, SPEC)).toThrow(UsageError);
  expect(() => parseArgs(argv, SPEC)).toThrow(message);
});

it("recognises --help and -h", () => {
  expect(parseArgs(["--help"], SPEC).help).toBe(true);
  expect(parseArgs(["-h"], SPEC).help).toBe(true);
});

it("lists every flag with its default in the usage", () => {
  const text = usage("tool", SPEC);
  for (const name of Object.keys(SPEC)) expect(text).toContain(`--${name}`);
  expect(text).toContain("default 8080");
  expect(text).toContain("<a|b>");
  expect(text).toContain("repeatable");
});
