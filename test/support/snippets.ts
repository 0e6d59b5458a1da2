/**
 * Runs a code snippet from the docs (a TSDoc `@example` or a fenced block of a
 * Markdown page) with its stated results as assertions. One convention for both:
 *
 * - `expression; // literal`, or `expression;` followed by a line that is only
 *   `// literal`, becomes `expect(expression).toEqual(literal)`. A leading `→`
 *   is allowed (`// → 15`).
 * - The literal is JSON (`"x"`, `5`, `[1]`, `true: because …` — a note after
 *   `: `, ` — ` or ` (` is allowed) or a JavaScript array/object literal
 *   (`{ quantity: 70, source: "funded" }`).
 * - A literal may run on over the comment lines below it: they are joined with
 *   their `// ` removed, so a string broken over lines continues with a space
 *   (`//  got 70 of 80`).
 * - `…` before a closing `}` or `]` stands for fields not shown: the assertion
 *   becomes `toMatchObject`, so the shown fields must hold and others may exist
 *   (an array still has exactly the elements shown).
 * - `if (condition) expression; // literal` asserts that the condition holds
 *   and then the literal: the example states the result of the path it takes.
 * - A comment that looks like a result (it starts with `→`, a quote, a bracket,
 *   a brace, a number, `true`, `false` or `null`, or says "prints") but cannot
 *   become an assertion is reported as an unasserted claim.
 * - `import { a, b as c } from "module"` takes the names from the modules given
 *   (every import of a snippet is hoisted and merged, so blocks that continue
 *   each other may import the same names); an unknown module or name throws.
 */
import ts from "typescript";

/** A comment in a snippet that states a result the snippet does not assert. */
export interface Claim {
  /** 1-based line of the snippet. */
  readonly line: number;
  readonly text: string;
}

interface Literal {
  readonly value: unknown;
  /** The literal elides fields with `…`: match the fields shown. */
  readonly partial: boolean;
}

/** The literal a comment states, if it starts with one. */
function literalOf(comment: string): Literal | undefined {
  const text = comment.trim().replace(/^(→|=>)\s*/, "");
  const candidates = [text, text.split(/: | — | \(/)[0] ?? ""];
  for (const candidate of candidates) {
    const trimmed = candidate.trim();
    try {
      return { value: JSON.parse(trimmed), partial: false };
    } catch {
      // not JSON: perhaps a JavaScript literal
    }
    if (!/^[[{]/.test(trimmed)) continue;
    const partial = /…\s*[}\]]/.test(trimmed);
    const source = trimmed.replace(/,?\s*…\s*(?=[}\]])/g, "");
    try {
      return { value: new Function(`return (${source});`)(), partial };
    } catch {
      // not a literal: try the next reading
    }
  }
  return undefined;
}

