import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it, onTestFinished } from "vitest";
import { DEFAULT_PROFILE, loadProfile, ProfileError } from "../model/load.ts";
import { sampleTicket } from "../model/sample.ts";
import { UsageError } from "./args.ts";
import type { SimulateConfig } from "./simulate.ts";
import { configFromArgs } from "./simulate.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
// `npx tsx` without npm's wrapper shell, which does not pass signals on: the test
// must signal the simulator itself to see its exit code.
const TSX = resolve(ROOT, "node_modules/tsx/dist/cli.mjs");
const model = loadProfile();

function tempFile(name: string, content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), "nexera-sim-")), name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

function config(argv: string[]): SimulateConfig {
  const c = configFromArgs(argv);
  if (c === "help") throw new Error("unexpected help");
  return c;
}

function brokenProfile(): string {
  const file = JSON.parse(readFileSync(DEFAULT_PROFILE, "utf8"));
  file.lifecycle.initial.value = "limbo";
  file.objects.TroubleTicket.fields.name.rules.Complaint.POST = "X";
  return tempFile("broken.json", file);
}

it("defaults to 127.0.0.1:8080, auth either and the documented operator", () => {
  const c = config([]);
  expect(c.host).toBe("127.0.0.1");
  expect(c.port).toBe(8080);
  expect(c.options.auth).toBe("either");
  expect(c.options.operators).toEqual([{ user: "operator", password: "operator-secret" }]);
  expect(c.options.basePath).toBeUndefined();
  expect(c.options.autoplay).toBeUndefined();
});

it("takes repeated --credentials and an --operators file together", () => {
  const file = tempFile("ops.json", [{ user: "c", password: "pc" }, "d:p:d"]);
  const c = config(["--credentials", "a:pa", "--credentials", "b:pb", "--operators", file]);
  expect(c.options.operators).toEqual([
    { user: "a", password: "pa" },
    { user: "b", password: "pb" },
    { user: "c", password: "pc" },
    { user: "d", password: "p:d" },
  ]);
});

it("lists every bad entry of an operators file", () => {
  const file = tempFile("ops.json", ["ok:pw", 7, { user: "x" }]);
  expect(() => config(["--operators", file])).toThrow(/\[1\][\s\S]*\[2\]/);
});

it("reads the autoplay, base path, public URL, token TTL, body limit and seed data flags", () => {
  const seed = tempFile("seed.json", [sampleTicket(model, "Complaint")]);
  const c = config([
    "--autoplay",
    "--autoplay-step-ms",
    "50",
    "--base-path",
    "api/x/",
    "--public-url",
    "http://h:1",
    "--token-ttl",
    "9",
    "--body-limit",
    "100",
    "--seed-data",
    seed,
  ]);
  expect(c.options).toMatchObject({
    autoplay: { stepMs: 50 },
    basePath: "/api/x",
    publicUrl: "http://h:1",
    tokenTtlSeconds: 9,
    bodyLimit: 100,
  });
  expect(c.options.seedData).toEqual([sampleTicket(model, "Complaint")]);
});

it.each([
  [["--auth", "digest"]],
  [["--credentials", "no-colon"]],
  [["--port", "http"]],
  [["--public-url", "nexera.example"]],
  [["--unknown"]],
])("refuses the command line %j with a UsageError", (argv) => {
  expect(() => config(argv)).toThrow(UsageError);
});

it("refuses a broken profile with a ProfileError listing every problem", () => {
  let error: unknown;
  try {
    config(["--profile", brokenProfile()]);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ProfileError);
  expect((error as ProfileError).problems.length).toBeGreaterThanOrEqual(2);
});

interface Run {
  stdout: string;
  stderr: string;
  exit: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
}

function run(args: string[]): Run {
  const child = spawn(process.execPath, [TSX, "simulator/cli/simulate.ts", ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const r: Run = {
    stdout: "",
    stderr: "",
    exit: new Promise((done) => child.on("exit", (code) => done(code))),
    kill: (signal) => void child.kill(signal),
  };
  child.stdout.on("data", (d: Buffer) => (r.stdout += String(d)));
  child.stderr.on("data", (d: Buffer) => (r.stderr += String(d)));
  onTestFinished(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  return r;
}

async function firstLine(r: Run): Promise<string> {
  for (let i = 0; i < 300 && !r.stdout.includes("\n"); i++) await new Promise((ok) => setTimeout(ok, 50));
  return r.stdout.split("\n")[0] ?? "";
}

it.each(["SIGTERM", "SIGINT"] as const)(
  "prints one line with the base URL, serves on it and exits 0 on %s",
  async (signal) => {
    const r = run(["--port", "0"]);
    const line = await firstLine(r);
    expect(line).toMatch(/^Nexera simulator listening at http:\/\/127\.0\.0\.1:\d+\/tmf-api\/troubleTicket\/v4$/);
    const base = line.replace("Nexera simulator listening at ", "");
    const auth = `Basic ${Buffer.from("operator:operator-secret").toString("base64")}`;
    const created = await fetch(`${base}/troubleTicket`, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/json" },
      body: JSON.stringify(sampleTicket(model, "Complaint")),
    });
    expect(created.status).toBe(201);
    r.kill(signal);
    expect(await r.exit).toBe(0);
    expect(r.stdout.trimEnd().split("\n")).toHaveLength(1);
  },
);

it("exits 2 with the message and the usage for a bad flag", async () => {
  const r = run(["--port", "nope"]);
  expect(await r.exit).toBe(2);
  expect(r.stderr).toMatch(/--port must be an integer/);
  expect(r.stderr).toMatch(/usage:/);
  expect(r.stdout).toBe("");
});

it("exits 2 listing the problems of a broken profile", async () => {
  const r = run(["--profile", brokenProfile()]);
  expect(await r.exit).toBe(2);
  expect(r.stderr).toMatch(/invalid profile/);
  expect(r.stderr.match(/^\s+- /gm)?.length ?? 0).toBeGreaterThanOrEqual(2);
});
