import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { plainWriter } from "../report/allure-reporter.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), "allure-writer-"));
  dirs.push(d);
  return join(d, "results");
};

it("writes each result, group, attachment and info under the names allure's report reads, and nothing else", () => {
  const dir = fresh();
  const w = plainWriter(dir);
  const result = { uuid: "r-1", name: "a case" } as unknown as Parameters<typeof w.writeResult>[0];
  w.writeResult(result);
  w.writeGroup({ uuid: "g-1", children: ["r-1"] } as unknown as Parameters<typeof w.writeGroup>[0]);
  w.writeAttachment("a-1-attachment.txt", Buffer.from("exchange"));
  const from = join(dir, "..", "source.bin");
  writeFileSync(from, Buffer.from([0, 1, 2]));
  w.writeAttachmentFromPath("a-2-attachment.bin", from);
  w.writeEnvironmentInfo({ node: "20" });
  w.writeCategoriesDefinitions([{ name: "broken rules" }]);
  w.writeGlobals("x-globals.json", { errors: [], attachments: [] });
  expect(readdirSync(dir).sort()).toEqual([
    "a-1-attachment.txt",
    "a-2-attachment.bin",
    "categories.json",
    "environment.properties",
    "g-1-container.json",
    "r-1-result.json",
    "x-globals.json",
  ]);
  expect(JSON.parse(readFileSync(join(dir, "r-1-result.json"), "utf8"))).toEqual(result);
  expect(readFileSync(join(dir, "a-1-attachment.txt"), "utf8")).toBe("exchange");
  expect([...readFileSync(join(dir, "a-2-attachment.bin"))]).toEqual([0, 1, 2]);
  expect(readFileSync(join(dir, "environment.properties"), "utf8")).toBe("node=20");
});
