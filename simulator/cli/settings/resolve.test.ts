// The engine's one precedence rule, origins, and every problem in one error.
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSettings } from "./resolve.ts";
import { DEMO, demo, POSITIONAL, problemsOf, tempJson } from "./testing.ts";

describe("values and defaults", () => {
  it("gives the defaults when nothing is given, each marked as a default", () => {
    const r = demo({});
    expect(r.values).toEqual({
      host: "127.0.0.1",
      port: 8080,
      limit: undefined,
      mode: "a",
      tag: [],
      verbose: false,
      dir: "/work/out",
      login: undefined,
      place: "local",
    });
    expect(new Set(Object.values(r.origins))).toEqual(new Set(["default"]));
    expect(r.configFile).toBeUndefined();
  });

  it("reads --flag value, --flag=value and bare switches", () => {
    const r = demo({
      argv: ["--host", "0.0.0.0", "--port=0", "--limit", "5", "--mode", "b", "--verbose", "--login=u:p:q"],
    });
    expect(r.values).toMatchObject({ host: "0.0.0.0", port: 0, limit: 5, mode: "b", verbose: true });
    expect(r.values.login).toEqual({ user: "u", password: "p:q" });
  });

  it("collects a repeatable flag in order, and a comma-separated environment list trimmed", () => {
    expect(demo({ argv: ["--tag", "x", "--tag", "y:z"] }).values.tag).toEqual(["x", "y:z"]);
    expect(demo({ env: { DEMO_TAG: " x, y ,,z" } }).values.tag).toEqual(["x", "y", "z"]);
  });

  it("computes a default from the settings given, not from other defaults", () => {
    expect(demo({}).values.place).toBe("local");
    expect(demo({ env: { DEMO_HOST: "h" } }).values.place).toBe("remote");
    expect(demo({ argv: ["--place", "local", "--host", "h"] }).values.place).toBe("local");
  });

  it("reads switches as true/false, 1/0, yes/no in the environment and --flag=false", () => {
    expect(demo({ env: { DEMO_VERBOSE: "yes" } }).values.verbose).toBe(true);
    expect(demo({ env: { DEMO_VERBOSE: "1" }, argv: ["--verbose=false"] }).values.verbose).toBe(false);
  });

  it("turns a switch off with --no-<flag>, over the environment", () => {
    expect(demo({ env: { DEMO_VERBOSE: "yes" }, argv: ["--no-verbose"] }).values.verbose).toBe(false);
    expect(demo({ argv: ["--no-verbose"] }).origins.verbose).toBe("flag");
  });

  it("ignores an empty environment variable", () => {
    expect(demo({ env: { DEMO_PORT: "" } }).origins.port).toBe("default");
  });
});

describe("precedence: flag > environment > config file > default", () => {
  it("takes each setting from its first source and records which", () => {
    const file = tempJson({ host: "file", port: 3, mode: "b", limit: 9 });
    const r = demo({ argv: ["--config", file, "--host", "flag"], env: { DEMO_HOST: "env", DEMO_PORT: "2" } });
    expect(r.values).toMatchObject({ host: "flag", port: 2, mode: "b", limit: 9, verbose: false });
    expect(r.origins).toMatchObject({ host: "flag", port: "env", mode: "file", limit: "file", verbose: "default" });
    expect(r.configFile).toBe(file);
  });

  it("replaces a repeatable setting whole: flags over the environment's list", () => {
    const r = demo({ argv: ["--tag", "f"], env: { DEMO_TAG: "e1,e2" } });
    expect(r.values.tag).toEqual(["f"]);
    expect(r.origins.tag).toBe("flag");
  });

  it("finds the config file through the environment, the flag winning", () => {
    const a = tempJson({ port: 1 });
    const b = tempJson({ port: 2 });
    expect(demo({ env: { DEMO_CONFIG: a } }).values.port).toBe(1);
    expect(demo({ argv: ["--config", b], env: { DEMO_CONFIG: a } }).values.port).toBe(2);
  });

  it("resolves paths against the working directory, or the config file's folder", () => {
    const file = tempJson({ dir: "data" });
    expect(demo({ argv: ["--dir", "data"] }).values.dir).toBe("/work/data");
    expect(demo({ argv: ["--config", file] }).values.dir).toBe(join(dirname(file), "data"));
  });

  it("uses a setting's own environment variable and key when the table names them", () => {
    expect(demo({ env: { DEMO_USER_LOGIN: "e:p" } }).values.login?.user).toBe("e");
    expect(demo({ argv: ["--config", tempJson({ user: "f:p" })] }).values.login?.user).toBe("f");
  });
});

