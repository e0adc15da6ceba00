// An operator's client of the Nexera Trouble Ticket API, as a typical integration
// writes one (docs/rules.md §3-§7): it takes a token and renews it before it expires,
// registers its listener, creates a ticket of each type, lists with a filter and a
// page, reads, supplies information when Nexera asks (pending), rejects the first
// resolution with a file attached and accepts the second, cancels the other ticket while
// Nexera waits for information on it, then follows its tickets for a while. It is operator
// code, standing alone: it imports nothing of the harness. Each switch makes one typical
// mistake, so `npm run certify -- --role client` can be seen to catch it.
//
//   npx tsx examples/client.ts --api http://127.0.0.1:8080/tmf-api/troubleTicket/v4
//     [--credentials operator:operator-secret] [--callback http://127.0.0.1:8081]
//     [--follow-ms 3000]   after its flow, list its tickets every 200 ms for this long
//     [--mistake priority-on-create|missing-required|unknown-filter|patch-closed|no-token-refresh]
import { parseArgs } from "node:util";

export const MISTAKES = [
  "priority-on-create",
  "missing-required",
  "unknown-filter",
  "patch-closed",
  "no-token-refresh",
] as const;
export type Mistake = (typeof MISTAKES)[number];

export interface ClientOptions {
  /** The API base URL, e.g. http://127.0.0.1:8080/tmf-api/troubleTicket/v4 */
  readonly api: string;
  /** Default {api origin}/oauth/token. */
  readonly tokenUrl?: string;
  readonly credentials: string;
  /** The operator listener's base URL, registered through POST /hub. */
  readonly callback?: string;
  readonly mistake?: Mistake;
  /** How long to wait for Nexera to move a ticket (default 60 s). */
  readonly waitMs?: number;
  /** After the flow, how long to keep following the tickets, as a polling integration does (default 0). */
  readonly followMs?: number;
  readonly log?: (line: string) => void;
}

type Ticket = Record<string, unknown> & { id: string; status: string };

