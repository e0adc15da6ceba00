// The embedded simulator as certify's target: started through simulator/cli (the
// suites themselves never import the simulator) with the run's operators and auth.
import { type Embedded, startEmbedded } from "../../simulator/cli/embedded.ts";
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
