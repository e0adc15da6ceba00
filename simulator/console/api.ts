// Talking to the simulator: JSON in and out, same origin only (the browser sends the
// console's HTTP Basic credentials by itself), and a refusal shown as the TMF Error's message.
export type {
  AttemptRecord,
  ConsoleMeta,
  Deliveries,
  FormField,
  PendingDelivery,
  TicketList,
  TicketRow,
  Timeline,
  TimelineChange,
  TimelineEvent,
} from "../http/console-api.ts";
export type { ClientVerdict, VerdictCase } from "../model/client-verdict.ts";

export const PREFIX = "/__console";
/** The control interface's routes, as the console (its changes are recorded as the console's). */
export const CONTROL = `${PREFIX}/api/control`;

export class RequestFailed extends Error {}

async function answer<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const body: unknown = await res.json().catch(() => undefined);
  if (res.ok) return body as T;
  const message = (body as { message?: unknown } | undefined)?.message;
  throw new RequestFailed(typeof message === "string" ? message : `HTTP ${res.status}`);
}

export async function getJson<T>(path: string): Promise<T> {
  return answer<T>(await fetch(path, { headers: { accept: "application/json" } }));
}

export async function send<T>(method: "POST" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, headers: { accept: "application/json" } };
  if (body !== undefined) init.headers = { ...init.headers, "content-type": "application/json" };
  if (body !== undefined) init.body = JSON.stringify(body);
  return answer<T>(await fetch(path, init));
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