describe("every problem in one error", () => {
  it.each([
    [["--nope"], /^unknown flag --nope$/],
    [["--prot", "1"], /^unknown flag --prot \(did you mean --port\?\)$/],
    [["--port", "eighty"], /^--port: must be an integer from 0 to 65535, got "eighty"$/],
    [["--port", "70000"], /^--port: must be an integer from 0 to 65535, got "70000"$/],
    [["--port=-1"], /^--port: must be an integer from 0 to 65535, got "-1"$/],
    [["--limit", "0"], /^--limit: must be an integer of at least 1, got "0"$/],
    [["--mode", "c"], /^--mode: must be one of a, b, got "c"$/],
    [["--host", "a", "--host", "b"], /^--host given 2 times; it takes one value$/],
    [["stray"], /^unexpected argument "stray"/],
    [["--port"], /^--port needs a value \(--port N\)$/],
    [["--port", "--host", "h"], /^--port needs a value/],
    [["--login", "nocolon"], /^--login: credentials must look like user:password, got "nocolon"$/],
    [["--verbose=maybe"], /^--verbose: must be true or false/],
  ])("refuses %j, saying what was wrong and what is accepted", (argv, message) => {
    expect(problemsOf(() => demo({ argv }))).toEqual([expect.stringMatching(message)]);
  });

  it("lists the problems of flags, environment and config file together, each naming its source", () => {
    const file = tempJson({ mode: "z", limit: 0 });
    const problems = problemsOf(() =>
      demo({ argv: ["--port", "abc", "--config", file, "--bogus"], env: { DEMO_VERBOSE: "maybe", DEMO_TAG: "a, " } }),
    );
    expect(problems).toEqual([
      "unknown flag --bogus",
      `${file}: limit: must be an integer of at least 1, got 0`,
      `${file}: mode: must be one of a, b, got "z"`,
      '--port: must be an integer from 0 to 65535, got "abc"',
      'DEMO_VERBOSE: must be true or false (also 1 or 0, yes or no, on or off), got "maybe"',
    ]);
  });

  it("words the error as one message, one problem a line", () => {
    expect(() => demo({ argv: ["--port", "x", "--mode", "c"] })).toThrow(
      'demo: 2 invalid settings:\n  - --port: must be an integer from 0 to 65535, got "x"\n  - --mode: must be one of a, b, got "c"',
    );
  });

  it("never shows a password", () => {
    const problems = problemsOf(() => demo({ argv: ["--config", tempJson({ user: ":secret" })] }));
    expect(problems.join("\n")).not.toContain("secret");
  });
});

describe("--help and bare arguments", () => {
  it("answers --help and -h before anything else, even bad settings", () => {
    expect(readSettings(DEMO, { argv: ["--port", "x", "--help"] })).toEqual({ help: true });
    expect(readSettings(DEMO, { argv: ["-h"], env: { DEMO_CONFIG: "/no/such/file.json" } })).toEqual({ help: true });
  });

  it("takes bare arguments as the positional setting's values, after -- too", () => {
    const r = readSettings(POSITIONAL, { argv: ["a.txt", "--file", "b.txt", "--", "--c.txt"] });
    expect(r.help === false && r.values.files).toEqual(["a.txt", "b.txt", "--c.txt"]);
  });
});
