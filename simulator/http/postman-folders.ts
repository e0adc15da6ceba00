// The API's folders of the exported collection (postman.ts): the token request, the
// tickets (create, read, list), the operator's changes and the hub, each request built
// from the model's examples (simulator/model/examples.ts) with the status it documents.
import { appendExample, attributeExample, type Body, listExamples, moveBody, operatorMove } from "../model/examples.ts";
import type { FilterField, Model } from "../model/model.ts";
import { eventTypes } from "../model/model.ts";
import { sampleValue } from "../model/sample.ts";
import { basic, type Folder, queryValue, type Request, request, storeField, url, v } from "./postman-format.ts";

/** The collection variables (docs/rules.md §2, §3, §8): where the server is, who calls it, the ids chained. */
export const VAR = {
  base: "baseUrl",
  token: "tokenUrl",
  control: "controlUrl",
  user: "clientId",
  password: "clientSecret",
  accessToken: "accessToken",
  callback: "callbackUrl",
  hubId: "hubId",
} as const;

const safe = (s: string) => s.replace(/[^A-Za-z0-9_]/g, "_");
/** The ticket of a type the reads, the operator's changes and Nexera's side work on. */
export const ticketVar = (t: string): string => `ticketId_${safe(t)}`;
/** A second ticket of a type, for the operator's status change. */
export const movedVar = (t: string): string => `movedTicketId_${safe(t)}`;

export interface Ctx {
  readonly model: Model;
  /** The POST body of each ticket type. */
  readonly created: ReadonlyMap<string, Body>;
}

export const JSON_TYPE = "application/json";

export function tokenFolder(): Folder {
  return {
    name: "Access token",
    description: "An access token for the operator (docs/rules.md §3): run this first.",
    item: [
      request({
        name: "Get an access token",
        description:
          "OAuth2 client credentials: the operator's user name and password as HTTP Basic (docs/rules.md §3). The test stores the token in accessToken, which every other request sends as a Bearer token.",
        method: "POST",
        url: url(VAR.token, []),
        status: 200,
        form: { grant_type: "client_credentials" },
        auth: basic(v(VAR.user), v(VAR.password)),
        tests: storeField("access_token", VAR.accessToken, "the access token"),
      }),
    ],
  };
}

export function ticketsFolder({ model, created }: Ctx): Folder {
  const first = model.ticketTypes[0]!;
  const creates = model.ticketTypes.map((t) => createRequest(model, t, created.get(t)!, ticketVar(t), `Create a ${t}`));
  const gets = model.ticketTypes.map((t) =>
    request({
      name: `Get the ${t}`,
      description: `Reads the ticket "Create a ${t}" made (docs/rules.md §2).`,
      method: "GET",
      url: url(VAR.base, [model.resource, v(ticketVar(t))]),
      status: 200,
    }),
  );
  // Values the tickets just created have, where the example body holds them.
  const exampleOf = (ff: FilterField): string => {
    const f = ff.field;
    if (f.name === model.idField) return v(ticketVar(first));
    if (f.name === model.lifecycle.field) return model.lifecycle.initial;
    const given = created.get(first)?.[f.name];
    const value = given !== undefined && typeof given !== "object" ? given : sampleValue(model, f, first, "POST");
    return String(value);
  };
  const lists = listExamples(model, exampleOf).map((q) =>
    request({
      name: `List tickets: ${q.title}`,
      description:
        "Lists the operator's tickets (docs/rules.md §7); X-Total-Count counts the matches, X-Result-Count the tickets returned.",
      method: "GET",
      url: url(
        VAR.base,
        [model.resource],
        q.query.map(([k, value]) => [k, queryValue(value)]),
      ),
      status: 200,
      tests: [
        'pm.test("answers a list with its counts", function () {',
        '  pm.expect(pm.response.json()).to.be.an("array");',
        '  pm.expect(pm.response.headers.has("X-Total-Count")).to.be.true;',
        "});",
      ],
    }),
  );
  return {
    name: "Tickets",
    description: "Create a ticket of each type, read it, and list tickets with the profile's filters and paging.",
    item: [...creates, ...gets, ...lists],
  };
}

