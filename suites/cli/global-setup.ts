// vitest globalSetup: resolves the settings once (handed down by certify, or from
// env/config file under plain `npm test`), starts the embedded simulator when no
// target is given, starts the embedded listener, and provides both to the suites.
import type { TestProject } from "vitest/node";
import { startRecorder } from "../listener/recorder.ts";
import { describeSettings, type Settings, withTarget } from "../target/settings.ts";
import { certifySettings, handedDown } from "./certify-settings.ts";
import type { Embedded } from "./embedded.ts";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Under npm test each profile's project names its profile (vitest.config.ts).
  const profile = project.getProvidedContext().nexeraProfile;
  const env = profile === undefined ? process.env : { ...process.env, NEXERA_PROFILE: profile };
  let settings = handedDown(process.env) ?? certifySettings({ env });
  if (settings.role !== "server") return operatorSide(project, settings);
  let embedded: Embedded | undefined;
  if (settings.target === undefined) {
    // Imported only here: certify starts the simulator itself and hands its URL down, so a
    // certify run need not load (and transform) the simulator's code a second time.
    embedded = await (await import("./embedded.ts")).embeddedTarget(settings);
    settings = withTarget(settings, embedded.url);
  }
  const listener = await startRecorder({
    host: settings.listenerHost,
    port: settings.listenerPort,
    ...(settings.listenerPublicUrl !== undefined ? { publicUrl: settings.listenerPublicUrl } : {}),
  });
  // The seed is printed on every run: the same seed replays the same run (certify prints its own line).
  if (!handedDown(process.env))
    console.log(
      `[nexera] ${describeSettings(settings)}${embedded ? " (embedded simulator)" : ""} listener=${listener.public}`,
    );
  project.provide("nexera", { settings, listener: { control: listener.control, public: listener.public } });
  return async () => {
    await listener.close();
    await embedded?.close();
  };
}

/**
 * The operator roles need no listener of the harness: the listener role's target is the
 * operator's listener (the simulated one when none is given); the client role's suite
 * reads the verdict certify wrote (settings.clientVerdict).
 */
async function operatorSide(project: TestProject, given: Settings): Promise<() => Promise<void>> {
  let settings = given;
  let embedded: Embedded | undefined;
  if (settings.role === "listener" && settings.target === undefined) {
    embedded = await (await import("./embedded.ts")).embeddedListener(settings);
    settings = withTarget(settings, embedded.url);
  }
  if (!handedDown(process.env))
    console.log(`[nexera] ${describeSettings(settings)}${embedded ? " (the simulated listener)" : ""}`);
  project.provide("nexera", { settings, listener: { control: "", public: "" } });
  return async () => {
    await embedded?.close();
  };
}
