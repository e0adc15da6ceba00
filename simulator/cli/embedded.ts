// The simulator started in-process on a free port: what `certify` runs against when
// no target is given, and what `certify:faults` starts with a fault. The same server
// as `npm run simulate`, with settings for a quick run. Likewise the simulated
// operator listener, for `certify --role listener` without a target.

import { buildSimulator } from "../http/app.ts";
import type { AuthMode } from "../http/auth.ts";
import { parseFaults } from "../http/faults.ts";
import { buildListener } from "../listener/app.ts";
import type { Credentials } from "../model/credentials.ts";
import { loadProfile } from "../model/load.ts";

export interface EmbeddedOptions {
  readonly profile: string;
  readonly operators: readonly Credentials[];
  readonly auth: AuthMode;
  /** --misbehave specs (simulator/faults.ts). */
  readonly misbehave?: readonly string[];
}

export interface Embedded {
  /** The API base URL. */
  readonly url: string;
  close(): Promise<void>;
}

/** Short-lived tokens, so a run can watch one expire (certify's token-expiry check waits for it). */
export const EMBEDDED_TOKEN_TTL_SECONDS = 6;

export async function startEmbedded(o: EmbeddedOptions): Promise<Embedded> {
  const model = loadProfile(o.profile);
  const app = buildSimulator({
    model,
    operators: o.operators,
    auth: o.auth,
    // Quick retries and a short drain keep the events suite and shutdown fast.
    events: { backoffBaseMs: 100, backoffMaxMs: 1000, drainMs: 500, timeoutMs: 2000 },
    tokenTtlSeconds: EMBEDDED_TOKEN_TTL_SECONDS,
    ...(o.misbehave && o.misbehave.length > 0 ? { faults: parseFaults(o.misbehave) } : {}),
  });
  try {
    const address = await app.listen({ host: "127.0.0.1", port: 0 });
    return { url: `${address}${model.basePath}`, close: () => app.close() };
  } catch (e) {
    await app.close();
    throw new Error(`the embedded simulator did not start: ${(e as Error).message}`, { cause: e });
  }
}

/** The simulated operator listener (`npm run listen`) on a free port: `certify --role listener` without a target. */
export async function startEmbeddedListener(o: {
  readonly profile: string;
  readonly credentials?: Credentials;
}): Promise<Embedded> {
  const app = buildListener({
    model: loadProfile(o.profile),
    ...(o.credentials ? { credentials: o.credentials } : {}),
  });
  try {
    return { url: await app.listen({ host: "127.0.0.1", port: 0 }), close: () => app.close() };
  } catch (e) {
    await app.close();
    throw new Error(`the embedded listener did not start: ${(e as Error).message}`, { cause: e });
  }
}
