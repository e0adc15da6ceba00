// §8 of the rules document: what the simulator adds to the API it plays (defaults,
// the control interface, autoplay), none of it the document's.
import type { ServerFacts } from "./doc-facts.ts";
import { heading } from "./doc-intro.ts";
import { limitsText } from "./doc-limits.ts";
import { blocks, code, sourced, table, words } from "./doc-text.ts";
import { canMove, type Model, targetsFrom } from "./model.ts";

export function simulatorSection(model: Model, facts: ServerFacts): string {
  const c = facts.controlPrefix;
  const op = facts.defaultOperator;
  const item = `${c}/${model.resource}/{id}`;
  const pf = model.file.providerFields;
  const rows = [
    [
      code(`POST ${item}/status`),
      `\`{"status": "...", "reason": "..."}\`: a Nexera-driven transition of §5; 409 when the profile does not allow it. The reason is optional.`,
    ],
    [
      code(`PATCH ${item}`),
      `Sets Nexera-side fields: ${words(model.providerFields.map(code), "and")} (${sourced(pf)}). Any other field is 400; a ticket in a final state is 409.`,
    ],
    [code(`GET ${c}/${model.resource}`), "Every operator's tickets, with the filters, fields and paging of §7."],
    [code(`GET ${item}`), "Any operator's ticket; the `X-Operator` header names its owner."],
    [
      code(`POST ${c}/reset`),
      "Starts over (204): tickets, hub registrations with their undelivered events, the delivery log and the change history. Operators and their tokens stay.",
    ],
    [code(`GET ${c}/${model.hubPath}`), "Every hub registration, passwords masked."],
    [
      code(`GET ${c}/deliveries`),
      `Every delivery attempt kept (see the limits below): time, event, status code, latency, outcome (filters: \`subscriptionId\`, \`eventId\`, \`ticketId\`, \`outcome\`); the \`${facts.limits.droppedHeader}\` header counts the older ones dropped.`,
    ],
    [code(`GET ${c}/deliveries/pending`), "The events not yet delivered."],
    [
      code(`DELETE ${c}/deliveries/pending/{subscriptionId}/{eventId}`),
      "Gives up one event still queued for one registration (204; 404 when it is not queued): the delivery log records it as `cancelled`, and the ticket's later events go on.",
    ],
    [
      code(`GET ${item}/timeline`),
      "The ticket's story: each change with who made it (`operator`, `control`, `console`, `autoplay` or `seed`), the events it caused, the registrations each was queued for, and every delivery attempt.",
    ],
  ];
  return blocks(
    heading(8),
    "The simulator plays Nexera. What this section describes is its own, not the document's (**chosen**); a conformance run relies on it only when it is told to drive Nexera's side through it (`--driver simulator`).",
    [
      "**Defaults**:",
      "",
      `- One operator, ${code(`${op.user}:${op.password}`)}, unless others are given (\`--credentials\`, \`--operators\`).`,
      `- Authentication mode ${code(facts.defaultAuthMode)} (§3); access tokens live ${facts.tokenTtlSeconds} s.`,
      "- The profile's base path and body limit (§2), unless `--base-path` or `--body-limit` say otherwise.",
      "- `href` values and `Location` headers are paths, unless `--public-url` gives the origin to put before them.",
    ].join("\n"),
    `**The control interface** does what Nexera's staff do. It sits at the server's root under ${code(c)}, takes the same credentials as the API (any operator's), and sees every operator's tickets:`,
    table(["call", "does"], rows),
    "**The console**, `/__console` in a browser, shows and drives the same: tickets, timelines, deliveries, Nexera's moves, and the client role's verdict as it forms. It takes an operator's user name and password as HTTP Basic, whatever the authentication mode, and fetches nothing from elsewhere (see the README).",
    limitsText(facts.limits, c, model.resource, model.hubPath),
    autoplayText(model),
    `**Also**: \`GET ${facts.openapiPath}\` (no credentials) describes the API as derived from the profile; \`--seed-data FILE\` preloads tickets, each optionally brought to a state through Nexera-driven transitions; \`--misbehave FAULT\` breaks one rule on purpose, to show the conformance suites catch it (see the README).`,
  );
}

/** How --autoplay walks a ticket, from lifecycle.autoplay, the provider's transitions and onAppend. */
function autoplayText(model: Model): string {
  const lc = model.lifecycle;
  const walk = lc.autoplay;
  if (walk.length === 0) return "";
  const waits = walk.flatMap((to, i) => {
    const from = i === 0 ? lc.initial : walk[i - 1]!;
    if (canMove(lc.provider, from, to)) return [];
    const rule = lc.onAppend.find((r) => r.from.includes(from));
    return [
      rule
        ? `in ${code(from)} it waits for the operator to add to ${words(rule.fields.map(code), "or")}, which moves it to ${code(rule.to)} (§5), and goes on from there`
        : `in ${code(from)} it waits until the ticket is moved on`,
    ];
  });
  const last = walk.at(-1)!;
  const reopen = lc.final.has(last)
    ? []
    : targetsFrom(lc.operator, last).filter((s) => !lc.final.has(s) && canMove(lc.provider, s, last));
  return [
    `**Autoplay** (\`--autoplay\`): each new ticket walks ${[lc.initial, ...walk].map(code).join(" -> ")}, one Nexera-driven step every \`--autoplay-step-ms\`.`,
    `A step is taken only when Nexera may make it (§5); otherwise the walk waits for the ticket to change${waits.length > 0 ? `: ${waits.join("; ")}` : ""}.`,
    "A ticket in a final state ends its walk (the operator cancelled it).",
    reopen.length > 0
      ? `A ticket the operator moves from ${code(last)} back to ${words(reopen.map(code), "or")} after its walk is moved to ${code(last)} again.`
      : "",
  ]
    .filter((x) => x !== "")
    .join(" ");
}
