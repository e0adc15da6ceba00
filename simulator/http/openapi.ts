// GET /openapi.json: an OpenAPI 3.1 document derived from the loaded model (never
// hand-written), so a changed profile changes the document. Its components.schemas
// are the model's own JSON Schemas (simulator/model/schemas.ts; OpenAPI 3.1 speaks
// JSON Schema 2020-12), the ones the simulator and the suites judge with. Built once per app.
import type { JsonSchema, Model } from "../model/model.ts";
import { eventTypes, listenerName } from "../model/model.ts";
import { bodyName, eventName, SCHEMA, ticketName } from "../model/schema-names.ts";
import type { AuthMode } from "./auth.ts";
import { TOKEN_PATH } from "./token.ts";

type Schema = Record<string, unknown>;
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/** The control interface is the simulator's, not the API's: its bodies stay out of the document. */
const NOT_API: ReadonlySet<string> = new Set([SCHEMA.controlStatus, SCHEMA.controlPatch]);

export const OPENAPI_PATH = "/openapi.json";

export interface OpenApiOptions {
  /** Defaults to model.basePath. */
  basePath?: string;
  /** Absolute origin of the server, e.g. http://127.0.0.1:8080; relative URLs without it. */
  publicUrl?: string;
  authMode?: AuthMode;
}

const ERROR_TEXT: Readonly<Record<number, string>> = {
  400: "Bad request: invalid body, field rules or query",
  401: "Missing, wrong or expired credentials",
  404: "Unknown resource (or another operator's)",
  409: "The requested change conflicts with the ticket's status, or a simulator limit is reached (docs/rules.md §8)",
  413: "Request body too large",
  415: "Unsupported content type",
  500: "Simulator failure",
};

export function buildOpenApi(model: Model, opts: OpenApiOptions = {}): Schema {
  const origin = (opts.publicUrl ?? "").replace(/\/+$/, "");
  const basePath = opts.basePath ?? model.basePath;
  const mode = opts.authMode ?? "either";
  const root = ticketName(model);
  const res = `/${model.resource}`;
  const hub = `/${model.hubPath}`;
  const errors = (...codes: number[]) =>
    Object.fromEntries(codes.map((c) => [String(c), { $ref: `#/components/responses/Error${c}` }]));
  const json = (schema: Schema) => ({ "application/json": { schema } });
  const countHeaders = {
    "X-Total-Count": { description: "Number of matching items", schema: { type: "integer" } },
    "X-Result-Count": { description: "Number of items returned", schema: { type: "integer" } },
  };
  const location = { Location: { description: "URL of the created resource", schema: { type: "string" } } };
  const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
  const { fields, offset, limit } = model.reserved;
  const fieldsParam = {
    name: fields,
    in: "query",
    description: "Comma-separated first-level attributes to return",
    schema: { type: "string" },
  };

  const schemas: Record<string, JsonSchema> = componentSchemas(model);
  schemas.TokenResponse = {
    type: "object",
    required: ["access_token", "token_type", "expires_in"],
    properties: {
      access_token: { type: "string" },
      token_type: { type: "string", enum: ["Bearer"] },
      expires_in: { type: "integer" },
    },
  };

  const paths: Record<string, Schema> = {
    [res]: {
      get: {
        operationId: `list${cap(model.resource)}`,
        summary: `List or find ${root} objects (ordered by ${model.order.map((o) => `${o.field} ${o.direction}`).join(", ")})`,
        parameters: [
          fieldsParam,
          { name: offset, in: "query", schema: { type: "integer", minimum: 0, default: 0 } },
          {
            name: limit,
            in: "query",
            schema: { type: "integer", minimum: 1, maximum: model.limit.max, default: model.limit.default },
          },
          ...filterParameters(model),
        ],
        responses: {
          "200": { description: "OK", headers: countHeaders, content: json({ type: "array", items: ref(root) }) },
          ...errors(400, 401, 500),
        },
      },
      post: {
        operationId: `create${cap(model.resource)}`,
        summary: `Create a ${root} (it starts in ${model.lifecycle.initial})`,
        requestBody: { required: true, content: json(ref(bodyName(model, "POST"))) },
        responses: {
          "201": { description: "Created", headers: location, content: json(ref(root)) },
          ...errors(400, 401, 409, 413, 415, 500),
        },
      },
    },
    [`${res}/{id}`]: {
      get: {
        operationId: `retrieve${cap(model.resource)}`,
        parameters: [idParam, fieldsParam],
        responses: { "200": { description: "OK", content: json(ref(root)) }, ...errors(400, 401, 404, 500) },
      },
      patch: {
        operationId: `patch${cap(model.resource)}`,
        summary: "Update a ticket: scalars replace, appendable arrays append",
        parameters: [idParam],
        requestBody: {
          required: true,
          content: Object.fromEntries(
            model.patchContentTypes.map((t) => [t, { schema: ref(bodyName(model, "PATCH")) }]),
          ),
        },
        responses: {
          "200": { description: "Updated", content: json(ref(root)) },
          ...errors(400, 401, 404, 409, 413, 415, 500),
        },
      },
    },
    [hub]: {
      post: {
        operationId: "registerListener",
        requestBody: { required: true, content: json(ref(SCHEMA.hubInput)) },
        responses: {
          "201": { description: "Subscribed", headers: location, content: json(ref(SCHEMA.hubSubscription)) },
          ...errors(400, 401, 409, 415),
        },
        callbacks: eventCallbacks(model),
      },
      ...(model.events.hub.reset
        ? {
            delete: {
              operationId: "resetListeners",
              summary: "Removes every listener registration of the operator",
              responses: { "204": { description: "Deleted" }, ...errors(401) },
            },
          }
        : {}),
    },
    [`${hub}/{id}`]: {
      delete: {
        operationId: "unregisterListener",
        parameters: [idParam],
        responses: { "204": { description: "Deleted" }, ...errors(401, 404) },
      },
    },
    [TOKEN_PATH]: {
      servers: [{ url: origin || "/" }],
      post: {
        operationId: "getToken",
        summary: "OAuth2 client credentials: HTTP Basic user:password, grant_type=client_credentials",
        security: [{ basicAuth: [] }],
        requestBody: {
          required: true,
          content: {
            "application/x-www-form-urlencoded": {
              schema: {
                type: "object",
                required: ["grant_type"],
                properties: { grant_type: { type: "string", enum: ["client_credentials"] } },
              },
            },
          },
        },
        responses: { "200": { description: "Token", content: json(ref("TokenResponse")) }, ...errors(400, 401, 415) },
      },
    },
  };

  const security =
    mode === "bearer"
      ? [{ oauth2: [] }, { bearerAuth: [] }]
      : mode === "basic"
        ? [{ basicAuth: [] }]
        : [{ oauth2: [] }, { bearerAuth: [] }, { basicAuth: [] }];

  return {
    openapi: "3.1.0",
    info: {
      title: model.title,
      version: model.id,
      description: `Derived from the rule profile ${model.id}. Authentication mode: ${mode}. The simulator's control interface (/__control) is not part of the API and not described here.`,
    },
    servers: [{ url: `${origin}${basePath}` }],
    security,
    paths,
    components: {
      schemas,
      responses: Object.fromEntries(
        Object.entries(ERROR_TEXT).map(([code, text]) => [
          `Error${code}`,
          { description: text, content: json(ref(SCHEMA.error)) },
        ]),
      ),
      securitySchemes: {
        oauth2: { type: "oauth2", flows: { clientCredentials: { tokenUrl: `${origin}${TOKEN_PATH}`, scopes: {} } } },
        bearerAuth: { type: "http", scheme: "bearer" },
        basicAuth: { type: "http", scheme: "basic" },
      },
    },
  };
}

