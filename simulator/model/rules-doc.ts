// docs/rules.md, rendered from a profile's rule model and the server's facts: the
// opening, the eight numbered sections that code and docs cite as `docs/rules.md §N`,
// and the list of chosen rules. Pure; simulator/cli/docs.ts writes the file.

import { chosenRules, columnOrder } from "./chosen.ts";
import { authSection } from "./doc-auth.ts";
import { eventsSection } from "./doc-events.ts";
import type { ServerFacts } from "./doc-facts.ts";
import { fieldsSection } from "./doc-fields.ts";
import { intro } from "./doc-intro.ts";
import { lifecycleSection } from "./doc-lifecycle.ts";
import { listingSection } from "./doc-listing.ts";
import { flowsSection, pathsSection } from "./doc-paths.ts";
import { simulatorSection } from "./doc-simulator.ts";
import { blocks, code, table } from "./doc-text.ts";
import type { Model } from "./model.ts";

export type { ServerFacts } from "./doc-facts.ts";

/** The whole document; `profilePath` is how it names its profile (relative to the repository). */
export function renderRules(model: Model, facts: ServerFacts, profilePath: string): string {
  return `${blocks(
    intro(model, profilePath),
    flowsSection(model),
    pathsSection(model, facts),
    authSection(facts),
    fieldsSection(model, facts),
    lifecycleSection(model),
    eventsSection(model, facts),
    listingSection(model),
    simulatorSection(model, facts),
    chosenSection(model, profilePath),
  )}\n`;
}

function chosenSection(model: Model, profilePath: string): string {
  const rows = chosenRules(model).map((r) => [
    r.key === r.where ? code(r.key) : `${code(r.where)}<br>${code(r.key)}`,
    r.rule,
    r.source,
    r.note,
  ]);
  return blocks(
    "## Chosen rules",
    `Where the document is illegible or silent and TMF does not decide, the project chose. Every such rule is below, with where it lives in the profile (field rules read in the order ${columnOrder(model)}). A user holding the original document can correct one in a copy of the profile:`,
    [
      "```sh",
      `cp ${profilePath} my-profile.json       # edit the rule, and set its provenance to "seed"`,
      "npm run simulate -- --profile my-profile.json",
      "npm run certify -- --profile my-profile.json",
      "npm run docs -- --profile my-profile.json --out my-rules.md",
      "```",
    ].join("\n"),
    rows.length > 0
      ? table(["rule (where in the profile)", "chosen rule", "source", "note"], rows)
      : "This profile has no chosen rules.",
  );
}
