// A certify driver module, as QA writes one for a real Nexera environment: certify calls
// `move` for each Nexera-side transition and `set` for each Nexera-side attribute change
// its checks need (the contract: suites/driver/contract.ts, docs/rules.md §5, §6, §8).
// This one stands in for "whatever Nexera staff's tooling is" by driving the simulator's
// control interface over HTTP; each place where a real environment's call goes is marked.
//
//   npm run simulate -- --port 0 --credentials operator:operator-secret
//   npm run certify -- --target http://127.0.0.1:PORT/tmf-api/troubleTicket/v4 --driver examples/driver.ts
//
// Settings, from the environment (the module runs inside certify's process):
//   DRIVER_CONTROL_URL   the control interface; default {target origin}/__control
//   DRIVER_CREDENTIALS   user:password for it; default operator:operator-secret (the
//                        simulator's control takes an operator's, as HTTP Basic under --auth either or basic)
//
// Only a type is imported from the harness: copy the interface along if you move the file.
import type { DriverContext, DriverModule, MoveContext, NexeraFields } from "../suites/driver/contract.ts";

const credentials = process.env.DRIVER_CREDENTIALS ?? "operator:operator-secret";

/** The URL of the ticket in the simulator's control interface (docs/rules.md §8). */
function controlUrl(ticketId: string, context: DriverContext): string {
  const control = (process.env.DRIVER_CONTROL_URL ?? `${new URL(context.target).origin}/__control`).replace(/\/+$/, "");
  return `${control}/${context.resource}/${encodeURIComponent(ticketId)}`;
}

async function send(method: "POST" | "PATCH", url: string, body: unknown): Promise<void> {
  const res = await fetch(url, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(credentials).toString("base64")}`,
      "content-type": "application/json",
    },
    body: JSON.stringify(body),
  });
  // A rejection tells certify the change was not made: it reports a harness fault, not the target's.
  if (!res.ok) throw new Error(`${method} ${url}: HTTP ${res.status} ${await res.text()}`);
}

/** Nexera moves the ticket to `status` (one Nexera transition of the profile). */
export const move: DriverModule["move"] = async (ticketId: string, status: string, context: MoveContext) => {
  // A real environment: ask Nexera's ticketing tool to move the ticket here (its API, a
  // script over its admin UI, a message to its queue), then wait until the API shows the
  // new status before returning: certify reads the ticket right after.
  await send("POST", `${controlUrl(ticketId, context)}/status`, {
    status,
    reason: `certify ${context.from} -> ${status}`,
  });
};

/** Nexera changes attributes of the ticket: the profile's providerFields, such as priority. */
export const set: NonNullable<DriverModule["set"]> = async (
  ticketId: string,
  fields: NexeraFields,
  context: DriverContext,
) => {
  // A real environment: have Nexera staff's tool set these fields (e.g. priority 2) on
  // the ticket, then return once the API shows them. Leave `set` out when the tool
  // cannot: certify then skips the two checks of Nexera-side attribute changes.
  await send("PATCH", controlUrl(ticketId, context), fields);
};
