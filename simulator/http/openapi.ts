// GET /openapi.json: an OpenAPI 3.0 document derived from the loaded model (never
// hand-written), so a changed profile changes the document. Built once per app.
import type { Model } from "../model/model.ts";
import type { AuthMode } from "./auth.ts";
import type { Schema } from "./openapi-schemas.ts";
import { deriveSchemas, opName, ref } from "./openapi-schemas.ts";
import { TOKEN_PATH } from "./token.ts";

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
  409: "The requested change conflicts with the ticket's status",
  413: "Request body too large",
  415: "Unsupported content type",
  500: "Simulator failure",
};

export function buildOpenApi(model: Model, opts: OpenApiOptions = {}): Schema {
  const origin = (opts.publicUrl ?? "").replace(/\/+$/, "");
  const basePath = opts.basePath ?? model.basePath;
  const mode = opts.authMode ?? "either";
  const root = model.root.name;
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

  const schemas = deriveSchemas(model);
  schemas.Error = {
    type: "object",
    required: ["code", "reason", "message", "status", "@type"],
    properties: {
      code: { type: "string" },
      reason: { type: "string" },
      message: { type: "string" },
      status: { type: "string", description: "The HTTP status code" },
      "@type": { type: "string", enum: ["Error"] },
    },
  };
  schemas.EventSubscriptionInput = {
    type: "object",
    required: ["callback"],
    properties: {
      callback: {
        type: "string",
        format: "uri",
        description: `absolute ${model.events.hub.callbackSchemes.join(" or ")} URL`,
      },
      query: {
        type: "string",
        description: `list filter syntax, plus ${model.events.hub.eventTypeParameter}=<name>[,<name>]`,
      },
    },
  };
  schemas.EventSubscription = {
    type: "object",
    required: ["id", "callback"],
    properties: { id: { type: "string" }, callback: { type: "string" }, query: { type: "string" } },
  };
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
        requestBody: { required: true, content: json(ref(`${root}_${opName("POST")}`)) },
        responses: {
          "201": { description: "Created", headers: location, content: json(ref(root)) },
          ...errors(400, 401, 413, 415, 500),
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
            model.patchContentTypes.map((t) => [t, { schema: ref(`${root}_${opName("PATCH")}`) }]),
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
        requestBody: { required: true, content: json(ref("EventSubscriptionInput")) },
        responses: {
          "201": { description: "Subscribed", headers: location, content: json(ref("EventSubscription")) },
          ...errors(400, 401, 415),
        },
      },
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
    openapi: "3.0.3",
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
          { description: text, content: json(ref("Error")) },
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
