/**
 * Runs the code blocks of README.md and docs/*.md (not docs/api, which TypeDoc
 * generates) so no snippet a user copies can rot.
 *
 * The docs conventions:
 *
 * - A ```ts / ```typescript / ```js / ```javascript block runs, alone, against
 *   src/index.ts (`import … from "fenhuo"` is the source). Its stated results are
 *   asserted as in the TSDoc examples (test/support/snippets.ts): a line
 *   `expression; // literal` becomes `expect(expression).toEqual(literal)`, a
 *   literal may run on over the comment lines below it, and `…` before a closing
 *   `}` or `]` stands for fields not shown. A comment that looks like a result
 *   but is not asserted fails the block.
 * - A marker, an HTML comment on the last non-blank line before the fence, says
 *   what else a block is:
 *   - `<!-- not-run: reason -->`: deliberately not run (a type, a fragment, a
 *     shell command); the reason is required, and a ts block that is not run
 *     may still not claim a result.
 *   - `<!-- continues -->`: a ts block that builds on the blocks before it in
 *     the same file; it runs after them, as one program.
 *   - `<!-- output-of: npm run example -->` (or `npx tsx examples/….ts`): the
 *     block is an excerpt of what the program prints; its lines must appear in
 *     that output in order and next to one another, a line `…` skipping any.
 *   - `<!-- valid-input: safeAllocate -->`: a json block that the named `safe…`
 *     function accepts.
 * - When the paragraph before a block says it prints something, the block must
 *   show it: a ts block asserts a result, another block is an `output-of`.
 * - A block in json, sh, bash, shell, console or text needs one of these
 *   markers; mermaid and unlabelled blocks (diagrams, file trees) are not code.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { format } from "node:util";
import ts from "typescript";
import { describe, expect, it, vi } from "vitest";
import * as fenhuo from "../../src/index.js";
import { runSnippet, typeErrors, withAssertions } from "../support/snippets.js";

const root = join(import.meta.dirname, "..", "..");
const modules = { fenhuo };

const RUNNABLE = new Set(["ts", "typescript", "js", "javascript"]);
const NEEDS_MARKER = new Set(["json", "sh", "bash", "shell", "console", "text"]);
const MARKERS = new Set(["not-run", "continues", "output-of", "valid-input"]);

interface Marker {
  readonly kind: string;
  readonly argument: string;
}

interface Block {
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly lang: string;
  readonly code: string;
  readonly marker: Marker | undefined;
  /** The paragraph of prose just before the block (and its marker). */
  readonly prose: string;
}

function pages(): string[] {
  const docs = readdirSync(join(root, "docs"), { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".md"))
    .map((entry) => join(root, "docs", entry.name));
  return [join(root, "README.md"), ...docs.sort()];
}

/** The fenced blocks of a Markdown text, each with the marker before it. */
function blocksOf(file: string, text: string): Block[] {
  const lines = text.split("\n");
  const blocks: Block[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^```([\w-]*)\s*$/.exec(lines[index] ?? "");
    if (!open) continue;
    const start = index;
    let end = index + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end] ?? "")) end++;
    let before = start - 1;
    while (before >= 0 && (lines[before] ?? "").trim() === "") before--;
    const comment = /^<!--\s*([\w-]+)\s*(?::\s*(.*?))?\s*-->$/.exec((lines[before] ?? "").trim());
    let top = comment ? before - 1 : before;
    while (top >= 0 && (lines[top] ?? "").trim() === "") top--;
    const paragraph: string[] = [];
    for (; top >= 0 && (lines[top] ?? "").trim() !== "" && !/^```/.test(lines[top] ?? ""); top--) {
      paragraph.unshift(lines[top] ?? "");
    }
    blocks.push({
      file,
      line: start + 1,
      lang: (open[1] ?? "").toLowerCase(),
      code: lines.slice(start + 1, end).join("\n"),
      marker: comment ? { kind: comment[1] ?? "", argument: comment[2] ?? "" } : undefined,
      prose: paragraph.join(" "),
    });
    index = end;
  }
  return blocks;
}

