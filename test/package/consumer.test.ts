/**
 * The package as a consumer gets it (issue 14: "a package people can adopt"):
 * the package is built and packed with npm, a fresh project installs the
 * tarball, and then uses it the ways the README says — `npx fenhuo example`
 * and `npx fenhuo allocate` on what it wrote (a JSON wave and a CSV bundle),
 * `import` from an ES module, `require` from CommonJS, and a type check with
 * the project's own TypeScript under `moduleResolution: "nodenext"`, where a
 * misspelt field of an input literal is a compile error.
 *
 * The build goes to a staged copy of the repository, never to dist/:
 * test/cli/cli.test.ts runs `npm run build` into dist/ at the same time
 * (vitest runs test files in parallel), and two builds cleaning and writing one
 * folder could hand either test a half-written file. The copy holds what the
 * repository holds (less node_modules, .git and what the build and the tools
 * write), so `npm pack` applies the real `files` of package.json to it.
 *
 * Every expected value is computed here by `allocate` on the sample from
 * src/, never written down by hand. Dependencies come from npm's cache when it
 * has them (`--prefer-offline`: `npm ci` filled it); CI reaches the registry
 * for the rest.
 */
import { type SpawnSyncOptions, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allocate, explain, safeAllocate } from "../../src/index.js";

const root = join(import.meta.dirname, "..", "..");
const SAMPLE = join(root, "examples", "data", "spring-wave.json");
const sample: unknown = JSON.parse(readFileSync(SAMPLE, "utf8"));
const plan = allocate(sample);
/** The plan as JSON gives it back: what a consumer's process prints or writes. */
const planJson: unknown = JSON.parse(JSON.stringify(plan));

/** Not copied into the stage: installed, version control, or written by builds and tools. */
const NOT_STAGED = new Set([
  "node_modules",
  ".git",
  "dist",
  "coverage",
  "reports",
  "build",
  ".stryker-tmp",
  ".scratch",
  join("docs", "api"),
]);

/**
 * The environment of the child npm and node processes: this one's, without what
 * `npm test` sets about the project it runs in (a nested npm would take
 * `npm_config_local_prefix` for its project and work on the repository).
 */
const env: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) =>
      !/^npm_(package_|lifecycle_|config_local_prefix$|config_global_prefix$)/i.test(key) &&
      key !== "INIT_CWD",
  ),
);

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function exec(command: string, args: readonly string[], cwd: string): Run {
  const options: SpawnSyncOptions = { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 };
  const result = spawnSync(command, args, options);
  if (result.error) throw result.error;
  return {
    code: result.status,
    stdout: String(result.stdout),
    stderr: String(result.stderr),
  };
}

