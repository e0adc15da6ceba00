// A demo table for the engine's tests: one setting of each kind.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Credentials } from "../../model/credentials.ts";
import { defineCommand } from "./command.ts";
import { credentials, integer, oneOf, onOff, path, text } from "./parsers.ts";
import { type Inputs, readSettings, SettingsError } from "./resolve.ts";

export interface DemoValues {
  host: string;
  port: number;
  limit: number | undefined;
  mode: "a" | "b";
  tag: readonly string[];
  verbose: boolean;
  dir: string;
  login: Credentials | undefined;
  /** Computed: "remote" when a host is given, else "local". */
  place: "local" | "remote";
}

export const DEMO = defineCommand<DemoValues>({
  name: "demo",
  invocation: "npm run demo --",
  summary: "A command of one setting of each kind.",
  envPrefix: "DEMO_",
  settings: {
    host: { flag: "host", parse: text("HOST"), default: "127.0.0.1", help: "host" },
    port: { flag: "port", parse: integer(0, 65535), default: 8080, help: "port | with a pipe" },
    limit: { flag: "limit", parse: integer(1), help: "an optional number" },
    mode: { flag: "mode", parse: oneOf(["a", "b"]), default: "a", help: "mode <a or b>" },
    tag: { flag: "tag", parse: text("TAG"), repeats: true, help: "repeatable" },
    verbose: { flag: "verbose", parse: onOff, default: false, help: "a switch" },
    dir: {
      flag: "dir",
      parse: path("DIR"),
      default: (_, cwd) => resolve(cwd, "out"),
      defaultText: "`out`",
      help: "a folder",
    },
    login: { flag: "login", env: "DEMO_USER_LOGIN", key: "user", parse: credentials, help: "renamed env and key" },
    place: {
      flag: "place",
      parse: oneOf(["local", "remote"]),
      default: (given) => (given.host === undefined ? "local" : "remote"),
      defaultText: "`remote` when a host is given, else `local`",
      help: "computed default",
    },
  },
});

export const POSITIONAL = defineCommand<{ files: readonly string[] }>({
  name: "positional",
  invocation: "npm run positional --",
  summary: "Bare arguments are files.",
  envPrefix: "POSITIONAL_",
  settings: { files: { flag: "file", parse: text("FILE"), repeats: true, positional: true, help: "a file" } },
});

export function tempJson(content: unknown, name = "config.json"): string {
  const file = join(mkdtempSync(join(tmpdir(), "nexera-settings-")), name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

/** The problems a reading throws (fails the test when it throws none). */
export function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (e) {
    if (e instanceof SettingsError) return e.problems;
    throw e;
  }
  throw new Error("expected a SettingsError");
}

export function demo(inputs: Inputs) {
  const r = readSettings(DEMO, { cwd: "/work", ...inputs });
  if (r.help) throw new Error("unexpected --help");
  return r;
}
