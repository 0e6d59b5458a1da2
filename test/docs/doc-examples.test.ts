/**
 * Runs every `@example` of the TSDoc in src/ so none rots, with the convention
 * of test/support/snippets.ts: an example line `expression; // literal` (or an
 * expression followed by a line that is only `// literal`) becomes
 * `expect(expression).toEqual(literal)`, and a comment that states a result
 * nobody asserts fails the example. Besides "fenhuo", an example may import
 * its own file by its name (`import { csvField } from "./csv.js"`): the CLI's
 * helpers are not part of the package's API.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import * as fenhuo from "../../src/index.js";
import { runSnippet } from "../support/snippets.js";

const root = join(import.meta.dirname, "..", "..", "src");

interface Example {
  readonly file: string;
  readonly symbol: string;
  readonly code: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith(".ts")
        ? [join(dir, entry.name)]
        : [],
  );
}

function examplesOf(file: string): Example[] {
  const text = readFileSync(file, "utf8");
  const examples: Example[] = [];
  for (const comment of text.matchAll(
    /\/\*\*([\s\S]*?)\*\/\s*(?:export\s+)?(?:declare\s+)?(?:async\s+)?(?:function|const|class|interface|type)\s+(\w+)/g,
  )) {
    const body = (comment[1] ?? "").split("\n").map((line) => line.replace(/^\s*\* ?/, ""));
    const joined = body.join("\n");
    for (const block of joined.matchAll(/@example\s*```ts\n([\s\S]*?)```/g)) {
      examples.push({
        file: relative(root, file),
        symbol: comment[2] ?? "?",
        code: block[1] ?? "",
      });
    }
  }
  return examples;
}

function run(example: Example, own: object): void {
  const self = `./${basename(example.file).replace(/\.ts$/, ".js")}`;
  const unasserted = runSnippet(example.code, { fenhuo, [self]: own }, expect);
  expect(unasserted, "comments that state a result nobody asserts").toEqual([]);
}

const examples = sourceFiles(root).flatMap(examplesOf);

describe("every @example in the TSDoc runs and its stated results hold", () => {
  it("finds the examples", () => {
    expect(examples.length).toBeGreaterThan(20);
  });
  for (const example of examples) {
    it(`${example.file} ${example.symbol}`, async () => {
      run(example, await import(pathToFileURL(join(root, example.file)).href));
    });
  }
});
