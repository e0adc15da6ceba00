// The embedded simulator as certify's target: started through simulator/cli (the
// suites themselves never import the simulator) with the run's operators and auth.
import { type Embedded, startEmbedded, startEmbeddedListener } from "../../simulator/cli/embedded.ts";
import { HarnessError } from "../support/errors.ts";
import type { Settings } from "../target/settings.ts";

export type { Embedded };

export async function embeddedTarget(settings: Settings, misbehave: readonly string[] = []): Promise<Embedded> {
  const operators = [settings.credentials, ...(settings.secondCredentials ? [settings.secondCredentials] : [])];
  try {
    return await startEmbedded({ profile: settings.profile, operators, auth: settings.auth, misbehave });
  } catch (e) {
    throw new HarnessError((e as Error).message, { cause: e });
  }
}

/** The simulated operator listener as the listener role's target, with the run's listener credentials. */
export async function embeddedListener(settings: Settings): Promise<Embedded> {
  try {
    return await startEmbeddedListener({
      profile: settings.profile,
      ...(settings.listenerCredentials ? { credentials: settings.listenerCredentials } : {}),
    });
  } catch (e) {
    throw new HarnessError((e as Error).message, { cause: e });
  }
}
