/**
 * The `fenhuo` command, end to end: the package is built, then the real
 * binary (dist/cli.js) is spawned and its stdout, stderr and exit code read.
 */
import { execSync, spawn, spawnSync } from "node:child_process";
import {
  closeSync,
  cpSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateWave } from "../../bench/generate.js";
import { displayWidth } from "../../src/cli/table.js";
import {
  type AllocationPlan,
  allocate,
  explain,
  formatPath,
  parseAllocationInput,
} from "../../src/index.js";
import { inputJsonSchema, planJsonSchema } from "../../src/schema/jsonSchema.js";

const root = join(import.meta.dirname, "..", "..");
const CLI = join(root, "dist", "cli.js");
const SAMPLE = join(root, "examples", "data", "spring-wave.json");
const BUNDLE = join(root, "examples", "data", "spring-wave-csv");
const sample = JSON.parse(readFileSync(SAMPLE, "utf8"));
const samplePlan = allocate(sample);

let scratch = "";

beforeAll(() => {
  execSync("npm run build", { cwd: root, stdio: "pipe" });
  scratch = mkdtempSync(join(tmpdir(), "fenhuo-cli-"));
}, 120_000);

afterAll(() => {
  if (scratch !== "") rmSync(scratch, { recursive: true, force: true });
});

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Spawns `node dist/cli.js …args`, with `stdin` piped in when given. */
function fenhuo(args: readonly string[], stdin?: string): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: root,
    encoding: "utf8",
    ...(stdin === undefined ? {} : { input: stdin }),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function scratchFile(name: string, content: unknown): string {
  const path = join(scratch, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

/** The lines of the table titled `title` in `text`, up to the next blank line. */
function tableSection(text: string, title: string): string[] {
  const lines = text.split("\n");
  const start = lines.indexOf(title);
  expect(start, `section "${title}"`).toBeGreaterThanOrEqual(0);
  const end = lines.indexOf("", start);
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

describe("the build", () => {
  it("writes an executable ESM dist/cli.js with a shebang", () => {
    expect(existsSync(CLI)).toBe(true);
    expect(readFileSync(CLI, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(statSync(CLI).mode & 0o111).not.toBe(0);
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(manifest.bin).toEqual({ fenhuo: "dist/cli.js" });
  });
});

describe("help, version and usage errors", () => {
  it("--help lists the commands and exits 0", () => {
    const run = fenhuo(["--help"]);
    expect(run.code).toBe(0);
    for (const command of ["allocate", "validate", "explain", "schema"])
      expect(run.stdout).toContain(command);
    expect(run.stderr).toBe("");
  });

  it("every command has --help, -h and help <command>", () => {
    for (const command of ["allocate", "validate", "explain", "schema"]) {
      for (const args of [
        [command, "--help"],
        [command, "-h"],
        ["help", command],
      ]) {
        const run = fenhuo(args);
        expect(run.code, args.join(" ")).toBe(0);
        expect(run.stdout).toContain(`Usage: fenhuo ${command}`);
      }
    }
    // --help wins over anything else on the line.
    expect(fenhuo(["allocate", "--bogus", "--help"]).code).toBe(0);
  });

  it("--version prints the package version", () => {
    const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    for (const flag of ["--version", "-V"]) {
      const run = fenhuo([flag]);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`${version}\n`);
    }
  });

  it("an unknown command exits 2, with a suggestion", () => {
    const run = fenhuo(["alocate", SAMPLE]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('unknown command "alocate" (did you mean "allocate"?)');
    expect(fenhuo(["frobnicate"]).code).toBe(2);
  });

  it("no command, unknown options, bad values and missing operands exit 2", () => {
    const cases: [string[], string][] = [
      [[], "Usage: fenhuo <command>"],
      [["--bogus"], "unknown option --bogus"],
      [["allocate"], "missing <input>"],
      [["allocate", SAMPLE, "--bogus"], "--bogus"],
      [
        ["allocate", SAMPLE, "--format", "xml"],
        '--format must be one of table, json, csv, xlsx; got "xml"',
      ],
      [["allocate", SAMPLE, "--format"], "argument missing"],
      [["allocate", SAMPLE, SAMPLE], "unexpected argument"],
      [["validate"], "missing <input>"],
      [["explain", SAMPLE], "missing <plan.json> and <ref>"],
      [["explain", SAMPLE, "not-a-ref"], 'cannot read the ref "not-a-ref"'],
      [["explain", SAMPLE, "SO-1#0"], "cannot read the ref"],
      [["schema", "orders"], 'must be one of input, plan; got "orders"'],
      [["help", "nope"], 'no help for "nope"'],
    ];
    for (const [args, message] of cases) {
      const run = fenhuo(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).toContain(message);
      expect(run.stdout, args.join(" ")).toBe("");
    }
  });
});

describe("fenhuo allocate", () => {
  it("prints the plan as tables for a planner by default", () => {
    const run = fenhuo(["allocate", SAMPLE]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("Allocation run of 2026-03-01 (CNY)");
    for (const title of [
      "Franchisee allocations",
      "Locks after the run (pay before expiry, or the stock is released)",
      "Released locks (expired: back to free stock)",
      "Store allocations (direct and concession stores)",
      "Region allocations (region warehouses)",
      "Unfilled demand",
      "Remaining free stock",
      "Franchisee balances",
      "Payment requests (通知加盟商打款)",
      "Warnings",
    ]) {
      expect(run.stdout.split("\n")).toContain(title);
    }
    // SO-1001 line 2: 32 units at 99.00, paid 1728.00 cash + 1440.00 credit.
    expect(run.stdout).toMatch(
      /SO-1001\s+2\s+F01\s+T100-RED-M\s+32\s+99\.00\s+3168\.00\s+1728\.00\s+1440\.00\s+funded/,
    );
    // R-LOCK-GRACE: the lock expiring today converts 5 of its 10 units; the other 5 are released.
    expect(run.stdout).toMatch(/LK-2026-02-14-SO-1004-1\s+SO-1004\s+1\s+F04\s+D200-BLU-M\s+5\s/);
    expect(run.stdout).toMatch(/F01\s+4680\.00\s+2026-03-16/);
    expect(run.stdout).toMatch(/store:AP-T3\/T100-RED-M\s+store\s+T100-RED-M\s+6\s+stock/);
    expect(run.stdout).toContain("REGION_NOT_IN_SEASON_ORDER");
  });

  it("aligns columns by display width, CJK region names included", () => {
    const run = fenhuo(["allocate", SAMPLE]);
    const table = tableSection(run.stdout, "Store allocations (direct and concession stores)");
    expect(table[0]).toMatch(/store\s+region\s+name\s+sku\s+qty/);
    expect(table.some((line) => line.includes("深圳"))).toBe(true);
    // Every row's sku column starts at the display column of the header's "sku".
    const column = (line: string, text: string) => displayWidth(line.slice(0, line.indexOf(text)));
    const skuAt = column(table[0] as string, "sku");
    for (const line of table.slice(2)) {
      const sku = /[A-Z]\d{3}-[A-Z]{3}-[A-Z]/.exec(line)?.[0] as string;
      expect(column(line, sku), line).toBe(skuAt);
      // and the quantities are right-aligned to the end of the "qty" header
      expect(displayWidth(line)).toBe(displayWidth(table[0] as string));
    }
  });

  it("--format json prints the plan exactly as allocate() returns it", () => {
    const run = fenhuo(["allocate", SAMPLE, "--format", "json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(samplePlan);
    expect(run.stdout).toBe(`${JSON.stringify(samplePlan, null, 2)}\n`);
  });

  it("--format csv prints every list of the plan as one CSV with a section column", () => {
    const run = fenhuo(["allocate", SAMPLE, "-f", "csv"]);
    expect(run.code).toBe(0);
    const rows = parse(run.stdout, { columns: true }) as Record<string, string>[];
    const of = (section: string) => rows.filter((row) => row.section === section);
    expect(of("franchiseeAllocations")).toHaveLength(samplePlan.franchiseeAllocations.length);
    expect(of("locks")).toHaveLength(samplePlan.locks.length);
    expect(of("releasedLocks")).toHaveLength(samplePlan.releasedLocks.length);
    expect(of("storeAllocations")).toHaveLength(samplePlan.storeAllocations.length);
    expect(of("regionAllocations")).toHaveLength(samplePlan.regionAllocations.length);
    expect(of("unfilled")).toHaveLength(samplePlan.unfilled.length);
    expect(of("remaining")).toHaveLength(samplePlan.remaining.length);
    expect(of("balances")).toHaveLength(samplePlan.balances.length);
    expect(of("paymentRequests")).toHaveLength(samplePlan.paymentRequests.length);
    expect(of("warnings")).toHaveLength(samplePlan.warnings.length);
    expect(of("franchiseeAllocations")[1]).toMatchObject({
      order: "SO-1001",
      line: "2",
      sku: "T100-RED-M",
      quantity: "32",
      amount: "3168.00",
      cash: "1728.00",
      credit: "1440.00",
      source: "funded",
    });
    // A message with quotes survives the round trip.
    expect(of("warnings")[0]?.message).toBe(samplePlan.warnings[0]?.message);
    expect(of("paymentRequests")[0]?.locks).toBe(samplePlan.paymentRequests[0]?.locks.join(" "));
  });

  it("reads the input from stdin with -", () => {
    const run = fenhuo(["allocate", "-", "--format", "json"], readFileSync(SAMPLE, "utf8"));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(samplePlan);
  });

  it("--out writes the plan to a file and nothing to stdout", () => {
    const out = join(scratch, "plan-out.json");
    const run = fenhuo(["allocate", SAMPLE, "--format", "json", "--out", out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual(samplePlan);
  });

  it("--as-of replaces the input's date", () => {
    const run = fenhuo(["allocate", SAMPLE, "--format", "json", "--as-of", "2026-03-02"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(allocate({ ...sample, asOf: "2026-03-02" }));
    const bad = fenhuo(["allocate", SAMPLE, "--as-of", "2026-02-30"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      "asOf: must be an existing calendar date written YYYY-MM-DD (--as-of)",
    );
  });

  it("invalid input: every problem on stderr, nothing on stdout, exit 1", () => {
    const broken = scratchFile("broken-allocate.json", { ...sample, asOf: "2026-02-30", bogus: 1 });
    const run = fenhuo(["allocate", broken]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`invalid input ${broken}: 2 problems`);
    expect(run.stderr).toContain("  asOf: must be an existing calendar date written YYYY-MM-DD\n");
    expect(run.stderr).toContain('  bogus: unknown field "bogus"\n');
  });

  it("an unreadable file or bad JSON exits 1", () => {
    const missing = fenhuo(["allocate", join(scratch, "no-such-file.json")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no such file or directory");
    const notJson = fenhuo(["allocate", scratchFile("not.json", "{ nope")]);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toContain("is not valid JSON");
    const stdin = fenhuo(["allocate", "-"], "[1,");
    expect(stdin.code).toBe(1);
    expect(stdin.stderr).toContain("stdin is not valid JSON");
  });
});

describe("fenhuo validate", () => {
  it("says what a valid input holds and exits 0", () => {
    const run = fenhuo(["validate", SAMPLE]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      "valid: 4 orders, 10 lines, 4 franchisees, 5 products, 5 supply rows (330 units), 2 locks, 5 regions, 6 stores, 9 store needs, 3 region needs (asOf 2026-03-01, CNY)\n",
    );
    expect(fenhuo(["validate", "-"], readFileSync(SAMPLE, "utf8")).code).toBe(0);
  });

  it("lists every problem with its path and exits 1", () => {
    const broken = structuredClone(sample);
    broken.orders[3].lines[0].sku = "X";
    broken.orders.push({
      id: "SO-1005",
      franchisee: "F09",
      orderedOn: "2026-02-20",
      lines: [{ line: 1, sku: "T100-RED-M", quantity: 2.5, unitPrice: "10" }],
    });
    broken.supply[1].quantity = -3;
    broken.franchisees[0].cash = "lots";
    broken.locks[1].quantity = 99;
    broken.stores[0].class = "D";
    const file = scratchFile("broken-validate.json", broken);
    const issues = parseAllocationInput(broken);
    if (issues.ok) throw new Error("the broken input should be invalid");
    expect(issues.issues.length).toBeGreaterThanOrEqual(8);

    const run = fenhuo(["validate", file]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toEqual([
      ...issues.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`),
      `invalid input ${file}: ${issues.issues.length} problems`,
    ]);
    expect(lines).toContain('orders[3].lines[0].sku: unknown product "X": not in products');
    expect(lines).toContain('orders[4].franchisee: unknown franchisee "F09": not in franchisees');
  });
});

describe("fenhuo explain", () => {
  let planFile = "";
  beforeAll(() => {
    planFile = scratchFile("plan.json", samplePlan);
  });

  it("prints the sentence for an order line, a store and a region", () => {
    const refs = [
      ["SO-1001#2", { kind: "order-line", order: "SO-1001", line: 2 }],
      ["store:SZ-COCO/T100-RED-M", { kind: "store", store: "SZ-COCO", sku: "T100-RED-M" }],
      ["region:shenzhen/T100-RED-M", { kind: "region", region: "shenzhen", sku: "T100-RED-M" }],
    ] as const;
    for (const [text, ref] of refs) {
      const run = fenhuo(["explain", planFile, text]);
      expect(run.code, text).toBe(0);
      expect(run.stdout).toBe(`${explain(samplePlan, ref).sentence}\n`);
    }
    expect(fenhuo(["explain", planFile, "SO-1001#2"]).stdout).toContain("got 32 of 40");
  });

  it("--format json prints the whole explanation", () => {
    const run = fenhuo(["explain", planFile, "SO-1004#1", "--format", "json"]);
    expect(run.code).toBe(0);
    const expected = explain(samplePlan, { kind: "order-line", order: "SO-1004", line: 1 });
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it("reads the plan from stdin, as piped from fenhuo allocate", () => {
    const plan = fenhuo(["allocate", SAMPLE, "--format", "json"]).stdout;
    const run = fenhuo(["explain", "-", "SO-1001#2"], plan);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Order SO-1001 line 2 (franchisee F01, T100-RED-M)");
  });

  it("a demand the plan does not know is explained as such", () => {
    const run = fenhuo(["explain", planFile, "SO-9999#1"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("no decision of this run concerns it");
  });

  it("a file that is not a plan exits 1", () => {
    const run = fenhuo(["explain", SAMPLE, "SO-1001#2"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("is not an allocation plan");
  });
});

describe("streamed output and failures (R-SCALE-2)", () => {
  it("R-SCALE-2: a full disk behind --out or stdout ends in one line and exit code 1", () => {
    const out = fenhuo(["allocate", SAMPLE, "--format", "json", "--out", "/dev/full"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe("fenhuo: cannot write /dev/full: no space left on device\n");

    const full = openSync("/dev/full", "w");
    try {
      const result = spawnSync(process.execPath, [CLI, "allocate", SAMPLE, "-f", "csv"], {
        cwd: root,
        encoding: "utf8",
        stdio: ["ignore", full, "pipe"],
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toBe("fenhuo: cannot write to stdout: no space left on device\n");
    } finally {
      closeSync(full);
    }
  });

  it("R-SCALE-2: --out into a missing folder is one line, exit code 1, and no file", () => {
    const target = join(scratch, "no-such-folder", "plan.json");
    const run = fenhuo(["allocate", SAMPLE, "--out", target]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`fenhuo: cannot write ${target}: no such file or directory\n`);
    expect(existsSync(target)).toBe(false);
  });

  it("R-SCALE-2: a reader that stops early (| head) stops the writing quietly, exit code 0", async () => {
    const big = scratchFile("big-wave.json", generateWave({ lines: 3000 }));
    const child = spawn(process.execPath, [CLI, "allocate", big, "--format", "json"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (data) => {
      stderr += String(data);
    });
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  }, 60_000);

  it("R-SCALE-2: a plan written with --no-trace cannot be explained, and says why", () => {
    const plan = fenhuo(["allocate", SAMPLE, "--format", "json", "--no-trace"]);
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout)).not.toHaveProperty("trace");
    const run = fenhuo(["explain", "-", "SO-1001#2"], plan.stdout);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "fenhuo: stdin has no trace (written with --no-trace?): explain reads the trace, so write the plan with fenhuo allocate --format json without --no-trace\n",
    );
  });

  it("R-SCALE-2: --summary prints the short tables; help says what --summary and --no-trace do", () => {
    const run = fenhuo(["allocate", SAMPLE, "--summary"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout.split("\n")[0]).toBe("Allocation run of 2026-03-01 (CNY): summary");
    const help = fenhuo(["allocate", "--help"]).stdout;
    expect(help).toContain("--summary");
    expect(help).toContain("--no-trace");
    expect(help).toContain("a leading '");
  });
});

describe("fenhuo schema", () => {
  it("prints the JSON Schema of the input (default) and of the plan", () => {
    const input = fenhuo(["schema"]);
    expect(input.code).toBe(0);
    const inputSchema = JSON.parse(input.stdout);
    expect(inputSchema.$schema).toEqual(expect.any(String));
    expect(inputSchema).toEqual(JSON.parse(JSON.stringify(inputJsonSchema())));
    expect(JSON.parse(fenhuo(["schema", "input"]).stdout)).toEqual(inputSchema);

    const plan = fenhuo(["schema", "plan"]);
    expect(plan.code).toBe(0);
    const planSchema = JSON.parse(plan.stdout);
    expect(planSchema.$schema).toEqual(expect.any(String));
    expect(planSchema).toEqual(JSON.parse(JSON.stringify(planJsonSchema())));
  });
});

describe("CSV bundles", () => {
  it("the bundled spring-wave-csv folder gives the same plan as spring-wave.json", () => {
    const run = fenhuo(["allocate", BUNDLE, "--format", "json"]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(samplePlan);
    expect(fenhuo(["allocate", BUNDLE]).stdout).toBe(fenhuo(["allocate", SAMPLE]).stdout);
    expect(fenhuo(["validate", BUNDLE]).stdout).toBe(fenhuo(["validate", SAMPLE]).stdout);
  });

  /** A copy of the sample bundle, changed by `edit(folder)`. */
  function bundleCopy(name: string, edit: (folder: string) => void): string {
    const folder = join(scratch, name);
    cpSync(BUNDLE, folder, { recursive: true });
    edit(folder);
    return folder;
  }
  function rewrite(file: string, from: string, to: string): void {
    const text = readFileSync(file, "utf8");
    expect(text).toContain(from);
    writeFileSync(file, text.replace(from, to));
  }

  it("validation issues name the JSON path, the CSV file, line and column", () => {
    const folder = bundleCopy("bundle-rows", (dir) => {
      rewrite(
        join(dir, "orders.csv"),
        "SO-1003,F03,2026-02-08,2,T100-RED-L",
        "SO-1003,F03,2026-02-08,2,T100-XXX-L",
      );
      rewrite(join(dir, "supply.csv"), "J300-BLK-L,30", "J300-BLK-L,2.5");
      rewrite(join(dir, "franchisees.csv"), "F02,2,12000.00", "F02,2,12k");
    });
    const run = fenhuo(["validate", folder]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'orders[2].lines[1].sku: unknown product "T100-XXX-L": not in products (orders.csv line 9, column sku)',
    );
    expect(run.stdout).toContain(
      "supply[3].quantity: must be a whole number of units (supply.csv line 5, column quantity)",
    );
    expect(run.stdout).toMatch(
      /franchisees\[1\]\.cash: .*"12k" \(franchisees\.csv line 3, column cash\)/,
    );
    expect(run.stdout).toContain(`invalid input ${folder}: 3 problems`);
    const allocateRun = fenhuo(["allocate", folder]);
    expect(allocateRun.code).toBe(1);
    expect(allocateRun.stderr).toContain("(orders.csv line 9, column sku)");
  });

  it("problems of the bundle itself are listed at once: files, columns, rows, asOf", () => {
    const folder = bundleCopy("bundle-files", (dir) => {
      rmSync(join(dir, "supply.csv"));
      rmSync(join(dir, "wave.json"));
      writeFileSync(join(dir, "Stores.csv"), "id\n");
      writeFileSync(join(dir, "notes.txt"), "not a CSV: ignored\n");
      rewrite(join(dir, "products.csv"), "sku,style", "sku,colour");
      rewrite(join(dir, "orders.csv"), "SO-1004,F04,2026-02-01,2", "SO-1004,F05,2026-02-01,2");
    });
    const run = fenhuo(["validate", folder]);
    expect(run.code).toBe(1);
    expect(run.stdout.trimEnd().split("\n")).toEqual([
      "supply.csv: missing: a CSV bundle needs franchisees.csv, orders.csv, products.csv and supply.csv",
      'Stores.csv: not a file of a CSV bundle (did you mean "stores.csv"? expected franchisees.csv, orders.csv, products.csv, supply.csv, locks.csv, regions.csv, stores.csv, storeNeeds.csv, regionNeeds.csv, holdback.csv and wave.json)',
      'orders.csv line 11, column franchisee: "F05" differs from the first row of order "SO-1004" (line 10: "F04")',
      'products.csv line 1: unknown column "colour" (expected sku, style, season, launchDate, launchRank and packSize)',
      `asOf: missing: give the run's date in wave.json ({ "asOf": "2026-03-01" }) or with --as-of`,
      `invalid input ${folder}: 5 problems`,
    ]);
  });

  it("--as-of gives the date of a bundle without wave.json", () => {
    const folder = bundleCopy("bundle-as-of", (dir) => rmSync(join(dir, "wave.json")));
    const run = fenhuo(["allocate", folder, "--as-of", "2026-03-01", "--format", "json"]);
    expect(run.code, run.stderr).toBe(0);
    const plan = JSON.parse(run.stdout) as AllocationPlan;
    // The sample's policy only states defaults: without wave.json the plan is the same.
    expect(plan).toEqual(samplePlan);
  });
});
