// §6 of the rules document: which events are sent when (events.rules), their order
// and envelope, the listener path, delivery, and the hub.
import type { ServerFacts } from "./doc-facts.ts";
import { heading } from "./doc-intro.ts";
import { paths } from "./doc-paths.ts";
import { blocks, claim, code, sourced, table, words } from "./doc-text.ts";
import { listenerName, type Model } from "./model.ts";
import type { EventRuleFile } from "./profile-file.ts";

export function eventsSection(model: Model, facts: ServerFacts): string {
  return blocks(
    heading(6),
    "Nexera tells an operator about its tickets by POSTing events to the listeners the operator registered with the hub. When each event is sent:",
    table(
      ["event", "sent when", "`fieldPath`", "provenance"],
      model.events.rules.map((r) => [code(r.eventType), when(model, r), fieldPath(r), sourced(r)]),
    ),
    orderText(model),
    envelopeText(model),
    listenerText(model),
    deliveryText(model, facts),
    hubText(model),
  );
}

function when(model: Model, r: EventRuleFile): string {
  switch (r.on) {
    case "create":
      return "a ticket is created";
    case "statusChange":
      return `a ticket's ${code(model.lifecycle.field)} changes, whichever side moved it${model.lifecycle.onAppend.length > 0 ? " (moves caused by appending included, §5)" : ""}`;
    case "enter":
      return `a ticket enters ${code(r.state ?? "?")}, after its status-change event`;
    case "attributeChange":
      return "a request of either side changes fields of a ticket other than the lifecycle's own: one event per request";
  }
}

function fieldPath(r: EventRuleFile): string {
  if (r.fieldPath !== undefined) return `${code(r.fieldPath)}: what Nexera needs`;
  return r.on === "attributeChange" ? "the changed top-level fields, comma-separated" : "none";
}

function orderText(model: Model): string {
  const lc = model.lifecycle;
  const updated = model.serverFields.updatedAt;
  const bookkeeping = [lc.field, lc.changeDateField, lc.reasonField, updated].filter((x) => x !== undefined);
  const has = (on: EventRuleFile["on"]) => model.events.rules.some((r) => r.on === on);
  const steps = [
    ...(has("create") ? ["the creation event"] : []),
    ...(has("attributeChange")
      ? [
          "the attribute-change event, because changed attributes may be what moved the status (§5) and a listener should learn the cause before the effect",
        ]
      : []),
    ...(has("statusChange") || has("enter")
      ? ["for each status change in turn, its status-change event followed by the events of the state it entered"]
      : []),
  ];
  return blocks(
    steps.length > 1
      ? `The events of one change are sent in this order (**chosen**; the document leaves it open): first ${steps.join("; then ")}.`
      : "",
    `Fields that a status change sets or clears by itself (§5) belong to it, not to an attribute change: the status-change events carry the whole ticket. The lifecycle's own fields, ${words(bookkeeping.map(code), "and")}, never count as changed attributes.`,
  );
}

function envelopeText(model: Model): string {
  const ev = model.events;
  const example: Record<string, unknown> = {
    eventId: "4f6c…",
    eventTime: "2021-02-26T10:00:00.000Z",
    eventType: ev.rules[0]?.eventType ?? "Event",
    ...(ev.correlationField !== undefined ? { correlationId: `(the ticket's ${ev.correlationField})` } : {}),
    fieldPath: "(where the table above gives one)",
    event: { [ev.payloadKey]: "(the whole ticket after the change)" },
  };
  return blocks(
    "**The envelope** (TMF):",
    `\`\`\`json\n${JSON.stringify(example, null, 2)}\n\`\`\``,
    [
      "- `eventId` is unique per event, so a listener can drop a duplicate delivery.",
      "- `eventTime` is the instant of the change.",
      ev.correlationField !== undefined
        ? `- \`correlationId\` is the ticket's ${code(ev.correlationField)} when it has one, so an operator can tie the event to its own request (**chosen**); otherwise it is absent.`
        : "- `correlationId` is absent: this profile names no field for it.",
      `- \`event.${ev.payloadKey}\` is the whole ticket after the change.`,
    ].join("\n"),
  );
}

