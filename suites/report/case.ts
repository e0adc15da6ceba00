// One test case = one rule. A Case labels the Allure result (epic = area, feature =
// operation, story = rule, tag = provenance), records every request/response pair
// (credentials redacted) and turns a broken expectation into a NonConformance that
// states the rule, its provenance, what was sent, what came back and the seed.
import * as allure from "allure-js-commons";
import type { TestContext } from "vitest";
import { basicHeader } from "../../simulator/model/credentials.ts";
import { type AuthChoice, accessToken, type Exchange, type Req, send } from "../http/client.ts";
import { describeExchange, redact } from "../http/redact.ts";
import { type Run, run } from "../support/context.ts";
import { HarnessError, NonConformance } from "../support/errors.ts";
import type { Credentials } from "../target/settings.ts";

export interface RuleRef {
  /** Allure epic, e.g. "Field rules". */
  readonly area: string;
  /** Allure feature, e.g. "POST /troubleTicket (Complaint)". */
  readonly operation: string;
  /** Allure story: the field or rule, e.g. "relatedParty is R". */
  readonly rule: string;
  readonly provenance: string;
  /** Where the rule comes from (profile source text or a docs/rules.md section). */
  readonly source?: string;
}

export interface CallOptions {
  /** Whose credentials: the operator (default) or the second one (isolation). */
  readonly as?: "first" | "second";
  readonly auth?: AuthChoice;
  /** Leave this exchange out of a failure message's "last exchange" (set-up calls). */
  readonly quiet?: boolean;
  /** Attach the pair to the report (default true; properties attach only what fails). */
  readonly attach?: boolean;
}

export class Case {
  private lastShown: Exchange | undefined;
  /** Exchanges to attach when the test ends (one attachment per test keeps the report small). */
  private readonly pending: Exchange[] = [];
  /** Attach every call to the report; properties turn it off and attach only what fails. */
  attachCalls = true;

  constructor(
    readonly rule: RuleRef,
    readonly ctx: Run = run(),
  ) {}

  /** Labels the current Allure test with the rule (check() calls it first in every test). */
  static async begin(rule: RuleRef): Promise<Case> {
    const c = new Case(rule);
    await allure.epic(rule.area);
    await allure.feature(rule.operation);
    await allure.story(rule.rule);
    await allure.tag(rule.provenance);
    // Excluded from the history id: a new seed must not make it a different test.
    await allure.parameter("seed", String(c.ctx.settings.seed), { excluded: true });
    // Part of the history id: npm test runs the same case once per profile.
    await allure.parameter("profile", c.ctx.model.id);
    if (rule.source) await allure.description(`Rule: ${rule.rule} (${rule.provenance}: ${rule.source})`);
    return c;
  }

  credentials(as: "first" | "second" = "first"): Credentials {
    const s = this.ctx.settings;
    if (as === "first") return s.credentials;
    if (!s.secondCredentials)
      throw new HarnessError("second credentials needed but not configured (the test should have been skipped)");
    return s.secondCredentials;
  }

  async authorization(choice: AuthChoice, as: "first" | "second" = "first"): Promise<string | undefined> {
    const s = this.ctx.settings;
    const creds = this.credentials(as);
    if (choice === "none") return undefined;
    if (typeof choice === "object") return choice.header;
    const scheme = choice === "default" ? (s.auth === "basic" ? "basic" : "bearer") : choice;
    return scheme === "basic" ? basicHeader(creds) : `Bearer ${await accessToken(this.ctx.target.tokenUrl, creds)}`;
  }

  /** Sends a request, records it, attaches it to the report. */
  async call(req: Req, opts: CallOptions = {}): Promise<Exchange> {
    const ex = await send(
      withPatchType(req, this.ctx.model.patchContentTypes),
      await this.authorization(opts.auth ?? "default", opts.as ?? "first"),
    );
    if (!opts.quiet) this.lastShown = ex;
    if (opts.attach ?? this.attachCalls) this.pending.push(ex);
    return ex;
  }

  /** Records an exchange made without call() (one that got no answer, say), to attach it like the others. */
  record(ex: Exchange): void {
    if (this.attachCalls && !this.pending.includes(ex)) this.pending.push(ex);
  }

  async step<T>(name: string, body: () => Promise<T>): Promise<T> {
    return allure.step(name, body);
  }

  /** Fails the case: the target broke this case's rule. */
  fail(expectation: string, ex: Exchange | undefined = this.lastShown): never {
    if (ex && !this.pending.includes(ex)) this.pending.push(ex);
    const r = this.rule;
    const s = this.ctx.settings;
    throw new NonConformance(
      [
        expectation,
        `  rule: ${r.rule} [${r.provenance}${r.source ? `: ${r.source}` : ""}]`,
        `  area: ${r.area} / ${r.operation}`,
        ...(ex
          ? describeExchange(ex)
              .split("\n")
              .map((l) => `  ${l}`)
          : []),
        `  seed: ${s.seed} (replay: ${s.replay ?? `npm run certify --${s.role === "server" ? "" : ` --role ${s.role}`} --seed ${s.seed}`})`,
      ].join("\n"),
    );
  }

  must(cond: unknown, expectation: string, ex?: Exchange): asserts cond {
    if (!cond) this.fail(expectation, ex);
  }

  /** Attaches the recorded request/response pairs, credentials redacted, as one JSON. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const list = this.pending.splice(0).map(shown);
    await allure.attachment(
      `requests and responses (${list.length})`,
      JSON.stringify(list, null, 1),
      "application/json",
    );
  }
}

/** A test body run as one Case: labelled first, its exchanges attached at the end whatever happens. */
declare module "vitest" {
  interface TaskMeta {
    rule?: RuleRef & { readonly id: string };
  }
}

/** A rule's stable id: area, operation and rule, lower-case words joined by dashes, e.g. "field-rules/post-troubleticket-complaint/relatedparty-role-r". */
export function ruleId(r: RuleRef): string {
  const slug = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
  return [r.area, r.operation, r.rule].map(slug).join("/");
}

export function check(
  rule: RuleRef,
  body: (c: Case, ctx: TestContext) => Promise<void>,
): (ctx: TestContext) => Promise<void> {
  return async (ctx) => {
    // The rule travels with the case to the summary and its JSON (suites/cli/run-suites.ts).
    ctx.task.meta.rule = { ...rule, id: ruleId(rule) };
    const c = await Case.begin(rule);
    try {
      await body(c, ctx);
    } finally {
      await c.flush();
    }
  };
}

const MAX_ATTACHED = 16 * 1024;
const cut = (s: string | undefined) =>
  s !== undefined && s.length > MAX_ATTACHED
    ? `${s.slice(0, MAX_ATTACHED)}... (${s.length - MAX_ATTACHED} more characters)`
    : s;

function shown(ex: Exchange): unknown {
  const r = redact(ex);
  // Big bodies (the 413 case) are cut: a report needs their start, not a megabyte.
  return {
    request: { ...r.request, body: cut(r.request.body) },
    response: { status: r.response.status, headers: r.response.headers, body: cut(r.response.text) },
    ms: r.ms,
  };
}

/** A PATCH body goes in the profile's first PATCH content type unless the call names one (a profile may refuse application/json). */
function withPatchType(req: Req, types: readonly string[]): Req {
  if (req.method !== "PATCH" || (req.json === undefined && req.raw === undefined) || types[0] === undefined) return req;
  if (Object.keys(req.headers ?? {}).some((k) => k.toLowerCase() === "content-type")) return req;
  return { ...req, headers: { ...req.headers, "content-type": types[0] } };
}
