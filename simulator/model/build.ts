// Builds the rule model from a profile file that passed the schema and checkProfile
// (check.ts): every name it uses resolves, so nothing here reports problems.
import type { Cell, FieldModel, FilterField, Model, ObjectModel, Transition } from "./model.ts";
import type { CellFile, FieldFile, Operation, ProfileFile, ServerSet, TransitionFile } from "./profile-file.ts";
import { deriveSchemas } from "./schemas.ts";

export function buildFrom(file: ProfileFile): Model {
  const types = file.ticketTypes.values;
  const ops = file.operations;
  const enums = new Map(Object.entries(file.enums).map(([k, v]) => [k, v.values] as const));
  // One ObjectModel per object and path prefix: a field's path names where it sits.
  const objects = new Map<string, ObjectModel>();

  const buildObject = (name: string, prefix: string): ObjectModel => {
    const def = file.objects[name]!;
    const fields = Object.entries(def.fields).map(([fname, f]) =>
      buildField(fname, prefix ? `${prefix}.${fname}` : fname, f),
    );
    const obj: ObjectModel = { name, fields, byName: new Map(fields.map((f) => [f.name, f])) };
    if (!objects.has(name)) objects.set(name, obj);
    return obj;
  };

  const buildField = (name: string, path: string, f: FieldFile): FieldModel => {
    const objName = f.type === "array" ? f.items : f.ref;
    return strip({
      name,
      path,
      type: f.type,
      format: f.format,
      enumName: f.enum,
      enumValues: f.enum === undefined ? undefined : enums.get(f.enum),
      minimum: f.minimum,
      maximum: f.maximum,
      minLength: f.minLength,
      minItems: f.minItems,
      object: objName === undefined ? undefined : buildObject(objName, path),
      server: f.server,
      default: f.default,
      onPatch: f.onPatch ?? "replace",
      cells: buildCells(f),
      provenance: f.provenance,
      source: f.source,
      note: f.note,
    }) as FieldModel;
  };

  const buildCells = (f: FieldFile) => {
    const cells: Record<string, Record<Operation, Cell>> = {};
    for (const t of types) {
      const row = typeof f.rules === "string" ? undefined : f.rules[t];
      cells[t] = Object.fromEntries(
        ops.map((op) => [op, buildCell(typeof f.rules === "string" ? f.rules : (row?.[op] as CellFile), f)]),
      ) as Record<Operation, Cell>;
    }
    return cells;
  };

  const buildCell = (c: CellFile, f: FieldFile): Cell =>
    typeof c === "string"
      ? { rule: c, provenance: f.provenance }
      : (strip({ ...c, provenance: c.provenance ?? f.provenance }) as Cell);

  const root = buildObject(file.root, "");
  const serverFields: Partial<Record<Exclude<ServerSet, "default">, string>> = {};
  for (const f of root.fields) if (f.server !== undefined && f.server !== "default") serverFields[f.server] ??= f.name;
  const idField = serverFields.id!;

  const lc = file.lifecycle;
  const states = enums.get(root.byName.get(lc.field)!.enumName!)!;
  const flat = (ts: readonly TransitionFile[]): Transition[] =>
    ts.flatMap((t) =>
      t.from.flatMap((from) =>
        t.to.map((to) => strip({ from, to, provenance: t.provenance, source: t.source, note: t.note }) as Transition),
      ),
    );

  const filterFieldList: FilterField[] = file.filtering.fields.map((ff) => {
    const field = root.byName.get(ff.field)!;
    const kind =
      field.format === "date-time"
        ? "date-time"
        : field.type === "integer" || field.type === "number"
          ? field.type
          : undefined;
    return {
      field,
      names: [ff.field, ...(ff.aliases ?? [])],
      operators: kind ? (file.filtering.operators[kind] ?? []) : [],
      provenance: ff.provenance,
    };
  });
  const filterFields = new Map(filterFieldList.flatMap((ff) => ff.names.map((n) => [n, ff] as const)));
  const order = file.filtering.order.by;

  const rules: Omit<Model, "schemas"> = {
    file,
    id: file.id,
    title: file.title,
    basePath: file.api.basePath.value.replace(/\/+$/, ""),
    resource: file.api.resource,
    hubPath: file.api.hub,
    bodyLimitBytes: file.api.bodyLimitBytes.value,
    operations: ops,
    ...(file.ticketTypes.field !== undefined ? { ticketTypeField: file.ticketTypes.field } : {}),
    ticketTypes: types,
    defaultTicketType: file.ticketTypes.default,
    root,
    objects,
    enums,
    idField,
    serverFields,
    patchContentTypes: file.patch.contentTypes,
    rejectUnknownFields: file.unknownFields.rule === "reject",
    lifecycle: {
      field: lc.field,
      ...(lc.reasonField !== undefined ? { reasonField: lc.reasonField } : {}),
      changeDateField: lc.changeDateField,
      states,
      initial: lc.initial.value,
      final: new Set(lc.final.values),
      provider: flat(lc.provider),
      operator: flat(lc.operator),
      onAppend: lc.onAppend ?? [],
      onEnter: lc.onEnter ?? {},
      onLeave: lc.onLeave ?? [],
      autoplay: lc.autoplay ?? [],
    },
    providerFields: file.providerFields.fields,
    filterFields,
    filterFieldList,
    reserved: file.filtering.reserved,
    rejectUnknownParameters: file.filtering.unknownParameters.rule === "reject",
    // The id ends every order (ascending) unless the profile places it, so no two tickets tie and pages are stable.
    order: order.some((o) => o.field === idField) ? order : [...order, { field: idField, direction: "asc" as const }],
    dateOnlyMidnightUtc: (file.filtering.dateOnly?.rule ?? "midnightUTC") === "midnightUTC",
    limit: { default: file.filtering.limit.default, max: file.filtering.limit.max },
    events: file.events,
  };
  // Derived once here, frozen with the model: every shape check reads these.
  return { ...rules, schemas: deriveSchemas(rules) };
}

/** Drops keys whose value is undefined (exactOptionalPropertyTypes). */
function strip<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k];
  return o;
}
