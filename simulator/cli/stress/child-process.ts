// Starting and measuring the stress run's simulator (child.ts) in its own process: its
// ready line, its resident memory from /proc (VmRSS, and VmHWM for the peak), a full GC
// on request, and a clean stop. Where /proc is missing, the child reports its own RSS.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { FIXTURES } from "../../model/load.ts";

const ROOT = resolve(FIXTURES, "..");

export interface SimulatorChild {
  readonly pid: number;
  /** The API base URL from the ready line. */
  readonly base: string;
  /** The server origin (token endpoint, control interface). */
  readonly origin: string;
  /** Resident memory now, in bytes. */
  rss(): Promise<number>;
  /** The highest resident memory so far, in bytes (VmHWM), when /proc has it. */
  peak(): number | undefined;
  /** A full garbage collection in the child; resolves with its memory after it. */
  gc(): Promise<NodeJS.MemoryUsage>;
  alive(): boolean;
  /** What the child wrote on stderr (its warnings, a crash). */
  stderr(): string;
  stop(): Promise<number | null>;
}

const READY = /^Nexera simulator listening at (\S+)$/m;

export async function startSimulatorChild(args: readonly string[], timeoutMs = 30_000): Promise<SimulatorChild> {
  const child = spawn(
    process.execPath,
    ["--expose-gc", "--import", "tsx", resolve(ROOT, "simulator/cli/stress/child.ts"), ...args],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe", "ipc"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => (stdout += String(d)));
  child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + String(d)).slice(-20_000)));
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  const base = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`the simulator did not start within ${timeoutMs} ms`)), timeoutMs);
    const check = () => {
      const m = READY.exec(stdout);
      if (m?.[1]) {
        clearTimeout(timer);
        ok(m[1]);
      }
    };
    child.stdout?.on("data", check);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`the simulator exited (${code}) before it was ready: ${stderr.trim()}`));
    });
  });
  const pid = child.pid as number;
  return {
    pid,
    base,
    origin: new URL(base).origin,
    rss: async () => procStatus(pid, "VmRSS") ?? (await ask(child)).rss,
    peak: () => procStatus(pid, "VmHWM"),
    gc: () => ask(child),
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

/** A full GC in the child, and its memory after it. */
function ask(child: ChildProcess): Promise<NodeJS.MemoryUsage> {
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error("the simulator did not answer a gc request within 30 s")), 30_000);
    child.once("message", (m: unknown) => {
      clearTimeout(timer);
      ok((m as { memory: NodeJS.MemoryUsage }).memory);
    });
    child.send("gc");
  });
}
