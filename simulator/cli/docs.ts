// npm run docs: regenerates the README's table of chosen rules from the default profile.
import { loadProfile } from "../model/load.ts";
import { README, writeReadme } from "../model/readme.ts";

const changed = writeReadme(loadProfile());
console.log(changed ? `updated ${README}` : `${README} already up to date`);
