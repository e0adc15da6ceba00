// A Postman Collection (v2.1) of the API for one profile, built from the rule model:
// the token request, every operation with example bodies for each ticket type
// (simulator/model/examples.ts), the hub, and the simulator's control calls in a
// folder of their own. Run in order, the folders chain: the token request stores the
// access token and each create stores its ticket's id for the requests after it.
import type { Credentials } from "../model/credentials.ts";
import { createExample, nexeraFieldsExample, nexeraPath } from "../model/examples.ts";
import type { Model } from "../model/model.ts";
import { CONTROL_PREFIX } from "./control.ts";
import {
  type Ctx,
  changesFolder,
  hubFolder,
  JSON_TYPE,
  movedVar,
  ticketsFolder,
  ticketVar,
  tokenFolder,
  VAR,
} from "./postman-folders.ts";
import {
  bearer,
  type Collection,
  type Folder,
  POSTMAN_SCHEMA,
  request,
  url,
  type Variable,
  v,
} from "./postman-format.ts";
import { TOKEN_PATH } from "./token.ts";

export type { Collection } from "./postman-format.ts";

export interface PostmanOptions {
  /** Origin of the server the variables point at, e.g. http://127.0.0.1:8080. */
  readonly origin: string;
  /** The operator whose client credentials the token request sends. */
  readonly credentials: Credentials;
  /** Where a registered listener receives events (the hub examples). */
  readonly callbackUrl: string;
}

export function buildPostmanCollection(model: Model, o: PostmanOptions): Collection {
  const origin = o.origin.replace(/\/+$/, "");
  const ctx: Ctx = { model, created: new Map(model.ticketTypes.map((t) => [t, createExample(model, t)] as const)) };
  const variable = (key: string, value: string, description: string): Variable => ({
    key,
    value,
    type: "string",
    description,
  });
  return {
    info: {
      name: model.title,
      description: [
        `The API of the profile ${model.id}, generated from its rules by \`npm run export -- postman\`; docs/rules.md states them.`,
        "Run the folders in order: the token request stores the access token, and each create stores its ticket's id for the requests after it. Every request tests the status it documents.",
        "The variables say where the server is and who calls it; their defaults fit `npm run simulate`.",
        "The last folder drives the simulator's control interface (Nexera's side); a real server has none, so leave that folder out there.",
      ].join("\n\n"),
      schema: POSTMAN_SCHEMA,
    },
    auth: bearer(v(VAR.accessToken)),
    variable: [
      variable(VAR.base, `${origin}${model.basePath.replace(/\/+$/, "")}`, "the API base URL"),
      variable(VAR.token, `${origin}${TOKEN_PATH}`, "the OAuth2 token endpoint"),
      variable(VAR.control, `${origin}${CONTROL_PREFIX}`, "the simulator's control interface (not part of the API)"),
      variable(VAR.user, o.credentials.user, "the operator's user name (client id)"),
      variable(VAR.password, o.credentials.password, "the operator's password (client secret)"),
      variable(VAR.accessToken, "", 'set by "Get an access token"'),
      variable(VAR.callback, o.callbackUrl, "a listener's base URL, registered with the hub"),
      variable(VAR.hubId, "", 'set by "Register a listener"'),
      ...model.ticketTypes.flatMap((t) => [
        variable(ticketVar(t), "", `set by "Create a ${t}"`),
        variable(movedVar(t), "", `set by "Create a ${t} to move"`),
      ]),
    ],
    item: [tokenFolder(), ticketsFolder(ctx), changesFolder(ctx), hubFolder(model), controlFolder(ctx)],
  };
}

/** Nexera's side through the simulator's control interface (docs/rules.md §8), ending with a reset. */
function controlFolder({ model, created }: Ctx): Folder {
  const tickets = model.resource;
  const path = nexeraPath(model);
  const perType = model.ticketTypes.flatMap((t) => {
    const fields = nexeraFieldsExample(model, t, created.get(t)!);
    return [
      ...(fields
        ? [
            request({
              name: `Nexera sets ${Object.keys(fields).join(", ")} of the ${t}`,
              description: "Nexera-side fields (docs/rules.md §8: the profile's providerFields).",
              method: "PATCH",
              url: url(VAR.control, [tickets, v(ticketVar(t))]),
              status: 200,
              json: { contentType: model.patchContentTypes[0] ?? JSON_TYPE, body: fields },
            }),
          ]
        : []),
      ...path.map((step) =>
        request({
          name: `Nexera moves the ${t} ${step.from} -> ${step.to}`,
          description: "A Nexera transition (docs/rules.md §5, §8); an illegal one is 409.",
          method: "POST",
          url: url(VAR.control, [tickets, v(ticketVar(t)), "status"]),
          status: 200,
          json: { contentType: JSON_TYPE, body: { status: step.to, reason: `${step.from} -> ${step.to}` } },
        }),
      ),
    ];
  });
  const look = (name: string, segments: readonly string[], description: string) =>
    request({ name, description, method: "GET", url: url(VAR.control, segments), status: 200 });
  return {
    name: "Simulator control (Nexera's side)",
    description:
      "The simulator's control interface (docs/rules.md §8), with the operator's token: what Nexera staff do, and a view of every operator. Not part of the API: a real server has none.",
    item: [
      ...perType,
      look("Every operator's tickets", [tickets], "Every ticket of every operator (the list filters apply)."),
      look("Every hub registration", [model.hubPath], "Every operator's listener registrations, passwords masked."),
      look("Every delivery attempt", ["deliveries"], "Each event delivery attempt: time, event, status code, outcome."),
      request({
        name: "Reset the simulator",
        description: "Starts over: tickets, hub registrations and the delivery log go; operators and tokens stay.",
        method: "POST",
        url: url(VAR.control, ["reset"]),
        status: 204,
      }),
    ],
  };
}