/** Runs a setup step that must succeed, failing with its output when it does not. */
function must(command: string, args: readonly string[], cwd: string): Run {
  const run = exec(command, args, cwd);
  if (run.code !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} exited ${run.code}\n${run.stdout}\n${run.stderr}`,
    );
  }
  return run;
}

/** `npx --no fenhuo …` in the consumer project: its installed bin, never a download. */
function npxFenhuo(...args: string[]): Run {
  return exec("npx", ["--no", "fenhuo", ...args], consumer);
}

/** Every file under `folder`, as /-separated paths relative to `base`. */
function filesUnder(folder: string, base: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(base, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .sort();
}

interface Packed {
  readonly filename: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly { readonly path: string }[];
}

let scratch = "";
let stage = "";
let consumer = "";
let packed: Packed;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "fenhuo-consumer-"));
  stage = join(scratch, "fenhuo");
  consumer = join(scratch, "consumer");
  cpSync(root, stage, {
    recursive: true,
    filter: (source) => !NOT_STAGED.has(relative(root, source)),
  });
  // `npm run build`, into the stage's dist/ (the same tsup config and sources).
  must("npm", ["run", "build", "--", "--out-dir", join(stage, "dist")], root);
  const pack = must("npm", ["pack", "--json", "--pack-destination", scratch], stage);
  const [result] = JSON.parse(pack.stdout) as Packed[];
  if (result === undefined) throw new Error(`npm pack printed no result:\n${pack.stdout}`);
  packed = result;

  mkdirSync(consumer);
  writeFileSync(
    join(consumer, "package.json"),
    `${JSON.stringify({ name: "fenhuo-consumer", version: "1.0.0", private: true, type: "module" }, null, 2)}\n`,
  );
  must(
    "npm",
    ["install", join(scratch, packed.filename), "--prefer-offline", "--no-audit", "--no-fund"],
    consumer,
  );
}, 600_000);

afterAll(async () => {
  // Some 200 installed packages and the staged copy: seconds on a busy machine.
  if (scratch !== "") await rm(scratch, { recursive: true, force: true });
}, 120_000);

describe("the tarball", () => {
  it("ships dist, the sample data, the ERP recipes, README, LICENSE, CHANGELOG and package.json — nothing else", () => {
    const { files } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
      files: string[];
    };
    // The sample folders package.json lists (examples/data, examples/mappings), as the repository has them.
    const samples = files.filter((entry) => entry.startsWith("examples/"));
    expect(samples).toEqual(["examples/data", "examples/mappings"]);
    const expected = [
      "CHANGELOG.md",
      "LICENSE",
      "README.md",
      "package.json",
      ...filesUnder(join(stage, "dist"), stage),
      ...samples.flatMap((folder) => filesUnder(join(root, folder), root)),
    ].sort();
    expect(packed.files.map((file) => file.path).sort()).toEqual(expected);
    expect(expected).toContain("dist/cli.js");
    expect(expected).toContain("dist/index.d.cts");
    expect(expected).toContain("examples/mappings/odoo.yaml");
  });

  it("installs with its bin and the package.json the exports name", () => {
    const installed = JSON.parse(
      readFileSync(join(consumer, "node_modules", "fenhuo", "package.json"), "utf8"),
    );
    const own = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(installed.version).toBe(own.version);
    expect(installed.bin).toEqual(own.bin);
    expect(installed.bin.fenhuo).toBe("dist/cli.js");
  });
});

describe("npx fenhuo in a fresh project", () => {
  let written: Run | undefined;
  /** `npx fenhuo example --out waves`, once, for every test that reads what it wrote. */
  function example(): Run {
    written ??= npxFenhuo("example", "--out", "waves");
    return written;
  }

  it("fenhuo example --out waves writes the bundled samples", () => {
    const run = example();
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("waves/spring-wave.json");
    expect(readFileSync(join(consumer, "waves", "spring-wave.json"), "utf8")).toBe(
      readFileSync(SAMPLE, "utf8"),
    );
    expect(filesUnder(join(consumer, "waves", "spring-wave-csv"), consumer)).toEqual(
      filesUnder(join(root, "examples", "data", "spring-wave-csv"), root).map((path) =>
        path.replace(/^examples\/data\//, "waves/"),
      ),
    );
  });

  it("fenhuo allocate waves/spring-wave.json prints the sample's plan as tables", () => {
    example();
    const run = npxFenhuo("allocate", "waves/spring-wave.json");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(plan.franchiseeAllocations.length).toBeGreaterThan(0);
    for (const row of plan.franchiseeAllocations) {
      const cells = [row.order, row.line, row.franchisee, row.sku, row.quantity, row.unitPrice];
      const rest = [row.amount, row.cash, row.credit, row.source];
      const pattern = new RegExp(`^\\s*${[...cells, ...rest].join("\\s+")}$`);
      expect(
        lines.some((line) => pattern.test(line)),
        `a table row for ${row.order}#${row.line}: ${row.quantity} units`,
      ).toBe(true);
    }
    for (const lock of plan.locks) expect(run.stdout).toContain(lock.id);
  });

  it("fenhuo allocate on the CSV bundle it wrote gives the same plan, and explain reads it", () => {
    example();
    const run = npxFenhuo(
      "allocate",
      "waves/spring-wave-csv",
      "--format",
      "json",
      "--out",
      "plan.json",
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(join(consumer, "plan.json"), "utf8"))).toEqual(planJson);
    const row = plan.franchiseeAllocations.find((r) => r.source === "funded");
    if (row === undefined) throw new Error("the sample has no funded allocation");
    const why = npxFenhuo("explain", "plan.json", `${row.order}#${row.line}`);
    expect(why.code).toBe(0);
    expect(why.stdout.trim()).toBe(
      explain(plan, { kind: "order-line", order: row.order, line: row.line }).sentence,
    );
  });
});

