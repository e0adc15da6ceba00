// Judging a value by one of the model's derived schemas (schemas.ts). One ajv per
// model, made on first use and kept (the model's schemas object is the key, so a
// copy of the model with another basePath shares it); each schema is compiled the
// first time it is asked for. ajv's formats are the predicates of formats.ts.
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import { FORMATS, type FormatName, SCHEMA_FORMAT } from "./formats.ts";
import type { Model, ModelSchemas } from "./model.ts";
import { describeErrors, type Problem } from "./problems.ts";

export type { Problem } from "./problems.ts";
export type { ErrorObject, ValidateFunction };

/**
 * An ajv for draft 2020-12 with every error reported (allErrors), the failing value
 * in each error (verbose, for readable problems), and the profile's formats.
 * strict refuses a keyword it does not know: a typo in a derived schema fails at once;
 * strictTypes and strictRequired stay off because a PD condition's if/then holds
 * `required` and `properties` without a `type` (they judge the object around them).
 * validateSchema is off: checking each schema against the draft 2020-12 meta-schema
 * compiles that meta-schema in every ajv of every process (about 0.2-0.3 s of CPU each,
 * paid by every certify run and its workers); every schema the project compiles is
 * fixed or derived from a profile, and tests check them all against it (schemas-valid.test.ts).
 */
export function createAjv(options: { strict?: boolean } = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: options.strict ?? true,
    strictTypes: false,
    strictRequired: false,
    validateSchema: false,
  });
  for (const name of Object.keys(FORMATS) as FormatName[])
    ajv.addFormat(SCHEMA_FORMAT[name], { type: "string", validate: FORMATS[name] as (s: string) => boolean });
  // The OpenAPI annotations of a request property (its rule letter and provenance).
  ajv.addVocabulary(["x-rule", "x-provenance"]);
  return ajv;
}

const KEY = "profile";
const ajvs = new WeakMap<ModelSchemas, Ajv2020>();

function ajvOf(model: Pick<Model, "schemas">): Ajv2020 {
  let ajv = ajvs.get(model.schemas);
  if (!ajv) {
    ajv = createAjv();
    ajv.addSchema(model.schemas as object, KEY);
    ajvs.set(model.schemas, ajv);
  }
  return ajv;
}

/** The compiled validator of one named schema (compiled once per model). */
export function schemaValidator(model: Pick<Model, "schemas">, name: string): ValidateFunction {
  if (!Object.hasOwn(model.schemas.$defs, name)) throw new Error(`the model has no schema named ${name}`);
  const v = ajvOf(model).getSchema(`${KEY}#/$defs/${name}`);
  if (!v) throw new Error(`the schema ${name} did not compile`);
  return v;
}

/**
 * What breaks the schema `name` in `value`, each problem naming the field path and
 * the rule, e.g. `creationDate must be a date-time (got "2021-02-30T10:00:00Z")`.
 * `root` names the value itself in a problem about it (default: the schema's name).
 */
export function schemaProblems(model: Pick<Model, "schemas">, name: string, value: unknown, root = name): Problem[] {
  const v = schemaValidator(model, name);
  return v(value) ? [] : describeErrors((v.errors ?? []) as readonly ErrorObject[], root);
}