/** What a program prints, run in this process with console.log captured (once per program). */
const outputs = new Map<string, Promise<string[]>>();
function outputOf(command: string): Promise<string[]> {
  const scripts: Record<string, string> = JSON.parse(
    readFileSync(join(root, "package.json"), "utf8"),
  ).scripts;
  const script = /^npm run ([\w:-]+)$/.exec(command)?.[1];
  const program = (script === undefined ? command : (scripts[script] ?? "")).replace(/^npx /, "");
  const file = /^tsx (\S+\.ts)$/.exec(program)?.[1];
  if (file === undefined) {
    throw new Error(`output-of: "${command}" is not \`npm run <script>\` of a tsx program`);
  }
  let output = outputs.get(file);
  if (output === undefined) {
    output = (async () => {
      const printed: string[] = [];
      const log = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
        printed.push(...format(...args).split("\n"));
      });
      try {
        await import(pathToFileURL(join(root, file)).href);
      } finally {
        log.mockRestore();
      }
      return printed.map((line) => line.trimEnd());
    })();
    outputs.set(file, output);
  }
  return output;
}

/**
 * Whether `excerpt`'s lines appear in `output` in order and next to one
 * another, a line `…` standing for any number of lines. Returns the first
 * excerpt line not found, or undefined.
 */
function missingFrom(excerpt: string, output: readonly string[]): string | undefined {
  const segments: string[][] = [[]];
  for (const line of excerpt.split("\n").map((l) => l.trimEnd())) {
    if (line.trim() === "…") segments.push([]);
    else segments.at(-1)?.push(line);
  }
  let from = 0;
  for (const segment of segments.filter((s) => s.length > 0)) {
    let found = -1;
    for (let at = from; at + segment.length <= output.length && found < 0; at++) {
      if (segment.every((line, offset) => output[at + offset] === line)) found = at;
    }
    if (found < 0) return segment[0];
    from = found + segment.length;
  }
  return undefined;
}

/** The blocks a block runs as: the blocks it continues, then itself. */
function chainOf(index: number): Block[] {
  const chain: Block[] = [];
  for (let at = index; at >= 0; at--) {
    const block = blocks[at];
    if (block === undefined || block.file !== blocks[index]?.file) break;
    if (!RUNNABLE.has(block.lang)) break;
    if (block.marker?.kind !== "not-run") chain.unshift(block);
    if (block.marker?.kind !== "continues" && block.marker?.kind !== "not-run") break;
  }
  return chain;
}

const nameOf = (block: Block) => `${block.file}:${block.line}`;

/** The type errors of every block that runs (with the blocks it continues), checked once. */
let checked: Map<string, string[]> | undefined;
function typeErrorsOf(block: Block | "wrong"): string[] {
  if (checked === undefined) {
    const config = ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile).config;
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
    const runnable = blocks
      .map((b, index) => ({ block: b, index }))
      .filter(({ block: b }) => RUNNABLE.has(b.lang) && b.marker?.kind !== "not-run");
    checked = typeErrors(
      [
        // A snippet with a type error, checked with the others (see "the snippet convention").
        {
          name: "wrong",
          code: 'import { allocate } from "fenhuo";\nallocate({ asOf: "2026-03-01" }).nothing;',
        },
        ...runnable.map(({ block: b, index }) => ({
          name: nameOf(b),
          code: chainOf(index)
            .map((c) => c.code)
            .join("\n"),
        })),
      ],
      { fenhuo: join(root, "src", "index.js") },
      join(root, "test", "docs"),
      { ...options, types: [] }, // a snippet uses the library, not Node: this halves the time
    );
  }
  return checked.get(block === "wrong" ? block : nameOf(block)) ?? [];
}

function run(code: string): void {
  const unasserted = runSnippet(code, modules, expect);
  expect(unasserted, "comments that state a result the block does not assert").toEqual([]);
}

const blocks = pages().flatMap((file) =>
  blocksOf(relative(root, file), readFileSync(file, "utf8")),
);