/** The model's schemas, their refs pointed at components.schemas. */
function componentSchemas(model: Model): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(model.schemas.$defs))
    if (!NOT_API.has(name)) out[name] = rewriteRefs(schema) as JsonSchema;
  return out;
}

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [
      k,
      k === "$ref" && typeof v === "string" ? v.replace(/^#\/\$defs\//, "#/components/schemas/") : rewriteRefs(v),
    ]),
  );
}

/** What the hub POSTs to a subscriber: one callback per event type (docs/rules.md §2, §6). */
function eventCallbacks(model: Model): Schema {
  const types = eventTypes(model);
  return Object.fromEntries(
    types.map((t) => [
      t,
      {
        [`{$request.body#/callback}/listener/${listenerName(model, t)}`]: {
          post: {
            requestBody: { required: true, content: { "application/json": { schema: ref(eventName(t)) } } },
            responses: { [model.events.successStatus === "200" ? "200" : "2XX"]: { description: "Received" } },
          },
        },
      },
    ]),
  );
}

/** The list filters of the profile: exact-match parameters and their comparison variants. */
function filterParameters(model: Model): Schema[] {
  return model.filterFieldList.flatMap((ff) => {
    const f = ff.field;
    const scalar: Schema = { type: f.type === "integer" || f.type === "number" ? f.type : "string" };
    if (f.format === "date-time") scalar.format = "date-time";
    if (f.enumValues) scalar.enum = [...f.enumValues];
    return ff.names.flatMap((name) => [
      {
        name,
        in: "query",
        description: `exact match on ${f.name}${name !== f.name ? ` (alias of ${f.name})` : ""}; a,b or a repeated parameter means OR`,
        style: "form",
        explode: false,
        schema: { type: "array", items: scalar },
        "x-provenance": ff.provenance,
      },
      ...ff.operators.map((op) => ({
        name: `${name}.${op}`,
        in: "query",
        description: `${f.name} ${op}`,
        schema: { ...scalar },
      })),
    ]);
  });
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
