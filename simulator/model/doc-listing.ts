// §7 of the rules document: filter parameters and their semantics, projections,
// paging, counts and order, from the profile's filtering block.
import { heading } from "./doc-intro.ts";
import { paths } from "./doc-paths.ts";
import { blocks, CHOSEN, claim, code, sourced, table } from "./doc-text.ts";
import type { FilterField, Model } from "./model.ts";

export function listingSection(model: Model): string {
  const p = paths(model);
  return blocks(
    heading(7),
    `\`GET ${p.collection}\` lists the operator's own tickets (§3), current and past: tickets in a final state stay in the list (seed).`,
    filterTable(model),
    semantics(model),
    pagingText(model),
    orderText(model),
  );
}

function compares(ff: FilterField): string {
  if (ff.field.format === "date-time") return "as instants";
  if (ff.field.type === "integer" || ff.field.type === "number") return "as numbers";
  return "exactly";
}

function filterTable(model: Model): string {
  const files = model.file.filtering.fields;
  const rows = model.filterFieldList.map((ff, i) => [
    ff.names.map(code).join(", "),
    code(ff.field.name),
    compares(ff),
    ff.operators.map((o) => code(`.${o}`)).join(" "),
    sourced(files[i] ?? ff),
  ]);
  return blocks(
    "**Filters**: a query parameter named after a filter field keeps the tickets whose field matches its value.",
    table(["parameter", "field", "compares", "operators", "provenance"], rows),
  );
}

function semantics(model: Model): string {
  const f = model.file.filtering;
  const dated = model.filterFieldList.find((x) => x.field.format === "date-time");
  const date = dated?.field.name ?? "creationDate";
  const gt = dated?.operators[0] ?? "gt";
  const lines = [
    "- `field=value` matches exactly and case-sensitively (TMF630).",
    "- `field=a,b`, or the parameter given twice, keeps tickets matching either value (OR); different parameters must all match (AND) (TMF630).",
  ];
  if (model.filterFieldList.some((x) => x.field.format === "date-time")) {
    lines.push(
      `- Date-time filters compare instants, whatever the UTC offset a value is written in: ${code(`${date}.${gt}=2021-01-01T00:00:00Z`)} (TMF630). A plain ${code(`${date}=...`)} means the same instant. A date-time needs its time zone (\`Z\` or \`+hh:mm\`); a blank before the offset is read as \`+\`, which form encoding turns into a blank (**chosen**).`,
    );
    const d = f.dateOnly;
    lines.push(
      model.dateOnlyMidnightUtc
        ? `- ${claim("A date alone (`2021-02-26`) means midnight UTC of that day", d ?? CHOSEN)}`
        : `- ${claim("A date alone (`2021-02-26`) is 400: the value must be a date-time", d ?? CHOSEN)}`,
    );
  }
  if (model.filterFieldList.some((x) => compares(x) === "as numbers"))
    lines.push("- Integer and number filters compare as numbers.");
  lines.push(
    "- An unreadable value, or an impossible date such as `2021-02-30`, is 400 (**chosen**). A filter never matches a ticket that lacks the field.",
  );
  const u = f.unknownParameters;
  const notFilter = model.root.fields.find((x) => !model.filterFields.has(x.name) && x.name === model.lifecycle.field);
  const example = notFilter ? ` (${code(notFilter.name)}, for one, is not a filter of this profile)` : "";
  lines.push(
    u.rule === "reject"
      ? `- ${claim(`Any other query parameter is 400${example}`, u)}`
      : `- ${claim(`Any other query parameter is ignored${example}`, u)}`,
  );
  return blocks("**Filter semantics**:", lines.join("\n"));
}

function pagingText(model: Model): string {
  const r = model.reserved;
  const p = paths(model);
  const lim = model.file.filtering.limit;
  return blocks(
    `**Fields, pages and counts**: ${code(r.fields)}, ${code(r.offset)} and ${code(r.limit)} are not filters.`,
    [
      `- ${code(`${r.fields}=a,b`)} returns only those first-level attributes of each ticket, exactly those (not even the id is added), on the list and on \`GET ${p.item}\` alike (TMF630). An unknown, unsupported or empty name is 400. \`GET ${p.item}\` takes no other parameter.`,
      `- ${claim(`${code(r.offset)} (default 0) skips that many matching tickets; ${code(r.limit)} caps the page at a default of ${model.limit.default} tickets and a maximum of ${model.limit.max}`, lim)}`,
      `- A larger limit is cut to the maximum; \`${r.limit}=0\` answers the counts alone. A value that is not a non-negative integer, or either parameter given twice, is 400 (**chosen**).`,
      "- The answer is 200 with the page as a JSON array, and two headers: `X-Total-Count`, every match, and `X-Result-Count`, the tickets in this page. There is no 206: TMF621 v4 declares none (TMF).",
    ].join("\n"),
  );
}

function orderText(model: Model): string {
  const o = model.file.filtering.order;
  const by = model.order.map((x) => `${code(x.field)} ${x.direction === "asc" ? "ascending" : "descending"}`);
  const added = model.order.length > o.by.length ? " (the id is added last, so no two tickets tie)" : "";
  return `${claim(`**Order**: ${by.join(", then ")}${added}`, o)} Pages are therefore stable: paging through a list that does not change shows each ticket once.`;
}
