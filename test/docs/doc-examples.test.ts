/**
 * Runs every `@example` of the TSDoc in src/ so none rots. An example line
 * `expression; // literal` (or an expression followed by a line that is only
 * `// literal`) becomes `expect(expression).toEqual(literal)`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as fenhuo from "../../src/index.js";

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

/** The literal a comment states, if it starts with one (`"x"`, `5`, `[1]`, `true: because …`). */
function literalOf(comment: string): { value: unknown } | undefined {
  const candidates = [comment, comment.split(/: | — | \(/)[0] ?? ""];
  for (const candidate of candidates) {
    try {
      return { value: JSON.parse(candidate.trim()) };
    } catch {
      // not a literal: try the next reading
    }
  }
  return undefined;
}

const STATEMENT = /^(if|const|let|var|for|while|try|return|import|export|\}|\{)\b/;

function withAssertions(code: string): string {
  const lines = code.split("\n");
  const out: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    const inline = /^(\s*)(.+?);\s*\/\/\s*(.+)$/.exec(line);
    const next = lines[index + 1] ?? "";
    const below = /^\s*\/\/\s*(.+)$/.exec(next);
    if (inline && !STATEMENT.test((inline[2] ?? "").trim())) {
      const literal = literalOf(inline[3] ?? "");
      if (literal) {
        out.push(`${inline[1]}__expect(${inline[2]}).toEqual(${JSON.stringify(literal.value)});`);
        continue;
      }
    }
    const plain = /^(\s*)(.+);\s*$/.exec(line);
    if (plain && below && !STATEMENT.test((plain[2] ?? "").trim())) {
      const literal = literalOf(below[1] ?? "");
      if (literal) {
        out.push(`${plain[1]}__expect(${plain[2]}).toEqual(${JSON.stringify(literal.value)});`);
        index++;
        continue;
      }
    }
    out.push(line);
  }
  return out.join("\n");
}

function run(example: Example): void {
  const withImports = withAssertions(example.code).replace(
    /import\s*\{([^}]*)\}\s*from\s*"fenhuo";/g,
    (_, names: string) => `const {${names}} = __fenhuo;`,
  );
  const js = ts.transpileModule(withImports, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  new Function("__fenhuo", "__expect", js)(fenhuo, expect);
}

const examples = sourceFiles(root).flatMap(examplesOf);

describe("every @example in the TSDoc runs and its stated results hold", () => {
  it("finds the examples", () => {
    expect(examples.length).toBeGreaterThan(20);
  });
  for (const example of examples) {
    it(`${example.file} ${example.symbol}`, () => run(example));
  }
});
