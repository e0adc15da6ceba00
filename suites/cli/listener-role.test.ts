// `certify --role listener` end to end, over real sockets: the example operator listener
// (examples/listener.ts) started in-process in each of its modes, and the real certify
// command run against it as a child process, as a user runs it. Each mode must give its
// exit code and a summary naming the rule and the event (docs/rules.md §3, §6). The
// runs go a few at a time: each is a process start and a vitest run, on two cores.
// A listener that does not check the credentials it was given is held by
// suites/unit/listener-deliver.test.ts, in-process, to spare a run.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ListenerSwitches, type RunningListener, startListener } from "../../examples/listener.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules/.bin/tsx");
const AT_ONCE = 4;
const CREDS = "nexera:listener-secret";

interface Mode {
  /** Switches of the example listener; none: certify starts the simulated listener. */
  readonly listener?: ListenerSwitches;
  readonly flags?: readonly string[];
}

const MODES = {
  wellBehaved: { listener: {} },
  credentials: { listener: { credentials: CREDS }, flags: ["--credentials", CREDS] },
  failEvent: { listener: { failEvent: "TroubleTicketResolvedEvent" } },
  refuseRepeats: { listener: { refuseRepeats: true } },
  rejectAll: { listener: { rejectAll: true } },
  slow: { listener: { slowMs: 1500 }, flags: ["--event-timeout", "1000"] },
  acceptGarbage: { listener: { acceptGarbage: true } },
  credentialsNotGiven: { listener: { credentials: CREDS } },
  simulated: {},
} satisfies Record<string, Mode>;
type Name = keyof typeof MODES;

interface Outcome {
  readonly exit: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Each failed case as "name: why", from the run's summary.json. */
  readonly failures: string[];
}

const dir = mkdtempSync(join(tmpdir(), "listener-role-"));
const listeners: RunningListener[] = [];
const children = new Set<ReturnType<typeof spawn>>();
const outcomes = new Map<Name, Promise<Outcome>>();

function certify(name: Name, target: string | undefined, flags: readonly string[]): Promise<Outcome> {
  const results = join(dir, name);
  const args = ["suites/cli/certify.ts", "--role", "listener", "--seed", "7", "--results-dir", results, "--no-html"];
  if (target !== undefined) args.push("--target", target);
  // The test's own settings (and vitest's) stay out: the child sees only the flags it is given.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(NEXERA_|VITEST)/.test(k)));
  // Its own process group, so that tsx's own child goes too if the test has to kill it.
  const child = spawn(TSX, [...args, ...flags], { cwd: ROOT, env: { ...env, NO_COLOR: "1" }, detached: true });
  children.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += String(d)));
  child.stderr.on("data", (d: Buffer) => (stderr += String(d)));
  return new Promise((done) =>
    child.on("close", (exit) => {
      children.delete(child);
      done({ exit, stdout, stderr, failures: failedCases(join(dir, name, "summary.json")) });
    }),
  );
}

