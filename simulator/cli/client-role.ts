// The simulator as `certify --role client` runs it: the same server as `npm run simulate`
// (the given operators, auth either by default), with autoplay playing Nexera's side on
// every ticket and the traffic recorder watching the operator's client. stop() closes it,
// events drained, and judges what it saw (simulator/http/judge.ts).
import type { AddressInfo } from "node:net";
import { buildSimulator } from "../http/app.ts";
import type { AuthMode } from "../http/auth.ts";
import { judgeTraffic } from "../http/judge.ts";
import { createTrafficRecorder } from "../http/traffic.ts";
import type { ClientVerdict } from "../model/client-verdict.ts";
import type { Credentials } from "../model/credentials.ts";
import { loadProfile } from "../model/load.ts";

export interface ClientWatchOptions {
  /** The profile file the client is judged by. */
  readonly profile: string;
  readonly operators: readonly Credentials[];
  readonly auth: AuthMode;
  readonly host: string;
  /** 0 takes a free port. */
  readonly port: number;
  readonly autoplayStepMs: number;
  readonly tokenTtlSeconds: number;
}

export interface ClientWatch {
  /** The API base URL the client is to call. */
  readonly url: string;
  /** Closes the simulator (queued events get their drain) and judges the traffic. */
  stop(): Promise<ClientVerdict>;
}

/** Quick retries and a bounded drain: a listener that does not answer is judged on its attempts, not waited for. */
const DELIVERY = { backoffBaseMs: 100, backoffMaxMs: 1000, timeoutMs: 2000, drainMs: 2000 } as const;

export async function startClientWatch(o: ClientWatchOptions): Promise<ClientWatch> {
  const model = loadProfile(o.profile);
  const traffic = createTrafficRecorder();
  const app = buildSimulator({
    model,
    operators: o.operators,
    auth: o.auth,
    tokenTtlSeconds: o.tokenTtlSeconds,
    autoplay: { stepMs: o.autoplayStepMs },
    events: DELIVERY,
    traffic,
    // Only a simulator bug is worth the client's terminal; the verdict tells the rest.
    logger: { level: "error", stream: process.stderr },
  });
  try {
    await app.listen({ host: o.host, port: o.port });
  } catch (e) {
    await app.close();
    throw new Error(`the simulator cannot listen on ${o.host}:${o.port}: ${(e as Error).message}`, { cause: e });
  }
  const addr = app.server.address() as AddressInfo;
  const host = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
  let verdict: Promise<ClientVerdict> | undefined;
  return {
    url: `http://${host}:${addr.port}${app.model.basePath}`,
    stop() {
      verdict ??= app.close().then(() => judgeTraffic(app.model, traffic.snapshot()));
      return verdict;
    },
  };
}
