// The embedded simulator: started on a free port when no --target is given.
// Only the CLI and the global setup import this (a suite never asks the simulator
// what is right); it is imported lazily so an outside target needs none of it.
import type { SimulatorOptions } from "../../simulator/http/app.ts";
import { loadProfile } from "../../simulator/model/load.ts";
import { EMBEDDED_OPERATORS, type Settings } from "../target/settings.ts";
import { HarnessError } from "./errors.ts";

export interface Embedded {
  /** The API base URL. */
  readonly url: string;
  close(): Promise<void>;
}

/** `extra` adds simulator options (prove-faults passes deliberate faults). */
export async function startEmbedded(settings: Settings, extra: Partial<SimulatorOptions> = {}): Promise<Embedded> {
  const { buildSimulator } = await import("../../simulator/http/app.ts");
  const model = loadProfile(settings.profile);
  const operators = [settings.credentials, ...(settings.secondCredentials ? [settings.secondCredentials] : [])];
  const app = buildSimulator({
    model,
    operators: operators.length > 0 ? operators : EMBEDDED_OPERATORS,
    auth: settings.auth,
    // Quick retries and a short drain keep the events suite and shutdown fast.
    events: { backoffBaseMs: 100, backoffMaxMs: 1000, drainMs: 500, timeoutMs: 2000 },
    // Short-lived tokens, so the auth suite can see one expire within the run (a
    // few seconds of waiting); the client renews a token 5 s before its end, so it
    // never sends an expired one.
    tokenTtlSeconds: 6,
    ...extra,
  });
  let address: string;
  try {
    address = await app.listen({ host: "127.0.0.1", port: 0 });
  } catch (e) {
    throw new HarnessError(`the embedded simulator did not start: ${(e as Error).message}`, { cause: e });
  }
  return { url: `${address}${model.basePath}`, close: () => app.close() };
}
