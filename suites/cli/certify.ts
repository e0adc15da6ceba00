// npm run certify -- [--role server|listener|client] [...]: resolves the settings
// (certify-settings.ts: flags > env > config file > defaults) and certifies one side:
//   server    the conformance suites against --target, or the embedded simulator;
//   listener  Nexera's events sent to an operator's listener at --target, or the simulated one;
//   client    the simulator started for an operator's client, whose traffic is judged (certify-client.ts).
// Exit codes: 0 conformant, 1 a rule broken, 2 bad settings, 3 harness faults only;
// 130 or 143 when SIGINT or SIGTERM stopped a run before its verdict.
import { pathToFileURL } from "node:url";
import { readCli } from "../../simulator/cli/settings/cli.ts";
import { loadProfile } from "../../simulator/model/load.ts";
import { describeSettings, type Settings, withTarget } from "../target/settings.ts";
import { targetOf } from "../target/target.ts";
import { CERTIFY, toSettings } from "./certify-settings.ts";
import { type Embedded, embeddedListener, embeddedTarget } from "./embedded.ts";
import { finishRun } from "./finish.ts";
import { applyKnownFailures, knownLines } from "./known-failures.ts";
import { preflight } from "./preflight.ts";
import { runSuites } from "./run-suites.ts";
import { replayCommand, replayLine } from "./summary.ts";

export async function main(argv: readonly string[]): Promise<number> {
  // Bad settings (a broken profile included) are exit 2: never blamed on the target.
  const read = readCli(CERTIFY, argv, process.env);
  if ("exit" in read) return read.exit;
  let settings: Settings = toSettings(read);
  if (settings.role === "client") return (await import("./certify-client.ts")).certifyClient(settings, argv);

  let embedded: Embedded | undefined;
  if (settings.target === undefined) {
    embedded = settings.role === "listener" ? await embeddedListener(settings) : await embeddedTarget(settings);
    settings = withTarget(settings, embedded.url);
    console.log(
      `[certify] started the ${settings.role === "listener" ? "simulated listener" : "embedded simulator"} at ${embedded.url}`,
    );
  }
  console.log(`[certify] ${describeSettings(settings)}`);
  const interrupt = onSignal(async (signal) => {
    console.error(`[certify] ${signal}: the run stopped before its verdict`);
    await embedded?.close();
  });
  try {
    const model = loadProfile(settings.profile);
    const stop = await preflight(settings, targetOf(settings, model));
    if (stop) {
      console.error(`[certify] ${stop.line}`);
      return stop.exit;
    }
    // A failing case's message carries the replay command too.
    const t = await runSuites({ ...settings, replay: replayCommand(argv, settings.seed).command });
    const known = settings.knownFailures ? applyKnownFailures(t, settings.knownFailures) : undefined;
    const lines = [...(known ? knownLines(known) : []), replayLine(argv, settings.seed)];
    return finishRun(settings, model.title, model.id, t, lines, known);
  } finally {
    interrupt();
    await embedded?.close();
  }
}

/**
 * While a run is on, SIGINT or SIGTERM closes what certify started (freeing its ports)
 * and exits 128 + the signal's number. The servers of the client role outlive no run:
 * that role waits for the signal itself (certify-client.ts). Returns the uninstaller.
 */
function onSignal(cleanUp: (signal: NodeJS.Signals) => Promise<void>): () => void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const code = signal === "SIGINT" ? 130 : 143;
    cleanUp(signal).then(
      () => process.exit(code),
      () => process.exit(code),
    );
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return () => {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`[certify] harness fault: ${(e as Error).stack ?? String(e)}`);
      process.exit(3);
    },
  );
}
