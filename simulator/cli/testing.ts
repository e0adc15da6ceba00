// The project's commands run as a user runs them, in a child process, for the tests of
// what only a process shows: stdout and stderr apart, exit codes, signals.
import { spawn } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { onTestFinished } from "vitest";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface Run {
  stdout: string;
  stderr: string;
  exit: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
}

/**
 * Runs `script` (a path under the root) as one node process with tsx's loader, as the
 * npm scripts do: a signal reaches the command itself (tsx's own CLI would be a second
 * process between them). Killed when the test ends.
 */
export function run(script: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): Run {
  return start(process.execPath, ["--import", "tsx", script, ...args], env);
}

/** Runs an executable file (a package bin, by its shebang). */
export function runFile(file: string, args: readonly string[]): Run {
  return start(resolve(ROOT, file), args, {});
}

/** Runs `npm run -s <name> -- args`: the package.json script itself. */
export function runScript(name: string, args: readonly string[]): Run {
  return start("npm", ["run", "-s", name, "--", ...args], {});
}

/** Runs a command line as a user pastes it into a shell (bash), with `env` set. */
export function runShell(line: string, env: Readonly<Record<string, string>>): Run {
  return start("bash", ["-c", line], env);
}

function start(command: string, args: readonly string[], env: Readonly<Record<string, string>>): Run {
  // The caller's NEXERA_* settings stay out: a test sees only the settings it gives.
  const inherited = Object.entries(process.env).filter(([k]) => !k.startsWith("NEXERA_"));
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...Object.fromEntries(inherited), ...env },
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

/** The first line on stdout, once there is one (15 s at most). */
export async function firstLine(r: Run): Promise<string> {
  for (let i = 0; i < 300 && !r.stdout.includes("\n"); i++) await new Promise((ok) => setTimeout(ok, 50));
  return r.stdout.split("\n")[0] ?? "";
}
