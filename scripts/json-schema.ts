/**
 * Writes docs/schema/input.schema.json and docs/schema/plan.schema.json from the
 * zod schemas of the JSON contract (src/schema/jsonSchema.ts), formatted by biome
 * so that `npm run lint` accepts them as written.
 *
 *   npm run docs:schema
 *
 * test/schema/json-schema.test.ts fails when the committed files and the schemas differ.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { inputJsonSchema, planJsonSchema } from "../src/schema/jsonSchema.js";

const folder = new URL("../docs/schema/", import.meta.url);
mkdirSync(folder, { recursive: true });
const written: string[] = [];
for (const [name, schema] of [
  ["input", inputJsonSchema()],
  ["plan", planJsonSchema()],
] as const) {
  const target = fileURLToPath(new URL(`${name}.schema.json`, folder));
  writeFileSync(target, `${JSON.stringify(schema, null, 2)}\n`);
  written.push(target);
}
const biome = fileURLToPath(new URL("../node_modules/.bin/biome", import.meta.url));
execFileSync(biome, ["format", "--write", ...written], { stdio: "ignore" });
for (const target of written) console.log(`wrote ${target}`);
