// What one recorded request was (its operation, in the model's names) and which rules it
// broke: the ApiError's own violations (validator, query parser, lifecycle, auth), else
// the catalogue's reason for its error (docs/rules.md §2), and any call of /__control.
// Pure functions of the record and the model.
import type { RecordedExchange } from "../model/client-verdict.ts";
import type { Model } from "../model/model.ts";
import { CONTROL_PREFIX } from "./control.ts";
import { TOKEN_PATH } from "./token.ts";
import type { TrafficLog, TrafficRecord } from "./traffic.ts";

export type OpKind =
  | "token"
  | "create"
  | "list"
  | "get"
  | "patch"
  | "hubRegister"
  | "hubUnregister"
  | "hubReset"
  | "control"
  | "other";

export interface Operation {
  readonly kind: OpKind;
  /** The Allure feature, e.g. "PATCH /troubleTicket/{id} (Complaint)". */
  readonly label: string;
}

/** A rule one request broke, with the area (Allure epic) it belongs to. */
export interface BrokenRule {
  readonly area: string;
  readonly rule: string;
  readonly message: string;
  readonly provenance: string;
  readonly source?: string;
}

/** The client never calls Nexera's side (docs/rules.md §8: the control interface is the simulator's own). */
export const CONTROL_RULE = "the control interface is Nexera's side: an operator's client never calls it";

/** Paths and labels of the API's operations, from the model and the served base path. */
export function operations(model: Model, basePath: string) {
  const collection = `${basePath}/${model.resource}`;
  const hub = `${basePath}/${model.hubPath}`;
  const typed = (label: string, t: string | undefined) =>
    model.ticketTypeField !== undefined && t !== undefined ? `${label} (${t})` : label;
  const labels = {
    token: `POST ${TOKEN_PATH}`,
    create: (t?: string) => typed(`POST /${model.resource}`, t),
    list: `GET /${model.resource}`,
    get: `GET /${model.resource}/{id}`,
    patch: (t?: string) => typed(`PATCH /${model.resource}/{id}`, t),
    hubRegister: `POST /${model.hubPath}`,
    hubUnregister: `DELETE /${model.hubPath}/{id}`,
    hubReset: `DELETE /${model.hubPath}`,
  };
  const of = (r: TrafficRecord): Operation => {
    if (r.path === TOKEN_PATH) return { kind: "token", label: labels.token };
    if (r.path === CONTROL_PREFIX || r.path.startsWith(`${CONTROL_PREFIX}/`))
      return { kind: "control", label: `${r.method} ${r.route ?? clip(r.path)}` };
    const { route, method } = r;
    if (route === collection && method === "POST") return { kind: "create", label: labels.create(r.ticketType) };
    if (route === collection && method === "GET") return { kind: "list", label: labels.list };
    if (route === `${collection}/:id` && method === "GET") return { kind: "get", label: labels.get };
    if (route === `${collection}/:id` && method === "PATCH")
      return { kind: "patch", label: labels.patch(r.ticketType) };
    if (route === hub && method === "POST") return { kind: "hubRegister", label: labels.hubRegister };
    if (route === hub && method === "DELETE") return { kind: "hubReset", label: labels.hubReset };
    if (route === `${hub}/:id` && method === "DELETE") return { kind: "hubUnregister", label: labels.hubUnregister };
    const rel = basePath !== "" && r.path.startsWith(basePath) ? r.path.slice(basePath.length) || "/" : r.path;
    return { kind: "other", label: `${method} ${clip(rel)}` };
  };
  return { ...labels, of };
}

export type Operations = ReturnType<typeof operations>;

/** Where each kind of refusal belongs, and the section of docs/rules.md that states it. */
const AREA_BY_CODE: Readonly<Record<string, string>> = {
  UNAUTHORIZED: "Authentication",
  INVALID_TRANSITION: "Lifecycle",
  INVALID_QUERY: "Listing and filtering",
  INVALID_SUBSCRIPTION: "Hub",
};
const SECTION: Readonly<Record<string, string>> = {
  Authentication: "§3",
  "Field rules": "§4",
  Lifecycle: "§5",
  Hub: "§6",
  "Listing and filtering": "§7",
  "Control interface": "§8",
  "Paths and errors": "§2",
};

/** The rules a request broke; none for an accepted request or a 5xx (a simulator bug, never the client's). */
export function brokenBy(model: Model, r: TrafficRecord, op: Operation): BrokenRule[] {
  if (op.kind === "control")
    return [
      {
        area: "Control interface",
        rule: CONTROL_RULE,
        message: CONTROL_RULE,
        provenance: "chosen",
        source: "docs/rules.md §8",
      },
    ];
  if (r.status < 400 || r.status >= 500) return [];
  const code = r.error?.code ?? "";
  const given = r.violations ?? [
    { rule: r.error?.reason ?? `HTTP ${r.status}`, message: r.error?.message ?? `answered ${r.status}` },
  ];
  return given.map((v) => {
    const area =
      AREA_BY_CODE[code] ??
      (code !== "INVALID_BODY"
        ? "Paths and errors"
        : op.kind === "token"
          ? "Authentication"
          : v.path === model.lifecycle.field
            ? "Lifecycle"
            : "Field rules");
    return {
      area,
      rule: v.rule,
      message: v.message,
      // The error statuses and bodies are TMF's (docs/rules.md §2) where the rule has no provenance of its own.
      provenance: v.provenance ?? "TMF",
      source: v.source ?? `docs/rules.md ${SECTION[area] ?? "§2"}`,
    };
  });
}

/** A record as a verdict shows it. */
export function exampleOf(r: TrafficRecord): RecordedExchange {
  return {
    at: r.at,
    ...(r.operator !== undefined ? { operator: r.operator } : {}),
    method: r.method,
    url: r.query === "" ? r.path : `${r.path}?${r.query}`,
    status: r.status,
    ...(r.body !== undefined ? { request: r.body } : {}),
    ...(r.error ? { response: JSON.stringify(r.error) } : {}),
  };
}

/** The records of a log that the client's own requests made, with their operations. */
export function classify(model: Model, log: TrafficLog): Array<{ r: TrafficRecord; op: Operation }> {
  const ops = operations(model, log.basePath);
  return log.records.map((r) => ({ r, op: ops.of(r) }));
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 80)}...` : s;
}
