// `npm run listen`: the simulated operator listener on its own port. Prints its
// URL on one line when ready; SIGINT/SIGTERM close it cleanly.
import { buildListener } from "../listener/app.ts";
import { type Credentials, parseCredentials } from "../model/credentials.ts";
import { loadProfile, ProfileError } from "../model/load.ts";
import type { Model } from "../model/model.ts";
import { type Parsed, parseArgs, UsageError, usage } from "./args.ts";

const SPEC = {
  host: { kind: "string", default: "127.0.0.1", help: "address to listen on" },
  port: { kind: "integer", default: 8081, min: 0, max: 65535, help: "port (0 picks a free one)" },
  credentials: {
    kind: "string",
    valueName: "user:password",
    help: "require these HTTP Basic credentials on every event (401 without)",
  },
  profile: {
    kind: "string",
    valueName: "file",
    help: "profile the events are judged against (default fixtures/profile/nexera.json)",
  },
  log: { kind: "boolean", help: "log every request (fastify logger)" },
} as const;

const SUMMARY =
  "Receives events at {url}/listener/{eventName} (any prefix, both capitalisations), answers 200 or 400 with the verdict,\n" +
  "and records them: GET/DELETE /__control/events, GET/POST/DELETE /__control/knobs ({failNext, failStatus, latencyMs, credentials}).";

async function main(argv: readonly string[]): Promise<void> {
  let args: Parsed<typeof SPEC>;
  try {
    args = parseArgs(argv, SPEC);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${e.message}\n\n${usage("npm run listen --", SPEC, SUMMARY)}\n`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(`${usage("npm run listen --", SPEC, SUMMARY)}\n`);
    return;
  }
  let credentials: Credentials | undefined;
  try {
    credentials = args.credentials === undefined ? undefined : parseCredentials(args.credentials);
  } catch (e) {
    process.stderr.write(`--credentials: ${(e as Error).message}\n`);
    process.exit(2);
  }
  let model: Model;
  try {
    model = args.profile === undefined ? loadProfile() : loadProfile(args.profile);
  } catch (e) {
    if (!(e instanceof ProfileError)) throw e;
    process.stderr.write(`listen: ${e.message}\n`);
    process.exit(2);
  }
  const app = buildListener({ model, logger: args.log, ...(credentials ? { credentials } : {}) });
  await app.listen({ host: args.host, port: args.port });
  const addr = app.server.address();
  const port = typeof addr === "object" && addr !== null ? addr.port : args.port;
  const host = args.host.includes(":") ? `[${args.host}]` : args.host;
  process.stdout.write(`listener ready at http://${host}:${port}\n`);

  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`error while closing after ${signal}: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