export async function runClient(o: ClientOptions): Promise<void> {
  const log = o.log ?? (() => {});
  const api = o.api.replace(/\/+$/, "");
  const tokenUrl = o.tokenUrl ?? `${new URL(api).origin}/oauth/token`;
  const basic = `Basic ${Buffer.from(o.credentials).toString("base64")}`;
  const waitMs = o.waitMs ?? 60_000;
  let token: { value: string; renewAt: number } | undefined;

  const authorization = async (): Promise<string> => {
    // Renew when four fifths of the lifetime have passed, so no request carries an expired token.
    if (token && (o.mistake === "no-token-refresh" || Date.now() < token.renewAt)) return `Bearer ${token.value}`;
    const res = await fetch(tokenUrl, {
      method: "POST",
      headers: { authorization: basic, "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    });
    if (res.status !== 200) throw new Error(`token: HTTP ${res.status}`);
    const body = (await res.json()) as { access_token: string; expires_in: number };
    token = { value: body.access_token, renewAt: Date.now() + body.expires_in * 800 };
    return `Bearer ${token.value}`;
  };

  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> => {
    const res = await fetch(`${api}${path}`, {
      method,
      headers: {
        authorization: await authorization(),
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    log(`${method} ${path} -> ${res.status}`);
    return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined };
  };
  const must = async (method: string, path: string, status: number, body?: unknown) => {
    const r = await call(method, path, body);
    if (r.status !== status)
      throw new Error(`${method} ${path}: expected ${status}, got ${r.status} ${JSON.stringify(r.json)}`);
    return r.json;
  };
  const get = async (id: string) => (await must("GET", `/troubleTicket/${id}`, 200)) as Ticket;
  const waitFor = async (id: string, states: readonly string[]): Promise<Ticket> => {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const t = await get(id);
      if (states.includes(t.status)) return t;
      if (Date.now() > deadline) throw new Error(`ticket ${id} stayed ${t.status}, waiting for ${states.join("|")}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const move = (id: string, status: string, reason: string) =>
    must("PATCH", `/troubleTicket/${id}`, 200, { status, statusChangeReason: reason });

  const hub =
    o.callback === undefined
      ? undefined
      : ((await must("POST", "/hub", 201, { callback: o.callback })) as { id: string });

  const party = [{ id: "OP-7", "@referredType": "Organization", role: "reporter" }];
  const line = {
    ticketSubtype: "Maintenance",
    name: "Line down",
    description: "No sync on port 4",
    severity: "High",
    relatedEntity: [{ id: "LINE-42", "@referredType": "Service", role: "affected" }],
    relatedParty: party,
    ...(o.mistake === "priority-on-create" ? { priority: 1 } : {}),
  };
  if (o.mistake === "missing-required") delete (line as Partial<typeof line>).description;
  const bill = {
    ticketType: "Complaint",
    ticketSubtype: "Financial",
    name: "Wrong bill",
    description: "Invoice 2021-02 charged twice",
    relatedEntity: [{ id: "BILL-2021-02", "@referredType": "Bill", role: "disputed" }],
    relatedParty: party,
  };
  const first = await call("POST", "/troubleTicket", line);
  if (first.status !== 201) {
    log(`the create was refused (${first.status}): the integration stops here`);
    return;
  }
  const a = (first.json as Ticket).id;
  const b = ((await must("POST", "/troubleTicket", 201, bill)) as Ticket).id;

  const since = new Date(Date.now() - 3_600_000).toISOString();
  const filter = o.mistake === "unknown-filter" ? `colour=red` : `creationDate.gt=${encodeURIComponent(since)}`;
  await call("GET", `/troubleTicket?${filter}&fields=id,status&limit=1&offset=0`);
  await must("GET", `/troubleTicket?offset=1&limit=1`, 200);
  await get(a);

  // Nexera asks for information (pending, with TroubleTicketInformationRequiredEvent); a note answers.
  await waitFor(a, ["pending"]);
  await must("PATCH", `/troubleTicket/${a}`, 200, { note: [{ text: "Serial SN-1" }] });
  await waitFor(a, ["resolved"]);
  // The first resolution does not hold: reopen with a trace; Nexera resolves again, and that one is accepted.
  await move(a, "inProgress", "resolution rejected");
  await must("PATCH", `/troubleTicket/${a}`, 200, {
    attachment: [{ name: "trace.txt", mimeType: "text/plain", content: Buffer.from("sync lost").toString("base64") }],
  });
  await waitFor(a, ["resolved"]);
  await move(a, "closed", "resolution accepted");
  if (o.mistake === "patch-closed") await call("PATCH", `/troubleTicket/${a}`, { note: [{ text: "one more thing" }] });
  // Nexera waits for information on the complaint, which was settled elsewhere: cancel it.
  await waitFor(b, ["pending"]);
  await move(b, "cancelled", "handled elsewhere");
  for (const until = Date.now() + (o.followMs ?? 0); Date.now() < until; ) {
    await must("GET", `/troubleTicket?id=${a},${b}&fields=id,status`, 200);
    await new Promise((r) => setTimeout(r, 200));
  }
  if (hub) await must("DELETE", `/hub/${hub.id}`, 204);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      api: { type: "string" },
      "token-url": { type: "string" },
      credentials: { type: "string", default: "operator:operator-secret" },
      callback: { type: "string" },
      "follow-ms": { type: "string" },
      mistake: { type: "string" },
    },
  });
  if (values.api === undefined) throw new Error("--api <API base URL> is required");
  const mistake = values.mistake as Mistake | undefined;
  if (mistake !== undefined && !MISTAKES.includes(mistake)) throw new Error(`--mistake: one of ${MISTAKES.join(", ")}`);
  await runClient({
    api: values.api,
    credentials: values.credentials,
    ...(values["token-url"] !== undefined ? { tokenUrl: values["token-url"] } : {}),
    ...(values.callback !== undefined ? { callback: values.callback } : {}),
    ...(values["follow-ms"] !== undefined ? { followMs: Number(values["follow-ms"]) } : {}),
    ...(mistake !== undefined ? { mistake } : {}),
    log: (l) => process.stdout.write(`${l}\n`),
  });
}

if (process.argv[1]?.endsWith("client.ts")) {
  main().catch((e: unknown) => {
    process.stderr.write(`client: ${(e as Error).message}\n`);
    process.exit(1);
  });
}
