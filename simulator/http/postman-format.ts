// The parts of the Postman Collection Format v2.1 an export uses, and small builders
// for them: requests whose URL starts with a variable, JSON bodies, and test scripts
// that assert the documented status and store ids in collection variables.

export const POSTMAN_SCHEMA = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";

export interface Variable {
  readonly key: string;
  readonly value: string;
  readonly type: "string";
  readonly description?: string;
}

interface AuthParam {
  readonly key: string;
  readonly value: string;
  readonly type: "string";
}
export type Auth =
  | { readonly type: "bearer"; readonly bearer: readonly AuthParam[] }
  | { readonly type: "basic"; readonly basic: readonly AuthParam[] };

export interface Script {
  readonly listen: "test" | "prerequest";
  readonly script: { readonly type: "text/javascript"; readonly exec: readonly string[] };
}

export interface Url {
  readonly raw: string;
  readonly host: readonly string[];
  readonly path?: readonly string[];
  readonly query?: ReadonlyArray<{ readonly key: string; readonly value: string }>;
}

type Body =
  | { readonly mode: "raw"; readonly raw: string; readonly options: { readonly raw: { readonly language: "json" } } }
  | { readonly mode: "urlencoded"; readonly urlencoded: ReadonlyArray<{ key: string; value: string; type: "text" }> };

export interface Request {
  readonly name: string;
  readonly event: readonly Script[];
  readonly request: {
    readonly method: string;
    readonly header: ReadonlyArray<{ readonly key: string; readonly value: string }>;
    readonly url: Url;
    readonly body?: Body;
    readonly auth?: Auth;
    readonly description: string;
  };
  readonly response: readonly never[];
}

export interface Folder {
  readonly name: string;
  readonly description: string;
  readonly item: readonly Request[];
}

export interface Collection {
  readonly info: { readonly name: string; readonly description: string; readonly schema: string };
  readonly auth: Auth;
  readonly variable: readonly Variable[];
  readonly item: readonly Folder[];
}

const STATUS_TEXT: Readonly<Record<number, string>> = { 200: "OK", 201: "Created", 204: "No Content" };

const param = (key: string, value: string): AuthParam => ({ key, value, type: "string" });
export const bearer = (token: string): Auth => ({ type: "bearer", bearer: [param("token", token)] });
export const basic = (user: string, password: string): Auth => ({
  type: "basic",
  basic: [param("username", user), param("password", password)],
});

/** `{{name}}`: a variable reference. */
export const v = (name: string): string => `{{${name}}}`;

/** A URL under a variable (the base URL, the token URL, the control URL) with its path and query. */
export function url(
  base: string,
  segments: readonly string[],
  query: ReadonlyArray<readonly [string, string]> = [],
): Url {
  const path = segments.filter((s) => s !== "");
  const q = query.map(([key, value]) => ({ key, value }));
  const search = q.length === 0 ? "" : `?${q.map((x) => `${x.key}=${x.value}`).join("&")}`;
  return {
    raw: `${v(base)}${path.map((s) => `/${s}`).join("")}${search}`,
    host: [v(base)],
    // An empty path would send the variable's URL with a "/" added.
    ...(path.length > 0 ? { path } : {}),
    ...(q.length > 0 ? { query: q } : {}),
  };
}

/** A query value as it goes into a URL: what would change the query's meaning is percent-encoded; variables stay. */
export const queryValue = (s: string): string => (s.startsWith("{{") ? s : s.replace(/[%&+#= ?]/g, encodeURIComponent));

export interface RequestSpec {
  readonly name: string;
  readonly description: string;
  readonly method: "GET" | "POST" | "PATCH" | "DELETE";
  readonly url: Url;
  readonly status: number;
  readonly json?: { readonly contentType: string; readonly body: unknown };
  readonly form?: Readonly<Record<string, string>>;
  readonly auth?: Auth;
  /** More test lines, run after the status assertion (each a complete statement). */
  readonly tests?: readonly string[];
}

export function request(s: RequestSpec): Request {
  const text = `${s.status} ${STATUS_TEXT[s.status] ?? ""}`.trim();
  const exec = [
    `pm.test(${JSON.stringify(`answers ${text}`)}, function () {`,
    `  pm.response.to.have.status(${s.status});`,
    "});",
    ...(s.tests ?? []),
  ];
  const body: Body | undefined = s.json
    ? { mode: "raw", raw: JSON.stringify(s.json.body, null, 2), options: { raw: { language: "json" } } }
    : s.form
      ? { mode: "urlencoded", urlencoded: Object.entries(s.form).map(([key, value]) => ({ key, value, type: "text" })) }
      : undefined;
  const header = [
    { key: "Accept", value: "application/json" },
    ...(s.json ? [{ key: "Content-Type", value: s.json.contentType }] : []),
  ];
  return {
    name: s.name,
    event: [{ listen: "test", script: { type: "text/javascript", exec } }],
    request: {
      method: s.method,
      header,
      url: s.url,
      ...(body ? { body } : {}),
      ...(s.auth ? { auth: s.auth } : {}),
      description: `${s.description}\n\nAnswers ${text}.`,
    },
    response: [],
  };
}

/** Test lines that store a field of the JSON answer in a collection variable, for later requests. */
export function storeField(field: string, variable: string, what: string): string[] {
  return [
    `pm.test(${JSON.stringify(`stores ${what} in ${variable}`)}, function () {`,
    `  const value = pm.response.json()[${JSON.stringify(field)}];`,
    `  pm.expect(value, ${JSON.stringify(field)}).to.be.a("string").and.not.empty;`,
    `  pm.collectionVariables.set(${JSON.stringify(variable)}, value);`,
    "});",
  ];
}

/** The status a request documents (its first test), for a runner that checks every answer. */
export function documentedStatus(r: Request): number | undefined {
  const m = /to\.have\.status\((\d{3})\)/.exec(r.event[0]?.script.exec.join("\n") ?? "");
  return m ? Number(m[1]) : undefined;
}