function listenerText(model: Model): string {
  const lp = model.events.listenerPath;
  const first = model.events.rules[0]?.eventType ?? "SomeEvent";
  const style =
    lp.style === "lowerFirst"
      ? "the event type with a lower-case first letter"
      : "the event type exactly as it is written";
  const path = claim(
    `**The listener path**: Nexera POSTs each event to \`{callback}/listener/{eventName}\`, where \`eventName\` is ${style}, for example ${code(`/listener/${listenerName(model, first)}`)}`,
    lp,
  );
  return `${path} The simulated operator listener of this project accepts both spellings.`;
}

function deliveryText(model: Model, facts: ServerFacts): string {
  const d = facts.delivery;
  const s = (ms: number) => (ms >= 60_000 ? `${ms / 60_000} min` : ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`);
  const ok = model.events.successStatus === "200" ? "200" : "a 2xx";
  return [
    "**Delivery** (**chosen**; neither the document nor TMF gives delivery rules):",
    "",
    `- At least once: an event is sent until the listener answers with ${ok}. Network errors, timeouts (${s(d.timeoutMs)} per attempt), 5xx and ${words(d.retryStatuses.map(String), "and")} are retried with exponential backoff, from ${s(d.backoffBaseMs)} doubling up to ${s(d.backoffMaxMs)}, each wait varied by up to ${Math.round(d.jitter * 100)} % either way. Any other answer is the listener's final word: sending the same bytes again cannot change it.`,
    `- Each event is tried at most ${d.maxAttempts} times and no later than ${s(d.maxAgeMs)} after its first attempt; then it is given up. These are the simulator's defaults.`,
    "- The events of one ticket reach a registration in the order they happened: a ticket's next event waits until the one before it is delivered or given up. Different tickets do not wait for each other.",
    "- `eventId` is unique, so a listener that receives an event twice can drop the duplicate.",
  ].join("\n");
}

function hubText(model: Model): string {
  const p = paths(model);
  const hub = model.events.hub;
  const param = hub.eventTypeParameter;
  const reserved = Object.values(model.reserved).map(code);
  const example = exampleQuery(model);
  return [
    claim("**The hub** keeps each operator's listener registrations", hub),
    "",
    `- \`POST ${p.hub}\` with \`{"callback": "<URL>", "query": "<filter>"}\` (\`query\` optional) registers a listener: 201 with \`{id, callback, query}\` and a \`Location\` header, ${code(p.hubItem)}.`,
    `- \`callback\` must be an absolute ${words(hub.callbackSchemes.map(code), "or")} URL with a host and without a query or fragment, since events go to \`{callback}/listener/{eventName}\`; its userinfo holds the listener's credentials (§3). Anything else is 400.`,
    `- \`query\` selects the events the registration receives: the list filters of §7, applied to the ticket after the change, plus \`${param}=<name>[,<name>]\` to choose event types${example ? `, for example ${code(example)}` : ""}. The paging parameters ${words(reserved, "and")} are refused. Blanks around names and values are ignored. Without a query, a registration receives every event of its operator's tickets.`,
    `- \`DELETE ${p.hubItem}\` answers 204, and the registration receives nothing more: its undelivered events are dropped. An unknown id, or another operator's, is 404.`,
    ...(hub.reset
      ? [
          claim(
            `- \`DELETE ${p.hub}\` resets the operator's endpoint: every registration of that operator goes, as if each were deleted; 204, even when there was none`,
            hub.reset,
          ),
        ]
      : []),
    "- An event reaches only the registrations of its ticket's own operator (§3).",
  ].join("\n");
}

function exampleQuery(model: Model): string | undefined {
  const enter = model.events.rules.find((r) => r.on === "enter") ?? model.events.rules[0];
  if (!enter) return undefined;
  const parts = [`${model.events.hub.eventTypeParameter}=${enter.eventType}`];
  const typeField = model.ticketTypeField;
  const last = model.ticketTypes[model.ticketTypes.length - 1];
  if (typeField !== undefined && last !== undefined && model.filterFields.has(typeField))
    parts.push(`${typeField}=${last}`);
  return parts.join("&");
}
