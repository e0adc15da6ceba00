// §8 of the rules document, the simulator's limits: what it holds at most, the setting
// that changes each, and what happens past it. Read from ServerFacts (the settings
// tables and the error catalogue), so the document cannot drift from the code.
import type { LimitFact, LimitFacts } from "./doc-facts.ts";
import { code, table } from "./doc-text.ts";

export function limitsText(f: LimitFacts, controlPrefix: string, resource: string, hubPath: string): string {
  const setting = (l: LimitFact) => code(`npm run ${l.command} -- ${l.flag}`);
  const refused = (e: { status: number; code: string }) => `${e.status} ${code(e.code)}`;
  const dropped = `the oldest are dropped and counted in the ${code(f.droppedHeader)} header of`;
  const rows: string[][] = [
    [
      "tickets per operator",
      String(f.ticketsPerOperator.value),
      setting(f.ticketsPerOperator),
      `${code(`POST {base}/${resource}`)} is ${refused(f.refusals.tickets)} and stores nothing; ${code(`POST ${controlPrefix}/reset`)} makes room. Another operator's tickets do not count.`,
    ],
    [
      "one ticket, as JSON",
      `${f.ticketBytes.value} bytes`,
      setting(f.ticketBytes),
      `a create or change that would make a ticket larger (notes appended, say) is ${refused(f.refusals.ticketBytes)} and stores nothing.`,
    ],
    [
      "hub registrations per operator",
      String(f.subscriptionsPerOperator.value),
      setting(f.subscriptionsPerOperator),
      `${code(`POST {base}/${hubPath}`)} is ${refused(f.refusals.subscriptions)} and registers nothing.`,
    ],
    [
      "events waiting for one registration's listener",
      String(f.pendingDeliveries.value),
      setting(f.pendingDeliveries),
      `a new event is not queued; the delivery log records it as ${code("gaveUp")}, attempt 0, with the reason.`,
    ],
    [
      "delivery attempts kept",
      String(f.deliveryRecords.value),
      setting(f.deliveryRecords),
      `${dropped} ${code(`GET ${controlPrefix}/deliveries`)}.`,
    ],
    [
      "events the simulated listener keeps",
      String(f.listenerRecords.value),
      setting(f.listenerRecords),
      `${dropped} its ${code(`GET ${controlPrefix}/events`)}.`,
    ],
    [
      "changes the timelines keep",
      String(f.changeRecords),
      "none",
      `${dropped} ${code(`GET ${controlPrefix}/${resource}/{id}/timeline`)}.`,
    ],
    [
      "console live update streams open at once",
      String(f.consoleStreams),
      "none",
      `${code("GET /__console/api/stream")} is ${refused(f.refusals.streams)}; a stream whose browser stops reading is closed.`,
    ],
    [
      "live access tokens per operator",
      String(f.tokensPerOperator),
      "none",
      "a new token revokes the operator's oldest (a client that asks for a token per call keeps working).",
    ],
  ];
  return [
    "**Limits**: a simulator left running, or pointed at by a fuzzer, holds a bounded amount of state; none of these limits is the document's. The defaults are far above what a conformance run uses.",
    "",
    table(["what", "at most", "setting", "past it"], rows),
    "",
    `A refusal past a limit is 409, with a message naming the limit and the setting that raises it: the collection or ticket the request adds to is full, a conflict with its state. Not 429, since waiting frees nothing, and not 507, since a 5xx would blame the server for a limit it was given. The request is judged first: a body that breaks the rules is 400 whether or not a limit is reached. ${code(`POST ${controlPrefix}/reset`)} empties the delivery log and zeroes its count of dropped attempts.`,
  ].join("\n");
}
