// A suite whose setup fails against the target reports its cases as not run, with the
// setup's failure as the reason, and the run fails: shown against a stateless mock of
// the API, which answers every create but never stores what it created.
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { run } from "../../simulator/cli/testing.ts";
import { readSummary } from "./summary-file.ts";

const BASE = "/tmf-api/troubleTicket/v4";
const mock = Fastify();
mock.post(`${BASE}/troubleTicket`, async (req, reply) => {
  const id = randomUUID();
  reply.code(201).header("location", `${BASE}/troubleTicket/${id}`);
  return { ...(req.body as object), id, href: `${BASE}/troubleTicket/${id}`, status: "acknowledged" };
});
mock.get(`${BASE}/troubleTicket`, async () => []);
mock.get(`${BASE}/troubleTicket/:id`, async (_req, reply) =>
  reply.code(404).send({ code: "404", reason: "Not Found" }),
);
let target = "";
beforeAll(async () => {
  await mock.listen({ port: 0, host: "127.0.0.1" });
  target = `http://127.0.0.1:${(mock.server.address() as AddressInfo).port}${BASE}`;
});
afterAll(() => mock.close());

it("reports the cases of a suite whose setup failed as not run, with the setup's failure, and fails the run", async () => {
  const dir = mkdtempSync(join(tmpdir(), "setup-failure-"));
  const child = run("suites/cli/certify.ts", [
    ...["--target", target, "--auth", "basic", "--driver", "none", "--suite", "filtering"],
    ...["--results-dir", dir, "--no-html", "--seed", "3"],
  ]);
  expect(await child.exit, child.stdout + child.stderr).toBe(1);
  const summary = readSummary(dir);
  expect(summary.verdict).toBe("not conformant");
  expect(summary.setups.length).toBeGreaterThan(0);
  expect(summary.counts.notRun).toBe(summary.setups.reduce((n, s) => n + s.cases, 0));
  expect(summary.counts.notRun).toBeGreaterThan(0);
  for (const s of summary.setups) expect(s.harness).toBe(false);
  // No case is skipped without a reason, and every not-run case names its setup and why.
  expect(summary.cases.filter((c) => c.state === "skipped" && (c.why ?? "skipped") === "skipped")).toEqual([]);
  for (const c of summary.cases.filter((x) => x.state === "notRun"))
    expect(c.why).toMatch(/^not run: the setup of suites\/filtering\/\S+\.test\.ts( > .+)? failed: .+/);
  expect(child.stdout).toMatch(/^not run: {2}\d+ case\(s\): a setup they need failed \(this fails the run\)$/m);
  expect(child.stdout).toMatch(/^ {2}- suites\/filtering\/\S+: \d+ case\(s\) not run: .+/m);
  const junit = readFileSync(join(dir, "junit.xml"), "utf8");
  expect(junit).toMatch(/<testsuite name="setup" tests="\d+" failures="\d+"/);
}, 180_000);