const STATEMENT = /^(if|const|let|var|for|while|try|return|import|export|\}|\{)\b/;
const CLAIM = /^\s*(→|=>|["'[{]|-?\d+(\.\d+)?(?![\d.])|true\b|false\b|null\b)|\bprints\b/;
const COMMENT_ONLY = /^\s*\/\/ ?(.*)$/;

/** The literal of the comment `first` and, when it needs them, the comment lines after `index`. */
function literalFrom(
  first: string,
  lines: readonly string[],
  index: number,
): { literal: Literal; used: number } | undefined {
  let text = first;
  for (let used = 0; used <= 12; used++) {
    const literal = literalOf(text);
    if (literal) return { literal, used };
    const more = COMMENT_ONLY.exec(lines[index + 1 + used] ?? "");
    if (!more) return undefined;
    text += more[1] ?? "";
  }
  return undefined;
}

/** `if (condition) expression` split into its parts, the parentheses balanced. */
function guarded(statement: string): { condition: string; expression: string } | undefined {
  const start = /^if\s*\(/.exec(statement);
  if (!start) return undefined;
  let depth = 1;
  for (let at = start[0].length; at < statement.length; at++) {
    const char = statement[at];
    if (char === "(") depth++;
    else if (char === ")" && --depth === 0) {
      const expression = statement.slice(at + 1).trim();
      if (expression === "" || /^[{;]/.test(expression)) return undefined;
      return { condition: statement.slice(start[0].length, at), expression };
    }
  }
  return undefined;
}

function assertion(indent: string, statement: string, literal: Literal): string {
  const matcher = literal.partial ? "toMatchObject" : "toEqual";
  const guard = guarded(statement.trim());
  const expression = guard?.expression ?? statement;
  const condition = guard === undefined ? "" : `__expect(Boolean(${guard.condition})).toBe(true); `;
  return `${indent}${condition}__expect(${expression}).${matcher}(${JSON.stringify(literal.value)});`;
}

/** Whether a statement can carry a stated result: an expression, or `if (…) expression`. */
function assertable(statement: string): boolean {
  const trimmed = statement.trim();
  return guarded(trimmed) !== undefined || !STATEMENT.test(trimmed);
}

/**
 * The snippet with every stated result turned into an assertion on `__expect`,
 * and the comments that claim a result but could not be turned into one.
 */
export function withAssertions(code: string): { code: string; unasserted: Claim[] } {
  const lines = code.split("\n");
  const out: string[] = [];
  const unasserted: Claim[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    const inline = /^(\s*)(.+?);\s*\/\/\s*(.+)$/.exec(line);
    if (inline && assertable(inline[2] ?? "")) {
      const found = literalFrom(inline[3] ?? "", lines, index);
      if (found) {
        out.push(assertion(inline[1] ?? "", inline[2] ?? "", found.literal));
        index += found.used;
        continue;
      }
    }
    const plain = /^(\s*)(.+);\s*$/.exec(line);
    const below = COMMENT_ONLY.exec(lines[index + 1] ?? "");
    if (plain && below && assertable(plain[2] ?? "")) {
      const found = literalFrom(below[1] ?? "", lines, index + 1);
      if (found) {
        out.push(assertion(plain[1] ?? "", plain[2] ?? "", found.literal));
        index += 1 + found.used;
        continue;
      }
    }
    const comment = /\/\/\s*(.*)$/.exec(line);
    if (comment && CLAIM.test(comment[1] ?? "")) {
      unasserted.push({ line: index + 1, text: line.trim() });
    }
    out.push(line);
  }
  return { code: out.join("\n"), unasserted };
}

const IMPORT = /^\s*import\s+(type\s+)?\{([^}]*)\}\s*from\s*["']([^"']+)["'];?[ \t]*$/gm;

interface Binding {
  readonly exported: string;
  readonly typeOnly: boolean;
}

/**
 * The named imports of `code`, merged per module and by local name, and the
 * code without them (each import statement replaced by its line breaks).
 */
function importsOf(code: string): {
  imports: Map<string, Map<string, Binding>>;
  body: string;
} {
  const imports = new Map<string, Map<string, Binding>>();
  const body = code.replace(
    IMPORT,
    (statement: string, typeOnly: string | undefined, names: string, from: string) => {
      const named = imports.get(from) ?? new Map<string, Binding>();
      for (const raw of names.split(",")) {
        const typeName = /^type\s+/.exec(raw.trim());
        const name = raw.trim().slice(typeName?.[0].length ?? 0);
        if (name === "") continue;
        const [exported = name, local = exported] = name.split(/\s+as\s+/);
        const known = named.get(local);
        const binding = { exported, typeOnly: Boolean(typeOnly || typeName) };
        named.set(local, known === undefined || known.typeOnly ? binding : known);
      }
      imports.set(from, named);
      return "\n".repeat(statement.split("\n").length - 1); // the lines stay where they were
    },
  );
  return { imports, body };
}

/** Every value import of `code` as one destructuring per module, and the code without them. */
function hoistImports(
  code: string,
  modules: Readonly<Record<string, object>>,
): { prelude: string; body: string } {
  const { imports, body } = importsOf(code);
  const prelude = [...imports]
    .map(([from, named]) => {
      const module = modules[from];
      if (module === undefined)
        throw new Error(`the snippet imports "${from}", which is not given`);
      const list: string[] = [];
      for (const [local, { exported, typeOnly }] of named) {
        if (typeOnly) continue;
        if (!(exported in module)) throw new Error(`"${from}" has no export ${exported}`);
        list.push(local === exported ? local : `${exported}: ${local}`);
      }
      return `const { ${list.join(", ")} } = __modules[${JSON.stringify(from)}];`;
    })
    .join("\n");
  return { prelude, body };
}

/**
 * The type errors of snippets, each checked as a module of its own with the
 * project's compiler options (strict, `noUncheckedIndexedAccess`,
 * `exactOptionalPropertyTypes` …), an import of a key of `modules` resolved to
 * the file it names. One program checks them all. Returns, per snippet name,
 * its errors as `line: message` (lines of the snippet, 1-based).
 */
export function typeErrors(
  snippets: readonly { readonly name: string; readonly code: string }[],
  modules: Readonly<Record<string, string>>,
  directory: string,
  options: ts.CompilerOptions,
): Map<string, string[]> {
  const files = new Map<string, { name: string; text: string; offset: number }>();
  snippets.forEach((snippet, index) => {
    const { imports, body } = importsOf(snippet.code);
    const header = [...imports].map(([from, named]) => {
      const list = [...named].map(
        ([local, { exported, typeOnly }]) =>
          `${typeOnly ? "type " : ""}${local === exported ? local : `${exported} as ${local}`}`,
      );
      return `import { ${list.join(", ")} } from ${JSON.stringify(modules[from] ?? from)};`;
    });
    // Two lines before the body, which keeps the snippet's line numbers.
    const text = `${header.join(" ")}\nexport {};\n${body}`;
    files.set(ts.sys.resolvePath(`${directory}/__snippet_${index}.ts`), {
      name: snippet.name,
      text,
      offset: 2,
    });
  });
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => files.get(file)?.text ?? readFile(file);
  host.fileExists = (file) => files.has(file) || fileExists(file);
  host.getSourceFile = (file, language, ...rest) => {
    const snippet = files.get(file);
    return snippet === undefined
      ? getSourceFile(file, language, ...rest)
      : ts.createSourceFile(file, snippet.text, language);
  };
  const program = ts.createProgram([...files.keys()], { ...options, noEmit: true }, host);
  const errors = new Map<string, string[]>(snippets.map((s) => [s.name, []]));
  for (const [file, snippet] of files) {
    const source = program.getSourceFile(file);
    for (const diagnostic of [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ]) {
      const line =
        diagnostic.file && diagnostic.start !== undefined
          ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line +
            1 -
            snippet.offset
          : 0;
      errors
        .get(snippet.name)
        ?.push(`${line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`);
    }
  }
  return errors;
}

/**
 * Runs `code` (TypeScript; types are stripped here: {@link typeErrors} checks them) with its stated
 * results asserted through `expect`, its imports taken from `modules`.
 * Returns the claims it could not assert.
 */
export function runSnippet(
  code: string,
  modules: Readonly<Record<string, object>>,
  expect: (actual: unknown) => unknown,
): Claim[] {
  const { code: asserted, unasserted } = withAssertions(code);
  const { prelude, body } = hoistImports(asserted, modules);
  const js = ts.transpileModule(`${prelude}\n${body}`, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  new Function("__modules", "__expect", js)(modules, expect);
  return unasserted;
}
