// §1 (parties and flows) and §2 (paths and errors) of the rules document. The
// paths, ticket types and limits come from the profile; the error catalogue from
// the server's facts; the rest is the same for every profile.
import type { ServerFacts } from "./doc-facts.ts";
import { heading } from "./doc-intro.ts";
import { blocks, claim, code, mark, table, words } from "./doc-text.ts";
import { eventTypes, listenerName, type Model } from "./model.ts";

/** `{base}/troubleTicket`, `{base}/hub`: the profile's paths under the base placeholder. */
export function paths(model: Model) {
  return {
    collection: `{base}/${model.resource}`,
    item: `{base}/${model.resource}/{id}`,
    hub: `{base}/${model.hubPath}`,
    hubItem: `{base}/${model.hubPath}/{id}`,
  };
}

export function flowsSection(model: Model): string {
  const p = paths(model);
  const success = model.events.successStatus === "200" ? "200 OK" : "200 OK (any 2xx counts)";
  const rows = [
    ["operator -> Nexera", code(`POST ${p.collection}`), "report a new ticket (§4)", "201 Created"],
    ["operator -> Nexera", code(`GET ${p.collection}`), "list current and past tickets, with filters (§7)", "200 OK"],
    ["operator -> Nexera", code(`GET ${p.item}`), "read one ticket", "200 OK"],
    ["operator -> Nexera", code(`PATCH ${p.item}`), "change a ticket (§4, §5)", "200 OK"],
    ["operator -> Nexera", code(`POST ${p.hub}`), "register a listener for events (§6)", "201 Created"],
    ["operator -> Nexera", code(`DELETE ${p.hubItem}`), "remove that registration (§6)", "204 No Content"],
    ...(model.events.hub.reset
      ? [["operator -> Nexera", code(`DELETE ${p.hub}`), "remove all its registrations (§6)", "204 No Content"]]
      : []),
    ...eventTypes(model).map((t) => [
      "Nexera -> operator",
      code(`POST {callback}/listener/${listenerName(model, t)}`),
      `the event ${code(t)} (§6)`,
      success,
    ]),
  ];
  return blocks(
    heading(1),
    "Nexera runs the server; operators call it, and Nexera calls them back with events. These are the flows of the API (seed):",
    table(["direction", "request", "purpose", "answer"], rows),
    "`{base}` is the base path of the API (§2); `{callback}` is the address an operator registered with the hub (§6).",
    ticketTypesText(model),
    "**Transport** (seed): REST; JSON bodies encoded in UTF-8; synchronous calls, and events sent asynchronously; HTTPS. A request body that is not valid UTF-8 is refused with 400 rather than decoded leniently, which would store other characters than the client sent (**chosen**); a leading byte order mark is ignored. The simulator itself listens on plain HTTP, for local use.",
  );
}

function ticketTypesText(model: Model): string {
  const tt = model.file.ticketTypes;
  if (model.ticketTypeField === undefined)
    return claim("**Ticket types**: every ticket follows the same rules, one column per operation in §4", tt);
  const field = model.root.byName.get(model.ticketTypeField);
  const en = field?.enumName === undefined ? undefined : model.file.enums[field.enumName];
  const values = words(model.ticketTypes.map(code), "or");
  return `**Ticket types**: a ticket's type is named in its ${code(model.ticketTypeField)} field: ${values}${en ? ` (${mark(en.provenance)})` : ""}. The type selects the column of field rules (§4) a request is judged by. ${claim(`A POST without ${code(model.ticketTypeField)} creates a ticket of type ${code(tt.default)}`, tt)}`;
}

