// Load and its figures for npm run bench: autocannon against one URL for a while, and
// percentiles of latencies the bench timed itself. Every figure the bench reports is
// a ratio against a baseline measured in the same run, or a growth curve.
import autocannon from "autocannon";

export interface LoadResult {
  /** Requests answered per second, the run's mean. */
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Answers outside 2xx, and transport errors: a run with any is not a measurement. */
  non2xx: number;
  errors: number;
}

export interface LoadSpec {
  url: string;
  method?: "GET" | "POST" | "PATCH";
  headers?: Record<string, string>;
  /** A body per request: the n-th request of each connection gets body(n) (same for every target). */
  body?: (n: number) => string;
  /** The path of the n-th request, when it varies (PATCH over many tickets). */
  path?: (n: number) => string;
  connections: number;
  seconds: number;
}

export async function load(spec: LoadSpec): Promise<LoadResult> {
  let n = 0;
  const vary = spec.body !== undefined || spec.path !== undefined;
  const result = await autocannon({
    url: spec.url,
    method: spec.method ?? "GET",
    connections: spec.connections,
    duration: spec.seconds,
    ...(spec.headers ? { headers: spec.headers } : {}),
    ...(vary
      ? {
          requests: [
            {
              setupRequest: (req: autocannon.Request) => {
                const i = n++;
                return {
                  ...req,
                  ...(spec.body ? { body: spec.body(i) } : {}),
                  ...(spec.path ? { path: spec.path(i) } : {}),
                };
              },
            },
          ],
        }
      : {}),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** The q-th quantile (0..1) of `values`, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

export const round = (x: number, digits = 2) => Number(x.toFixed(digits));
