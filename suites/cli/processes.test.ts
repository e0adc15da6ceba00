// Each command runs as one process that owns its signals: started in the background as
// the README shows (`npm run simulate &`) or by its package bin, SIGINT or SIGTERM sent
// to that PID stops it cleanly and frees its port within 2 s.
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import pkg from "../../package.json" with { type: "json" };
import { type Run, runFile, runScript } from "../../simulator/cli/testing.ts";

interface Command {
  readonly script: string;
  readonly bin: string;
  readonly args: readonly string[];
  /** The line that says it is ready, with its URL. */
  readonly ready: RegExp;
  readonly exit: number;
}

const COMMANDS: readonly Command[] = [
  { script: "simulate", bin: "nexera-simulate", args: ["--port", "0"], ready: /listening at (\S+)\n/, exit: 0 },
  { script: "listen", bin: "nexera-listen", args: ["--port", "0"], ready: /listener ready at (\S+)\n/, exit: 0 },
  // The client role serves the simulator until a signal, then judges the traffic (none: exit 0).
  {
    script: "certify",
    bin: "nexera-certify",
    args: ["--role", "client", "--port", "0", "--no-html"],
    ready: /listening at (\S+)\n/,
    exit: 0,
  },
];

const bins = pkg.bin as Record<string, string>;

async function ready(r: Run, line: RegExp): Promise<URL> {
  for (let i = 0; i < 600 && !line.test(r.stdout); i++) await new Promise((ok) => setTimeout(ok, 50));
  const url = line.exec(r.stdout)?.[1];
  if (url === undefined) throw new Error(`never ready:\n${r.stdout}\n${r.stderr}`);
  return new URL(url);
}

/** Whether something accepts connections on the port. */
const open = (port: number) =>
  new Promise<boolean>((done) => {
    const s = connect(port, "127.0.0.1");
    s.once("connect", () => {
      s.destroy();
      done(true);
    });
    s.once("error", () => done(false));
  });

describe.each(COMMANDS)("$script", (c) => {
  it.each([
    ["npm run", "SIGTERM"],
    ["bin", "SIGINT"],
  ] as const)(
    "started by %s and sent %s, exits cleanly and frees its port within 2 s",
    async (how, signal) => {
      const r = how === "bin" ? runFile(bins[c.bin]!, c.args) : runScript(c.script, c.args);
      const port = Number((await ready(r, c.ready)).port);
      expect(await open(port)).toBe(true);
      const sent = Date.now();
      r.kill(signal);
      let closedAfter: number | undefined;
      for (let i = 0; i < 40 && closedAfter === undefined; i++) {
        if (!(await open(port))) closedAfter = Date.now() - sent;
        else await new Promise((ok) => setTimeout(ok, 50));
      }
      expect(closedAfter, `port ${port} still open 2 s after ${signal}`).toBeLessThanOrEqual(2000);
      expect(await r.exit, r.stderr).toBe(c.exit);
    },
    90_000,
  );
});
