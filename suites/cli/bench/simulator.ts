// The simulator as npm run bench drives it: started in a child process of its own
// (simulator/cli/child), with the bench's operators, and spoken to as a user would:
// a Bearer token from the token endpoint, JSON over HTTP.
import { resolve } from "node:path";
import {
  ROOT,
  type SimulatorChild,
  startMeasuredChild,
  startSimulatorChild,
} from "../../../simulator/cli/child/process.ts";
import { basicHeader, type Credentials } from "../../../simulator/model/credentials.ts";
import type { Model } from "../../../simulator/model/model.ts";

export type { SimulatorChild } from "../../../simulator/cli/child/process.ts";

export const operator = (i: number): Credentials => ({ user: `bench-${i}`, password: `bench-${i}-secret` });

/** The simulator with `operators` operators, quiet, on a free port. */
export function startSimulator(operators: number, extra: readonly string[] = []): Promise<SimulatorChild> {
  const creds = Array.from({ length: operators }, (_, i) => [
    "--credentials",
    `${operator(i).user}:${operator(i).password}`,
  ]);
  return startSimulatorChild(["--port", "0", "--log-level", "error", ...creds.flat(), ...extra]);
}

/** The baseline server (bare.ts) answering `ticket` on the simulator's paths. */
export function startBare(model: Model, ticket: unknown): Promise<SimulatorChild> {
  return startMeasuredChild(
    resolve(ROOT, "suites/cli/bench/bare.ts"),
    [model.basePath, JSON.stringify(ticket), model.resource],
    /^bare fastify listening at (\S+)$/m,
  );
}

/** A Bearer token for the operator (docs/rules.md §3), as a client gets one. */
export async function bearer(origin: string, who: Credentials): Promise<string> {
  const res = await fetch(`${origin}/oauth/token`, {
    method: "POST",
    headers: { authorization: basicHeader(who), "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials",
  });
  if (res.status !== 200) throw new Error(`POST /oauth/token answered ${res.status}: ${await res.text()}`);
  return `Bearer ${((await res.json()) as { access_token: string }).access_token}`;
}

/** One JSON request that must answer `status`; its body. */
export async function call(
  url: string,
  method: string,
  authorization: string,
  body?: unknown,
  status = method === "POST" ? 201 : 200,
): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method,
    headers: { authorization, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (res.status !== status)
    throw new Error(`${method} ${url} answered ${res.status}, not ${status}: ${text.slice(0, 300)}`);
  return text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/** Forgets every ticket and subscription (POST /__control/reset). */
export async function reset(origin: string, authorization: string): Promise<void> {
  await call(`${origin}/__control/reset`, "POST", authorization, undefined, 204);
}
