// certify --role client end to end, as a user runs it: the real command in a child process,
// the example operator client (examples/client.ts) driven against the URL it prints, with
// the example listener (examples/listener.ts) as its callback, then SIGTERM. The
// well-behaved client is conformant (exit 0); each of its mistakes is exit 1 with the
// field, parameter or status named in the summary.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, type TestContext } from "vitest";
import { type Mistake, runClient } from "../../examples/client.ts";
import { startListener } from "../../examples/listener.ts";
import { ROOT } from "../../simulator/cli/testing.ts";
import type { ClientVerdict } from "../../simulator/model/client-verdict.ts";

// Short steps and tokens, and a client that keeps following its tickets past one token
// lifetime, so renewal (or its absence) shows within a few seconds.
const TOKEN_TTL_S = 2;
const FOLLOW_MS = 2500;

/**
 * The certify command, killed when this test ends (the test's own hook: tests run
 * concurrently). Run as `node --import tsx`, one process: tsx's CLI relays a signal to its
 * child and SIGKILLs it unless the child confirms within 30 ms, which a loaded 2-core
 * machine misses, and then no verdict is written.
 */
function startCertify(ctx: TestContext, args: readonly string[]) {
  // The caller's NEXERA_* settings stay out: the test sees only the settings it gives.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("NEXERA_")));
  const child = spawn(process.execPath, ["--import", "tsx", "suites/cli/certify.ts", ...args], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out = { stdout: "", stderr: "" };
  child.stdout.on("data", (d: Buffer) => (out.stdout += String(d)));
  child.stderr.on("data", (d: Buffer) => (out.stderr += String(d)));
  const exit = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  ctx.onTestFinished(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  const listening = async () => {
    for (let i = 0; i < 600 && !/listening at \S+\n/.test(out.stdout); i++) await new Promise((r) => setTimeout(r, 50));
    return /listening at (\S+)\n/.exec(out.stdout)?.[1];
  };
  return { out, exit, listening, kill: (s: NodeJS.Signals) => child.kill(s) };
}

async function certifyAgainst(ctx: TestContext, mistake?: Mistake) {
  const dir = mkdtempSync(join(tmpdir(), "nexera-client-role-"));
  const verdictFile = join(dir, "verdict.json");
  const certify = startCertify(ctx, [
    ...["--role", "client", "--port", "0", "--autoplay-step-ms", "50", "--token-ttl", String(TOKEN_TTL_S)],
    ...["--results-dir", join(dir, "results"), "--no-html", "--verdict", verdictFile],
  ]);
  const api = await certify.listening();
  if (api === undefined) throw new Error(`no listening line: ${certify.out.stdout}\n${certify.out.stderr}`);
  const listener = await startListener();
  let clientError: string | undefined;
  try {
    await runClient({
      api,
      credentials: "operator:operator-secret",
      callback: listener.url,
      followMs: FOLLOW_MS,
      waitMs: 20_000,
      ...(mistake !== undefined ? { mistake } : {}),
    });
  } catch (e) {
    clientError = (e as Error).message;
  }
  certify.kill("SIGTERM");
  const code = await certify.exit;
  // Closed only now: certify drains the events still queued for it when it stops.
  await listener.close();
  const { stdout, stderr } = certify.out;
  let verdict: ClientVerdict;
  try {
    verdict = JSON.parse(readFileSync(verdictFile, "utf8")) as ClientVerdict;
  } catch (e) {
    throw new Error(`no verdict (exit ${code}): ${(e as Error).message}\n${stdout}\n${stderr}`);
  }
  return { code, stdout, stderr, failures: stdout.split("\nfailed rules: ")[1] ?? "", verdict, clientError };
}

const outcome = (v: ClientVerdict, area: string, rule: string | RegExp) =>
  v.cases.find((c) => c.area === area && (typeof rule === "string" ? c.rule === rule : rule.test(c.rule)))?.outcome;

// Six certify runs at once take about 25 s on an idle 2-core machine (each: 4 s to start, the
// client's 3 s, 10 s for the verdict's suite); under npm test's load, longer.
describe.concurrent("certify --role client", { timeout: 120_000 }, () => {
  it("finds the well-behaved example client conformant: exit 0, every operation it uses kept", async (ctx) => {
    const r = await certifyAgainst(ctx);
    expect(r.clientError).toBeUndefined();
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/^Nexera simulator listening at http:\/\/127\.0\.0\.1:\d+\/tmf-api\/troubleTicket\/v4$/m);
    expect(r.stdout).toMatch(/cases: +\d+ \(\d+ passed, 0 failed, 0 harness faults, \d+ skipped\)/);
    expect(r.stdout).toContain("not exercised (reported, not failed):");
    const v = r.verdict;
    expect(v.conformant).toBe(true);
    const missed = v.cases.filter((c) => c.outcome !== "kept").map((c) => c.rule);
    expect(missed).toEqual([
      "removes all its listener registrations at once",
      "handles a 409 without sending the same request again",
    ]);
    expect(outcome(v, "Behaviours", "renews its access token before it expires")).toBe("kept");
    expect(outcome(v, "Events", /TroubleTicketInformationRequiredEvent/)).toBe("kept");
  });

  it.for([
    ["priority-on-create", /priority is prohibited for Customer_Trouble_Ticket POST[\s\S]*1 request answered 400/],
    ["missing-required", /description is required for Customer_Trouble_Ticket POST[\s\S]*1 request answered 400/],
    ["unknown-filter", /unknown filter parameter colour[\s\S]*1 request answered 400/],
    [
      "patch-closed",
      /in final status closed can no longer change[\s\S]*1 request answered 409: .*"closed", a final state/,
    ],
    [
      "no-token-refresh",
      /used only within its lifetime \(expires_in\)[\s\S]*\d+ requests? answered 401: the access token has expired/,
    ],
  ] as const)("catches the mistake %s: exit 1, the rule named in the summary", async ([mistake, named], ctx) => {
    const r = await certifyAgainst(ctx, mistake);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(1);
    expect(r.failures).toMatch(named);
    expect(r.verdict.conformant).toBe(false);
  });
});
