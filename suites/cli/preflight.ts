// Before any suite runs, certify checks what every case needs: the target answers at
// all, the token endpoint answers, and the credentials are accepted. A failure ends
// the run with one line: exit 3 for what could not be reached (a fault of the
// environment, not a finding), exit 2 for refused credentials (a bad setting).
import { basicHeader, type Credentials, masked } from "../../simulator/model/credentials.ts";
import { closeAgent, type Exchange, send } from "../http/client.ts";
import type { Settings } from "../target/settings.ts";
import type { Target } from "../target/target.ts";

export interface Preflight {
  readonly exit: 2 | 3;
  readonly line: string;
}

/** Within this, a target that has not answered is unreachable (the run must end in under 10 s). */
const REACH_MS = 4000;

/** Undefined when the run may go on; otherwise why not, in one line, and the exit code. */
export async function preflight(settings: Settings, target: Target): Promise<Preflight | undefined> {
  try {
    if (settings.role === "listener") return await reach(`${target.base}/listener`, "the listener");
    const reached = await reach(target.tickets, "the target");
    if (reached) return reached;
    const operators: Array<[Credentials, string]> = [
      [settings.credentials, "--credentials"],
      ...(settings.secondCredentials
        ? [[settings.secondCredentials, "--second-credentials"] as [Credentials, string]]
        : []),
    ];
    for (const [c, flag] of operators) {
      const refused = await accepted(settings, target, c, flag);
      if (refused) return refused;
    }
    return undefined;
  } finally {
    await closeAgent();
  }
}

/** Any HTTP answer is an answer; only a connection that fails or hangs is unreachable. */
async function reach(url: string, what: string): Promise<Preflight | undefined> {
  const cause = await unreachable(url);
  return cause !== undefined ? { exit: 3, line: `cannot reach ${what} at ${url}: ${cause}` } : undefined;
}

/** Why a GET of `url` got no HTTP answer (of any status) within REACH_MS, or undefined when it got one. */
export async function unreachable(url: string): Promise<string | undefined> {
  const got = await attempt({ method: "GET", url });
  return "error" in got ? got.error : undefined;
}

/** The operator's credentials are accepted: a token is issued (Bearer), or a list answers other than 401 (Basic). */
async function accepted(
  settings: Settings,
  target: Target,
  c: Credentials,
  flag: string,
): Promise<Preflight | undefined> {
  const useBasic = settings.auth === "basic";
  const got = useBasic
    ? await attempt({ method: "GET", url: `${target.tickets}?limit=1` }, basicHeader(c))
    : await attempt(
        {
          method: "POST",
          url: target.tokenUrl,
          raw: "grant_type=client_credentials",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        },
        basicHeader(c),
      );
  const where = useBasic ? `HTTP Basic at ${target.tickets}` : `the token endpoint ${target.tokenUrl}`;
  if ("error" in got) return { exit: 3, line: `cannot reach ${where}: ${got.error}` };
  const status = got.ex.response.status;
  if (status === 401 || status === 403)
    return { exit: 2, line: `${where} refused the credentials ${masked(c)} (HTTP ${status}); check ${flag}` };
  if (!useBasic && status !== 200)
    return {
      exit: 3,
      line: `${where} answered HTTP ${status} for ${masked(c)}, not a token; check --token-url, or --auth basic for a target without one`,
    };
  return undefined;
}

async function attempt(
  req: Parameters<typeof send>[0],
  authorization?: string,
): Promise<{ ex: Exchange } | { error: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ error: string }>((resolve) => {
    timer = setTimeout(() => resolve({ error: `no answer within ${REACH_MS / 1000} s` }), REACH_MS);
  });
  const call = send(req, authorization).then(
    (ex) => ({ ex }),
    (e: unknown) => ({ error: describe(e) }),
  );
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The cause a connection failure carries (ECONNREFUSED, ENOTFOUND, ...), not undici's wrapper text. */
function describe(e: unknown): string {
  const cause = (e as { cause?: { cause?: { code?: string }; code?: string; message?: string } }).cause;
  return cause?.cause?.code ?? cause?.code ?? cause?.message ?? String((e as Error).message ?? e);
}
