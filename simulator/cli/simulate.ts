// `npm run simulate -- [flags]`: starts the simulated Nexera server. Prints exactly
// one line on stdout when ready (the API base URL); everything else goes to stderr.
// Settings: simulate-settings.ts. Exit codes: 0 on SIGINT/SIGTERM, 2 for bad settings
// (a profile, operators or seed file included), 1 if the server cannot listen.
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { buildSimulator } from "../http/app.ts";
import { catalogueText } from "../http/faults.ts";
import { EXIT_BAD_SETTINGS, readCli } from "./settings/cli.ts";
import { SIMULATE, type SimulateConfig, simulateConfig } from "./simulate-settings.ts";

/**
 * `onReady` is told the app once it listens: a measured child (child/simulator.ts) reaches
 * the service there to preload tickets through the same code a POST takes.
 */
export async function main(
  argv: readonly string[],
  env = process.env,
  onReady?: (app: ReturnType<typeof buildSimulator>) => void,
): Promise<number> {
  const read = readCli(SIMULATE, argv, env);
  if ("exit" in read) return read.exit;
  if (read.values.misbehave.includes("list")) {
    process.stdout.write(`${catalogueText()}\n`);
    return 0;
  }
  const config: SimulateConfig = simulateConfig(read.values);
  let app: ReturnType<typeof buildSimulator>;
  try {
    app = buildSimulator(config.options);
    await app.ready();
  } catch (e) {
    // Settings each fine alone but not together (an operator defined twice), or seed data the profile refuses.
    process.stderr.write(`simulate: ${(e as Error).message}\n`);
    return EXIT_BAD_SETTINGS;
  }
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (e) {
    process.stderr.write(`simulate: cannot listen on ${config.host}:${config.port}: ${(e as Error).message}\n`);
    await app.close();
    return 1;
  }
  const addr = app.server.address() as AddressInfo;
  const host = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
  const origin = `http://${host}:${addr.port}`;
  const { options } = config;
  process.stderr.write(
    `${[
      `profile ${app.model.id}; auth ${options.auth ?? "either"}; operators ${(options.operators ?? []).map((o) => o.user).join(", ")}`,
      `token:   POST ${origin}/oauth/token (HTTP Basic user:password, grant_type=client_credentials)`,
      `control: ${origin}/__control/${app.model.resource}`,
      `console: ${origin}/__console (in a browser; an operator's user name and password)`,
      `openapi: ${origin}/openapi.json`,
      ...(options.faults ?? []).map((f) => `MISBEHAVING on purpose (--misbehave ${f.spec}): ${f.breaks}`),
      ...(options.autoplay
        ? [`autoplay: every ${options.autoplay.stepMs} ms through ${app.model.lifecycle.autoplay.join(" -> ")}`]
        : []),
    ].join("\n")}\n`,
  );
  // The signal handlers go in before the listening line: a script that signals as soon as
  // it reads the line must find them there, not the default action that kills.
  const stopped = new Promise<number>((resolve) => {
    let closing = false;
    const stop = (signal: string) => {
      if (closing) return;
      closing = true;
      process.stderr.write(`simulate: ${signal}, closing\n`);
      app.close().then(
        () => resolve(0),
        (e: unknown) => {
          process.stderr.write(`simulate: error while closing: ${(e as Error).message}\n`);
          resolve(1);
        },
      );
    };
    // "on", not "once": a wrapper (tsx) may relay a signal the process group also got.
    process.on("SIGINT", () => stop("SIGINT"));
    process.on("SIGTERM", () => stop("SIGTERM"));
  });
  onReady?.(app);
  process.stdout.write(`Nexera simulator listening at ${origin}${app.model.basePath}\n`);
  return stopped;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