function createRequest(model: Model, t: string, body: Body, variable: string, name: string): Request {
  return request({
    name,
    description: `A ${t} with the fields its POST rules require (docs/rules.md §4); it starts in ${model.lifecycle.initial}. The test stores its id in ${variable}.`,
    method: "POST",
    url: url(VAR.base, [model.resource]),
    status: 201,
    json: { contentType: JSON_TYPE, body },
    tests: storeField(model.idField, variable, "the new ticket's id"),
  });
}

export function changesFolder({ model, created }: Ctx): Folder {
  const patchType = model.patchContentTypes[0] ?? JSON_TYPE;
  const patch = (name: string, description: string, body: Body, id: string) =>
    request({
      name,
      description,
      method: "PATCH",
      url: url(VAR.base, [model.resource, v(id)]),
      status: 200,
      json: { contentType: patchType, body },
    });
  const move = operatorMove(model, model.lifecycle.initial);
  const item = model.ticketTypes.flatMap((t) => {
    const attribute = attributeExample(model, t, created.get(t)!);
    const append = appendExample(model, t);
    const names = (b: Body) => Object.keys(b).join(", ");
    return [
      ...(attribute
        ? [
            patch(
              `Change the ${names(attribute)} of the ${t}`,
              "An attribute change (docs/rules.md §4).",
              attribute,
              ticketVar(t),
            ),
          ]
        : []),
      ...(append
        ? [
            patch(
              `Add a ${names(append)} to the ${t}`,
              "A list item; a list marked append keeps what it had (docs/rules.md §4).",
              append,
              ticketVar(t),
            ),
          ]
        : []),
      // On a ticket of its own: the status change may end the ticket, and Nexera's side
      // (the last folder) still works on the first one.
      ...(move
        ? [
            createRequest(model, t, created.get(t)!, movedVar(t), `Create a ${t} to move`),
            patch(
              `Move the ${t} ${move.from} -> ${move.to}`,
              `An operator transition (docs/rules.md §5) of the ticket "Create a ${t} to move" made.`,
              moveBody(model, t, move),
              movedVar(t),
            ),
          ]
        : []),
    ];
  });
  return {
    name: "Operator changes (PATCH)",
    description:
      "What an operator changes on its tickets: an attribute, a list item, the status (docs/rules.md §4, §5).",
    item,
  };
}

export function hubFolder(model: Model): Folder {
  const hub = model.hubPath;
  const { eventTypeParameter } = model.events.hub;
  const item = [
    request({
      name: "Register a listener",
      description: `Events go to {callback}/listener/{eventName}; the query takes the list filters and ${eventTypeParameter} (docs/rules.md §6). The test stores the registration's id in ${VAR.hubId}.`,
      method: "POST",
      url: url(VAR.base, [hub]),
      status: 201,
      json: {
        contentType: JSON_TYPE,
        body: { callback: v(VAR.callback), query: `${eventTypeParameter}=${eventTypes(model)[0]}` },
      },
      tests: storeField("id", VAR.hubId, "the registration's id"),
    }),
    request({
      name: "Unregister the listener",
      description: "Removes the registration (docs/rules.md §6).",
      method: "DELETE",
      url: url(VAR.base, [hub, v(VAR.hubId)]),
      status: 204,
    }),
    ...(model.events.hub.reset
      ? [
          request({
            name: "Remove every listener of the operator",
            description: "A DELETE of the hub itself removes every registration of the operator (docs/rules.md §6).",
            method: "DELETE",
            url: url(VAR.base, [hub]),
            status: 204,
          }),
        ]
      : []),
  ];
  return { name: "Events hub", description: "Listener registrations (docs/rules.md §6).", item };
}