let running = 0;
const waiting: Array<() => void> = [];
/** Runs `job` when fewer than AT_ONCE jobs are running. */
async function slot<T>(job: () => Promise<T>): Promise<T> {
  if (running >= AT_ONCE) await new Promise<void>((go) => waiting.push(go));
  running++;
  try {
    return await job();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

beforeAll(async () => {
  for (const [name, mode] of Object.entries(MODES) as Array<[Name, Mode]>) {
    const listener = mode.listener === undefined ? undefined : await startListener(mode.listener);
    if (listener) listeners.push(listener);
    outcomes.set(
      name,
      slot(() => certify(name, listener?.url, mode.flags ?? [])),
    );
  }
});

afterAll(async () => {
  for (const c of children) if (c.pid !== undefined) process.kill(-c.pid, "SIGKILL");
  await Promise.all(listeners.map((l) => l.close()));
  rmSync(dir, { recursive: true, force: true });
});

const outcome = (n: Name) => outcomes.get(n)!;
const ACK = "[rule: each event is acknowledged with a 2xx within the delivery timeout]";

describe.concurrent("npm run certify -- --role listener", { timeout: 180_000 }, () => {
  it("passes a well-behaved listener (exit 0), skipping the credential checks with their reason", async () => {
    const o = await outcome("wellBehaved");
    expect(o.exit, o.stdout + o.stderr).toBe(0);
    expect(o.stdout).toMatch(/cases: {4}\d+ \(\d+ passed, 0 failed, 0 harness faults, 2 skipped\)/);
    expect(o.stdout).toContain("skipped:  2 x no --credentials given");
  });

  it("passes a listener requiring the credentials certify sends (exit 0, nothing skipped)", async () => {
    const o = await outcome("credentials");
    expect(o.exit, o.stdout + o.stderr).toBe(0);
    expect(o.stdout).toMatch(/0 failed, 0 harness faults, 0 skipped/);
  });

  it("fails a listener answering 500 to TroubleTicketResolvedEvent (exit 1), naming the rule and the event", async () => {
    const o = await outcome("failEvent");
    expect(o.exit, o.stdout + o.stderr).toBe(1);
    expect(o.failures.length).toBeGreaterThan(0);
    for (const f of o.failures) expect(f).toMatch(/TroubleTicketResolvedEvent \(.*\).*got HTTP 500, not a 2xx/);
    expect(o.failures).toContainEqual(expect.stringContaining(ACK));
  });

  it("fails a listener refusing a repeated eventId (exit 1), naming the at-least-once rule", async () => {
    const o = await outcome("refuseRepeats");
    expect(o.exit, o.stdout + o.stderr).toBe(1);
    expect(o.failures.length).toBeGreaterThan(0);
    for (const f of o.failures)
      expect(f).toMatch(
        /\(again, same eventId\): got HTTP 409, not a 2xx \[rule: an event delivered again with the same eventId is acknowledged again\]/,
      );
  });

  it("fails a listener rejecting everything (exit 1)", async () => {
    const o = await outcome("rejectAll");
    expect(o.exit, o.stdout + o.stderr).toBe(1);
    expect(o.failures).toContainEqual(expect.stringMatching(/got HTTP 400, not a 2xx/));
  });

  it("fails a listener slower than the delivery timeout (exit 1), naming the timeout", async () => {
    const o = await outcome("slow");
    expect(o.exit, o.stdout + o.stderr).toBe(1);
    expect(o.failures).toContainEqual(expect.stringContaining(`no answer within 1000 ms, the delivery timeout ${ACK}`));
  });

  it("passes a listener acknowledging a body that is not JSON (exit 0) with a warning in the summary", async () => {
    const o = await outcome("acceptGarbage");
    expect(o.exit, o.stdout + o.stderr).toBe(0);
    // A loaded machine may add a slowness warning: the count is not the point.
    expect(o.stdout).toMatch(/warnings: \d+ \(they do not change the exit code\)/);
    expect(o.stdout).toMatch(/- does not acknowledge a body that is not JSON: .* was acknowledged with HTTP 200/);
  });

  it("fails a listener requiring credentials certified without them: its 401s break the 2xx rule", async () => {
    const o = await outcome("credentialsNotGiven");
    expect(o.exit, o.stdout + o.stderr).toBe(1);
    expect(o.failures).toContainEqual(
      expect.stringContaining(`got HTTP 401, not a 2xx ${ACK} (the listener asks for credentials`),
    );
  });

  it("passes the simulated listener when no --target is given", async () => {
    const o = await outcome("simulated");
    expect(o.exit, o.stdout + o.stderr).toBe(0);
    expect(o.stdout).toContain("[certify] started the simulated listener at http://127.0.0.1:");
  });
});

function failedCases(file: string): string[] {
  try {
    const s = JSON.parse(readFileSync(file, "utf8")) as { cases: Array<{ name: string; state: string; why?: string }> };
    return s.cases.filter((c) => c.state === "failed").map((c) => `${c.name}: ${c.why ?? ""}`);
  } catch {
    return [];
  }
}
