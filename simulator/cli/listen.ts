// `npm run listen`: the simulated operator listener on its own port. Prints
// `listener ready at <URL>` on one line when ready. Settings: listen-settings.ts.
// Exit codes: 0 on SIGINT/SIGTERM, 2 for bad settings (a broken profile included),
// 1 if it cannot listen.
import { pathToFileURL } from "node:url";
import { buildListener } from "../listener/app.ts";
import { LISTEN } from "./listen-settings.ts";
import { readCli } from "./settings/cli.ts";

export async function main(argv: readonly string[], env = process.env): Promise<number> {
  const read = readCli(LISTEN, argv, env);
  if ("exit" in read) return read.exit;
  const { host, port, credentials, profile, log, maxRecords } = read.values;
  const app = buildListener({ model: profile, logger: log, maxRecords, ...(credentials ? { credentials } : {}) });
  try {
    await app.listen({ host, port });
  } catch (e) {
    process.stderr.write(`listen: cannot listen on ${host}:${port}: ${(e as Error).message}\n`);
    await app.close();
    return 1;
  }
  const addr = app.server.address();
  const bound = typeof addr === "object" && addr !== null ? addr.port : port;
  // The signal handlers go in before the ready line: a script that signals as soon as it
  // reads the line must find them there, not the default action that kills.
  const stopped = new Promise<number>((resolve) => {
    let closing = false;
    const stop = (signal: string) => {
      if (closing) return;
      closing = true;
      app.close().then(
        () => resolve(0),
        (e: unknown) => {
          process.stderr.write(`listen: error while closing after ${signal}: ${String(e)}\n`);
          resolve(1);
        },
      );
    };
    // "on", not "once": a wrapper (tsx) may relay a signal the process group also got.
    process.on("SIGINT", () => stop("SIGINT"));
    process.on("SIGTERM", () => stop("SIGTERM"));
  });
  process.stdout.write(`listener ready at http://${host.includes(":") ? `[${host}]` : host}:${bound}\n`);
  return stopped;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