export function pathsSection(model: Model, facts: ServerFacts): string {
  const p = paths(model);
  const api = model.file.api;
  const base =
    model.basePath === ""
      ? claim("The API is at the server's root: `{base}` is empty", api.basePath)
      : claim(`\`{base}\`, the base path of the API, is ${code(model.basePath)}`, api.basePath);
  const rows = [
    [
      code(`POST ${p.collection}`),
      "creates a ticket (§4)",
      "201 with the ticket; `Location` names it",
      "seed; Location: TMF630",
    ],
    [code(`GET ${p.collection}`), "lists the operator's tickets (§7)", "200 with a JSON array", "seed"],
    [code(`GET ${p.item}`), "reads one ticket (§7: only `fields` applies)", "200 with the ticket", "seed"],
    [code(`PATCH ${p.item}`), "changes a ticket (§4, §5)", "200 with the ticket after the change", "seed"],
    [
      code(`POST ${p.hub}`),
      "registers a listener (§6)",
      "201 with the registration; `Location` names it",
      "seed; body: TMF",
    ],
    [code(`DELETE ${p.hubItem}`), "removes a registration (§6)", "204", "seed; the id in the path: TMF"],
    ...(model.events.hub.reset
      ? [
          [
            code(`DELETE ${p.hub}`),
            "removes every registration of the operator (§6)",
            "204",
            model.events.hub.reset.provenance,
          ],
        ]
      : []),
    [
      code("POST {callback}/listener/{eventName}"),
      "delivers an event (§6)",
      "2xx from the operator",
      "seed; path: TMF",
    ],
    [code(`POST ${facts.tokenPath}`), "issues an access token (§3)", "200", "**chosen**"],
  ];
  return blocks(
    heading(2),
    base,
    table(["method and path", "does", "answer", "provenance"], rows),
    "A path the API does not have is 404. A path it has, asked with a method it does not offer (for example `DELETE` or `PUT` on a ticket), is 405 with an `Allow` header naming the methods it does offer (TMF).",
    requestBodies(model, facts),
    errors(model, facts),
  );
}

function requestBodies(model: Model, facts: ServerFacts): string {
  const limit = model.file.api.bodyLimitBytes;
  return [
    "**Request bodies**:",
    "",
    `- \`POST\` takes \`application/json\`; \`PATCH\` takes ${words(model.patchContentTypes.map(code), "or")} (§4). Any other media type, or a charset other than UTF-8, is 415 (TMF).`,
    `- ${claim(`A body larger than ${model.bodyLimitBytes} bytes${bytesWords(model.bodyLimitBytes)} is 413`, limit)} The simulator takes another limit with \`--body-limit\`.`,
    `- A body must be one JSON object, nested at most ${facts.maxBodyDepth} levels deep, without keys that could poison prototypes (\`__proto__\`, \`constructor.prototype\`); anything else is 400 (**chosen**: code that walks JSON must not be made to overflow its stack).`,
    `- What the HTTP layer refuses before routing (a malformed request line or header, a request line and headers over ${facts.maxHeaderBytes / 1024} KiB, broken chunking, a path or query that is not valid percent-encoded UTF-8) is 400; a client too slow to send its request is 408, so it knows it may retry; \`CONNECT\` is 405; an \`Expect\` other than \`100-continue\` is 417 (**chosen**).`,
  ].join("\n");
}

function errors(model: Model, facts: ServerFacts): string {
  const example = exampleViolation(model);
  const body = {
    code: "INVALID_BODY",
    reason: "Invalid request body",
    message: example,
    status: "400",
    "@type": "Error",
  };
  return blocks(
    "**Errors** (TMF): every error answer carries the TMF Error body, for example:",
    `\`\`\`json\n${JSON.stringify(body, null, 2)}\n\`\`\``,
    `\`code\` and \`reason\` are fixed per kind of error; \`message\` gives the specifics, and for field rules it names every violated field and rule, up to ${facts.maxListedViolations} in one message (the rest are counted). The kinds:`,
    table(
      ["status", "code", "reason"],
      facts.errors.map((e) => [String(e.status), code(e.code), e.reason]),
    ),
    "When a request is wrong in several ways, the answer names the first of: credentials (401), media type (415), size (413), content (400) (**chosen**). A 5xx answer is always the server's fault, never the client's.",
  );
}

/** A message the validator would give: the first required field of the default ticket type's POST. */
function exampleViolation(model: Model): string {
  const t = model.defaultTicketType;
  const f = model.root.fields.find((x) => x.cells[t]?.POST?.rule === "R");
  return f ? `${f.name} is required for ${t} POST` : `foo is not a field of ${model.root.name}`;
}

/** " (1 MiB)", " (64 KiB)", or nothing for a number of bytes that is neither. */
function bytesWords(n: number): string {
  if (n % 1048576 === 0) return ` (${n / 1048576} MiB)`;
  if (n % 1024 === 0) return ` (${n / 1024} KiB)`;
  return "";
}