describe("the library in a fresh project", () => {
  const bad = { asOf: "2026-02-30", supply: [{ sku: "X", quantity: -1 }] };
  const badCodes = (() => {
    const result = safeAllocate(bad);
    return result.ok ? [] : result.issues.map((issue) => issue.code);
  })();

  it("import from an ES module (.mjs) runs allocate", () => {
    writeFileSync(
      join(consumer, "run.mjs"),
      [
        'import { readFileSync } from "node:fs";',
        'import { allocate } from "fenhuo";',
        'const plan = allocate(JSON.parse(readFileSync(process.argv[2], "utf8")));',
        "process.stdout.write(JSON.stringify(plan));",
        "",
      ].join("\n"),
    );
    const run = exec(process.execPath, ["run.mjs", SAMPLE], consumer);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(planJson);
  });

  it("require from CommonJS (.cjs) runs allocate, and InputError lists every problem", () => {
    writeFileSync(
      join(consumer, "run.cjs"),
      [
        'const { readFileSync } = require("node:fs");',
        'const { allocate, InputError } = require("fenhuo");',
        'const plan = allocate(JSON.parse(readFileSync(process.argv[2], "utf8")));',
        "let codes;",
        "try {",
        `  allocate(${JSON.stringify(bad)});`,
        "} catch (error) {",
        "  if (error instanceof InputError) codes = error.issues.map((issue) => issue.code);",
        "}",
        "process.stdout.write(JSON.stringify({ plan, codes }));",
        "",
      ].join("\n"),
    );
    const run = exec(process.execPath, ["run.cjs", SAMPLE], consumer);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(printed.plan).toEqual(planJson);
    expect(badCodes.length).toBeGreaterThan(1);
    expect(printed.codes).toEqual(badCodes);
  });

  describe("type-checked with the project's TypeScript (nodenext)", () => {
    const INPUT = `{
  asOf: "2026-03-01",
  products: [{ sku: "T100-RED-M", season: "SS" }],
  supply: [{ sku: "T100-RED-M", quantity: 50 }],
  franchisees: [{ id: "F01", priority: 1, cash: "3000.00" }],
  orders: [{ id: "SO-1", franchisee: "F01", orderedOn: "2026-02-20",
             lines: [{ line: 1, sku: "T100-RED-M", quantity: 40, unitPrice: "99.00" }] }],
}`;
    let diagnostics: string[] | undefined;
    /**
     * tsc over the consumer's files, once: its diagnostics, each with the indented
     * lines that continue it (an error of an overloaded call says there why each
     * overload refused).
     */
    function typeCheck(): string[] {
      if (diagnostics !== undefined) return diagnostics;
      writeFileSync(
        join(consumer, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            target: "ES2022",
            lib: ["ES2022"],
            module: "nodenext",
            moduleResolution: "nodenext",
            strict: true,
            noEmit: true,
            // Declarations are checked too, fenhuo's and its dependencies' (zod's name
            // Node's URL): a Node project has @types/node — the repository's is used.
            skipLibCheck: false,
            typeRoots: [join(root, "node_modules", "@types")],
            types: ["node"],
          },
          files: ["correct.ts", "correct.cts", "misspelt.ts"],
        }),
      );
      writeFileSync(
        join(consumer, "correct.ts"),
        [
          'import { type AllocationPlan, allocate, explain, safeAllocate } from "fenhuo";',
          `const plan: AllocationPlan = allocate(${INPUT});`,
          "const units: number | undefined = plan.franchiseeAllocations[0]?.quantity;",
          'const why: string = explain(plan, { kind: "order-line", order: "SO-1", line: 1 }).sentence;',
          'const result = safeAllocate(JSON.parse("{}"));',
          "const codes: string[] = result.ok ? [] : result.issues.map((issue) => issue.code);",
          "export { codes, units, why };",
          "",
        ].join("\n"),
      );
      writeFileSync(
        join(consumer, "correct.cts"),
        [
          'import { allocate } from "fenhuo";',
          `export const units: number = allocate(${INPUT}).locks.reduce((sum, lock) => sum + lock.quantity, 0);`,
          "",
        ].join("\n"),
      );
      writeFileSync(
        join(consumer, "misspelt.ts"),
        [
          'import { allocate } from "fenhuo";',
          'allocate({ asOf: "2026-03-01", suply: [] });',
          "",
        ].join("\n"),
      );
      const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
      const run = exec(
        process.execPath,
        [tsc, "-p", "tsconfig.json", "--pretty", "false"],
        consumer,
      );
      const found: string[] = [];
      for (const line of `${run.stdout}${run.stderr}`.split("\n")) {
        if (line.trim() === "") continue;
        if (/^\s/.test(line) && found.length > 0) found[found.length - 1] += `\n${line}`;
        else found.push(line);
      }
      diagnostics = found;
      return diagnostics;
    }

    it("code that uses the package rightly compiles, from ESM and from CommonJS", () => {
      expect(typeCheck().filter((line) => !line.startsWith("misspelt.ts("))).toEqual([]);
    });

    it("a misspelt field in an input literal is a compile error naming it", () => {
      const errors = typeCheck().filter((line) => line.startsWith("misspelt.ts("));
      expect(errors.length, "tsc reports the misspelt literal").toBeGreaterThan(0);
      expect(errors.length, "one error, at the call").toBe(1);
      expect(errors[0]).toMatch(/^misspelt\.ts\(2,\d+\): error TS\d+: /);
      expect(errors[0], "the error names the misspelt property").toContain("'suply'");
    });
  });
});