describe("the snippet convention", () => {
  it("turns a stated result into an assertion that can fail", () => {
    expect(() => run("[1, 2].length; // 2")).not.toThrow();
    expect(() => run("[1, 2].length; // 3")).toThrow();
    expect(() => run('({ a: 1, b: "x" }); // { a: 1, … }')).not.toThrow();
    expect(() => run('({ a: 1, b: "x" }); // { a: 1 }')).toThrow();
    expect(() => run('"one two";\n// "one\n//  two"')).not.toThrow();
    expect(() => run("const xs = [1];\nif (xs.length === 2) xs[0]; // 1")).toThrow();
  });

  it("reports a claim it cannot assert", () => {
    expect(withAssertions("const x = 1; // 1").unasserted).toEqual([
      { line: 1, text: "const x = 1; // 1" },
    ]);
    expect(withAssertions("log(x); // prints the plan").unasserted).toHaveLength(1);
    expect(withAssertions("f(); // the engine has no clock").unasserted).toEqual([]);
  });

  it("type-checks a block, reporting an error on its line", () => {
    expect(typeErrorsOf("wrong")).toEqual([
      "2: Property 'nothing' does not exist on type 'AllocationPlan'.",
    ]);
  });

  it("refuses an import of a name the library does not export", () => {
    expect(() => run('import { allocate, nothing } from "fenhuo";')).toThrow(
      '"fenhuo" has no export nothing',
    );
  });

  it("reads markers and finds an excerpt in an output", () => {
    const page = "<!-- not-run: a type -->\n\n```ts\ntype A = 1;\n```\n```sh\nls\n```\n";
    const page2 = "Text.\n\nIt prints\nthis:\n<!-- not-run: x -->\n```ts\n1;\n```\n";
    expect(blocksOf("x.md", page).map((b) => [b.line, b.lang, b.marker?.kind])).toEqual([
      [3, "ts", "not-run"],
      [6, "sh", undefined],
    ]);
    expect(blocksOf("x.md", page2)[0]?.prose).toBe("It prints this:");
    const output = ["a", "b", "c", "d"];
    expect(missingFrom("b\nc", output)).toBeUndefined();
    expect(missingFrom("a\n…\nd", output)).toBeUndefined();
    expect(missingFrom("a\nc", output)).toBe("a");
  });
});

describe("every code block of README.md and docs/*.md runs and says true things", () => {
  it("finds the blocks", () => {
    expect(blocks.filter((block) => RUNNABLE.has(block.lang)).length).toBeGreaterThan(5);
  });

  blocks.forEach((block, index) => {
    const name = `${block.file}:${block.line} (${block.lang || "text"}${block.marker ? `, ${block.marker.kind}` : ""})`;
    const { marker } = block;
    if (!RUNNABLE.has(block.lang) && !NEEDS_MARKER.has(block.lang) && marker === undefined) {
      return; // a diagram or a file tree: not code
    }
    it(name, async () => {
      if (marker !== undefined) {
        expect(MARKERS, `unknown marker "${marker.kind}"`).toContain(marker.kind);
      }
      const printed = /\bprints?\b/i.test(block.prose);
      if (marker?.kind === "not-run") {
        expect(marker.argument, "not-run needs a reason").not.toBe("");
        expect(printed, "the prose says what it prints: show it with output-of").toBe(false);
        if (RUNNABLE.has(block.lang)) {
          expect(withAssertions(block.code).unasserted, "a block not run claims").toEqual([]);
        }
        return;
      }
      if (RUNNABLE.has(block.lang)) {
        expect(
          marker === undefined || marker.kind === "continues",
          `a ${block.lang} block runs: "${marker?.kind}" does not apply`,
        ).toBe(true);
        const chain = chainOf(index);
        if (marker?.kind === "continues") {
          expect(
            chain.length,
            "continues follows a block that runs, in the same file",
          ).toBeGreaterThan(1);
        }
        expect(
          typeErrorsOf(block),
          "type errors (lines of the block and those it continues)",
        ).toEqual([]);
        run(chain.map((b) => b.code).join("\n"));
        if (printed) {
          expect(withAssertions(block.code).code, "the prose says what it prints").toContain(
            "__expect(",
          );
        }
        return;
      }
      expect(
        marker,
        `a ${block.lang} block needs a marker: not-run, output-of or valid-input`,
      ).toBeDefined();
      if (marker?.kind === "output-of") {
        expect(missingFrom(block.code, await outputOf(marker.argument))).toBeUndefined();
      } else if (marker?.kind === "valid-input") {
        const safe = (fenhuo as Record<string, unknown>)[marker.argument];
        expect(typeof safe, `valid-input: ${marker.argument} is not a function of fenhuo`).toBe(
          "function",
        );
        const result = (safe as (input: unknown) => { ok: boolean; issues?: unknown })(
          JSON.parse(block.code),
        );
        expect(result.issues).toBeUndefined();
        expect(result.ok).toBe(true);
      } else {
        throw new Error(`a ${block.lang} block cannot be "${marker?.kind}"`);
      }
    });
  });
});
