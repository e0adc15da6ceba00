// certify --role client: starts the simulator for the operator's client (its operators,
// auth, token lifetime; autoplay playing Nexera's side), prints `listening at <URL>`,
// watches the client's traffic until SIGINT/SIGTERM or --duration, then writes the verdict
// (--verdict, default reports/client/verdict.json) and reports it through the client role's
// suite (suites/roles/client/: one case per rule broken or kept, Allure results) and the
// summary. Exit 0 when the client broke no rule, 1 when it broke any, 3 for a harness fault.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { type ClientWatch, startClientWatch } from "../../simulator/cli/client-role.ts";
import type { ClientVerdict, VerdictCase } from "../../simulator/model/client-verdict.ts";
import { describeSettings, type Settings, withTarget } from "../target/settings.ts";
import { finishRun } from "./finish.ts";
import { runSuites } from "./run-suites.ts";

export async function certifyClient(settings: Settings, _argv: readonly string[]): Promise<number> {
  let watch: ClientWatch;
  try {
    watch = await startClientWatch({
      profile: settings.profile,
      operators: settings.operators ?? [settings.credentials],
      auth: settings.auth,
      host: settings.host,
      port: settings.port,
      autoplayStepMs: settings.autoplayStepMs,
      tokenTtlSeconds: settings.tokenTtl,
    });
  } catch (e) {
    console.error(`[certify] ${(e as Error).message}`);
    return 3;
  }
  // Listening for signals before the one line a script waits for (as `npm run simulate`
  // prints it): a script that signals as soon as it reads it must not meet the default action.
  const stop = stopSignal(settings.duration);
  console.log(`Nexera simulator listening at ${watch.url}`);
  console.log(`[certify] ${describeSettings(settings)}`);
  console.log(`[certify] console: ${new URL(watch.url).origin}/__console (the verdict so far, live, in a browser)`);
  console.log(
    `[certify] watching the client's traffic ${settings.duration !== undefined ? `for ${settings.duration / 1000} s` : "until Ctrl-C (SIGINT) or SIGTERM"}; token: POST ${new URL(watch.url).origin}/oauth/token`,
  );
  const signal = await stop;
  console.log(`[certify] ${signal}: closing the simulator and judging the client`);
  const verdict = await watch.stop();
  const file = settings.clientVerdict ?? "reports/client/verdict.json";
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(verdict, null, 1)}\n`);

  const judged: Settings = { ...withTarget(settings, watch.url), clientVerdict: file };
  const t = await runSuites(judged);
  return finishRun(judged, verdict.title, verdict.profile ?? "", t, verdictLines(verdict, file));
}

/**
 * Resolves on the first SIGINT or SIGTERM, or when the duration is over. Later signals are
 * ignored while the verdict is written: a wrapper (tsx) may relay a signal the process also
 * got, and a second one must not cut the report short.
 */
function stopSignal(durationMs: number | undefined): Promise<string> {
  return new Promise((resolve) => {
    let stopped = false;
    const done = (why: string) => {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      resolve(why);
    };
    const timer = durationMs !== undefined ? setTimeout(() => done("--duration is over"), durationMs) : undefined;
    process.on("SIGINT", () => done("SIGINT"));
    process.on("SIGTERM", () => done("SIGTERM"));
  });
}

/** What the summary adds for a client: the traffic judged, where the verdict is, what was not exercised. */
function verdictLines(v: ClientVerdict, file: string): string[] {
  const by = (o: VerdictCase["outcome"]) => v.cases.filter((c) => c.outcome === o);
  const missing = by("notExercised");
  return [
    `client:   ${v.requests} request(s) from ${v.activeOperators.length > 0 ? v.activeOperators.join(", ") : "no operator"}; ${by("kept").length} kept, ${by("broken").length} broken, ${missing.length} not exercised`,
    `verdict:  ${shown(file)}`,
    ...(missing.length > 0
      ? [
          "not exercised (reported, not failed):",
          ...missing.map((c) => `  - ${c.operation}: ${c.rule} -- ${c.why ?? ""}`),
        ]
      : []),
  ];
}

/** A path under the working directory as relative, any other as given. */
function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel === "" || rel.startsWith("..") ? file : rel;
}
