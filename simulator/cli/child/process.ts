// A server started in a child process of its own, measured from outside: its ready line,
// its resident memory from /proc (VmRSS, and VmHWM for the peak), requests by IPC (a full
// GC, preloading tickets) and a clean stop. The simulator's child is simulator.ts; a
// benchmark's baseline server is another script with a ready line of its own. Where /proc
// is missing, the child reports its own RSS.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { FIXTURES } from "../../model/load.ts";

export const ROOT = resolve(FIXTURES, "..");

export interface MeasuredChild {
  readonly pid: number;
  /** The URL from the ready line. */
  readonly base: string;
  /** The server origin (token endpoint, control interface). */
  readonly origin: string;
  /** Resident memory now, in bytes. */
  rss(): Promise<number>;
  /** The highest resident memory so far, in bytes (VmHWM), when /proc has it. */
  peak(): number | undefined;
  /** A full garbage collection in the child; resolves with its memory after it. */
  gc(): Promise<NodeJS.MemoryUsage>;
  /** Sends one IPC request and resolves with the child's reply (one request at a time). */
  ask(message: unknown, timeoutMs?: number): Promise<unknown>;
  alive(): boolean;
  /** What the child wrote on stderr (its warnings, a crash). */
  stderr(): string;
  stop(): Promise<number | null>;
}
/** The simulator's child (simulator.ts). */
export type SimulatorChild = MeasuredChild;

const READY = /^Nexera simulator listening at (\S+)$/m;

/** `npm run simulate` with `args`, in a child process (simulator.ts). */
export function startSimulatorChild(args: readonly string[], timeoutMs = 30_000): Promise<SimulatorChild> {
  return startMeasuredChild(resolve(ROOT, "simulator/cli/child/simulator.ts"), args, READY, timeoutMs);
}

/** Starts a TypeScript `script` with node (--expose-gc, tsx); ready when stdout matches `ready` (group 1: its URL). */
export async function startMeasuredChild(
  script: string,
  args: readonly string[],
  ready: RegExp,
  timeoutMs = 30_000,
): Promise<MeasuredChild> {
  const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", script, ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => (stdout += String(d)));
  child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + String(d)).slice(-20_000)));
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  const base = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${script} did not start within ${timeoutMs} ms`)), timeoutMs);
    const check = () => {
      const m = ready.exec(stdout);
      if (m?.[1]) {
        clearTimeout(timer);
        ok(m[1]);
      }
    };
    child.stdout?.on("data", check);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`${script} exited (${code}) before it was ready: ${stderr.trim()}`));
    });
  });
  const pid = child.pid as number;
  const gc = async () => ((await ask(child, "gc", 30_000)) as { memory: NodeJS.MemoryUsage }).memory;
  return {
    pid,
    base,
    origin: new URL(base).origin,
    rss: async () => procStatus(pid, "VmRSS") ?? (await gc()).rss,
    peak: () => procStatus(pid, "VmHWM"),
    gc,
    ask: (message, ms = 600_000) => ask(child, message, ms),
    alive: () => child.exitCode === null && child.signalCode === null,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** A field of /proc/<pid>/status in bytes (the file gives kB), or undefined off Linux. */
function procStatus(pid: number, field: "VmRSS" | "VmHWM"): number | undefined {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB$`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m?.[1] ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** One IPC request to the child, and its reply. */
function ask(child: ChildProcess, message: unknown, timeoutMs: number): Promise<unknown> {
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`the child did not answer within ${timeoutMs} ms`)), timeoutMs);
    child.once("message", (m: unknown) => {
      clearTimeout(timer);
      ok(m);
    });
    child.send(message as string);
  });
}
