import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { DEFAULT_PROFILE, loadProfile } from "../model/load.ts";
import { sampleTicket } from "../model/sample.ts";
import { resolveSettings, SettingsError } from "./settings/resolve.ts";
import { SIMULATE, type SimulateConfig, simulateConfig } from "./simulate-settings.ts";
import { firstLine, run } from "./testing.ts";

const model = loadProfile();

function tempFile(name: string, content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), "nexera-sim-")), name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

function config(argv: string[], env: Record<string, string> = {}): SimulateConfig {
  return simulateConfig(resolveSettings(SIMULATE, { argv, env }).values);
}

function problems(argv: string[], env: Record<string, string> = {}): readonly string[] {
  try {
    config(argv, env);
  } catch (e) {
    if (e instanceof SettingsError) return e.problems;
    throw e;
  }
  throw new Error("no SettingsError");
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

it("lists every bad entry of an operators file, never showing a password", () => {
  const file = tempFile("ops.json", ["ok:pw", 7, { user: "x" }, ":hidden", { user: "a:b", password: "p" }]);
  const [problem, ...more] = problems(["--operators", file]);
  expect(more).toEqual([]);
  expect(problem).toMatch(/^--operators: [\s\S]*\[1\][\s\S]*\[2\][\s\S]*\[3\][\s\S]*\[4\]/);
  expect(problem).not.toMatch(/\[0\]|hidden/);
});

it("takes operators from the environment (comma-separated) and a config file, flags first", () => {
  const file = tempFile("sim.json", { credentials: ["f:pf"], port: 0, autoplay: true, logLevel: "silent" });
  const env = { NEXERA_SIMULATE_CREDENTIALS: "e1:p1, e2:p2", NEXERA_SIMULATE_CONFIG: file, NEXERA_SIMULATE_PORT: "9" };
  const c = config(["--port", "7"], env);
  expect(c.options.operators).toEqual([
    { user: "e1", password: "p1" },
    { user: "e2", password: "p2" },
  ]);
  expect(c.port).toBe(7);
  expect(c.options.autoplay).toEqual({ stepMs: 2000 });
  expect(c.options.logger).toBe(false);
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
  [["--auth", "digest"], /^--auth: must be one of bearer, basic, either, got "digest"$/],
  [["--credentials", "no-colon"], /^--credentials: .*user:password, got "no-colon"$/],
  [["--port", "http"], /^--port: must be an integer from 0 to 65535, got "http"$/],
  [["--public-url", "nexera.example"], /^--public-url: must be an absolute http or https URL/],
  [["--misbehave", "drop-everything"], /^--misbehave: unknown fault "drop-everything"; known: accept-missing-required/],
  [["--unknown"], /^unknown flag --unknown$/],
])("refuses the command line %j, saying what is accepted", (argv, message) => {
  expect(problems(argv)).toEqual([expect.stringMatching(message)]);
});

it("lists a broken profile's every problem among the other bad settings", () => {
  const [port, profile, ...more] = problems(["--port", "x", "--profile", brokenProfile()]);
  expect(port).toMatch(/^--port: /);
  expect(profile).toMatch(/^--profile: invalid profile /);
  expect(profile?.match(/\n\s+- /g)?.length ?? 0).toBeGreaterThanOrEqual(2);
  expect(more).toEqual([]);
});

it.each(["SIGTERM", "SIGINT"] as const)(
  "prints one line with the base URL, serves on it and exits 0 on %s",
  async (signal) => {
    const r = run("simulator/cli/simulate.ts", ["--port", "0"]);
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

it("exits 2 naming every bad setting, with what was wrong and what is accepted", async () => {
  const r = run("simulator/cli/simulate.ts", ["--port", "abc", "--auth", "nope", "--token-ttl", "0"]);
  expect(await r.exit).toBe(2);
  expect(r.stderr).toContain(
    [
      "simulate: 3 invalid settings:",
      '  - --port: must be an integer from 0 to 65535, got "abc"',
      '  - --auth: must be one of bearer, basic, either, got "nope"',
      '  - --token-ttl: must be an integer of at least 1, got "0"',
    ].join("\n"),
  );
  expect(r.stderr).toContain("npm run simulate -- --help");
  expect(r.stdout).toBe("");
});

it("exits 2 listing the problems of a broken profile", async () => {
  const r = run("simulator/cli/simulate.ts", ["--profile", brokenProfile()]);
  expect(await r.exit).toBe(2);
  expect(r.stderr).toMatch(/--profile: invalid profile/);
  expect(r.stderr.match(/^\s+- /gm)?.length ?? 0).toBeGreaterThanOrEqual(2);
});

it("reads the limits of docs/rules.md §8 into the simulator's options, defaults included", () => {
  expect(config([]).options).toMatchObject({
    limits: { perOperator: 100_000, ticketBytes: 8 * 1024 * 1024 },
    events: { maxSubscriptionsPerOperator: 1000, maxPending: 10_000, maxRecords: 10_000 },
  });
  const argv = ["--max-tickets-per-operator", "5", "--max-ticket-bytes", "600", "--max-subscriptions-per-operator"];
  const c = config([...argv, "2", "--max-pending-deliveries", "3", "--max-delivery-records", "4"]);
  expect(c.options).toMatchObject({
    limits: { perOperator: 5, ticketBytes: 600 },
    events: { maxSubscriptionsPerOperator: 2, maxPending: 3, maxRecords: 4 },
  });
  expect(problems(["--max-tickets-per-operator", "0", "--max-delivery-records", "x"])).toEqual([
    '--max-tickets-per-operator: must be an integer of at least 1, got "0"',
    '--max-delivery-records: must be an integer of at least 1, got "x"',
  ]);
});
