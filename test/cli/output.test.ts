/**
 * R-SCALE-2 in process: the CLI's output written in chunks through the `Io`
 * (JSON byte-identical to `JSON.stringify(plan, null, 2)`), spreadsheet-safe
 * CSV, `--summary`, `--no-trace`, progress on a terminal only, and failures
 * that end in one line and an exit code.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeEach, describe, expect, it } from "vitest";
import { generateWave } from "../../bench/generate.js";
import { batched, CHUNK_SIZE, jsonPieces } from "../../src/cli/chunks.js";
import { CSV_COLUMNS, csvField, planCsvLines } from "../../src/cli/csv.js";
import { CliError, EXIT, writeAll } from "../../src/cli/io.js";
import { planTableLines } from "../../src/cli/planTable.js";
import { type ProgressStream, terminalProgress } from "../../src/cli/progress.js";
import { planChunks } from "../../src/cli/render.js";
import { run } from "../../src/cli/run.js";
import type { PlanSummary } from "../../src/cli/summary.js";
import { renderTable } from "../../src/cli/table.js";
import { type AllocationPlan, allocate } from "../../src/index.js";
import { type MemoryIoOptions, memoryIo } from "../support/memoryIo.js";

const SAMPLE_TEXT = readFileSync(
  join(import.meta.dirname, "..", "..", "examples", "data", "spring-wave.json"),
  "utf8",
);
const sample = JSON.parse(SAMPLE_TEXT);
let samplePlan: AllocationPlan;
beforeEach(() => {
  samplePlan = allocate(sample);
});
const version = async () => "0.0.0";

/** Runs `fenhuo …args` against an in-memory Io holding `wave.json` (the sample unless given). */
async function fenhuo(args: string[], options: MemoryIoOptions = {}) {
  const io = memoryIo({ inputs: { "wave.json": SAMPLE_TEXT }, ...options });
  const code = await run(args, { io, version });
  return { code, io, stdout: io.stdoutText(), stderr: io.stderrText() };
}

describe("R-SCALE-2: JSON written in chunks", () => {
  it("R-SCALE-2: the sample's JSON is byte-identical to JSON.stringify(plan, null, 2)", async () => {
    const out = await fenhuo(["allocate", "wave.json", "--format", "json"]);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(`${JSON.stringify(samplePlan, null, 2)}\n`);
    expect(JSON.parse(out.stdout)).toEqual(samplePlan);
  });

  it("R-SCALE-2: a big plan comes in chunks of about 64 KiB, never one string", () => {
    const plan = allocate(generateWave({ lines: 2000 }));
    const chunks = [...planChunks(plan, "json")];
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks.slice(0, -1)) {
      expect(chunk.length).toBeGreaterThanOrEqual(CHUNK_SIZE);
      expect(chunk.length).toBeLessThan(CHUNK_SIZE + 64 * 1024);
    }
    expect(chunks.join("")).toBe(`${JSON.stringify(plan, null, 2)}\n`);
  });

  it("batches pieces into chunks of at least the size asked, the last one shorter", () => {
    expect([...batched(["ab", "c", "de"], 3)]).toEqual(["abc", "de"]);
    expect([...batched([], 3)]).toEqual([]);
    expect([...batched(["abcd"], 3)]).toEqual(["abcd"]);
  });

  it("writes undefined fields, empty lists and objects, and toJSON as JSON.stringify does", () => {
    const value = {
      a: undefined,
      b: [],
      c: {},
      d: [undefined, null, { e: undefined }],
      f: { toJSON: () => "F" },
      g: "line\nbreak",
    };
    expect([...jsonPieces(value)].join("")).toBe(`${JSON.stringify(value, null, 2)}\n`);
    expect([...jsonPieces({})].join("")).toBe("{}\n");
  });
});

describe("--no-trace", () => {
  it("R-SCALE-2: leaves the trace out of the JSON and keeps everything else, in order", async () => {
    const out = await fenhuo(["allocate", "wave.json", "--format", "json", "--no-trace"]);
    expect(out.code).toBe(0);
    const { trace: _trace, ...rest } = samplePlan;
    expect(out.stdout).toBe(`${JSON.stringify(rest, null, 2)}\n`);
    expect(JSON.parse(out.stdout)).not.toHaveProperty("trace");
  });

  it("R-SCALE-2: the table and the CSV never hold the trace, with or without it", async () => {
    for (const format of ["table", "csv"]) {
      const withTrace = await fenhuo(["allocate", "wave.json", "-f", format]);
      const without = await fenhuo(["allocate", "wave.json", "-f", format, "--no-trace"]);
      expect(without.stdout).toBe(withTrace.stdout);
      expect(without.stdout).not.toContain("R-ALLOC");
    }
  });
});

describe("spreadsheet-safe CSV (issue 10: formula injection)", () => {
  it("prefixes text cells that a spreadsheet reads as a formula with ', then quotes as RFC 4180 needs", () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("-1")).toBe("'-1");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\tX")).toBe("'\tX");
    expect(csvField("\rX")).toBe(`"'\rX"`);
    expect(csvField("SO-1")).toBe("SO-1");
    expect(csvField("'quoted")).toBe("'quoted");
  });

  it("leaves numbers, booleans and decimal amounts of money columns as they are", () => {
    expect(csvField(-1)).toBe("-1");
    expect(csvField(0)).toBe("0");
    expect(csvField(false)).toBe("false");
    expect(csvField("-12.50", true)).toBe("-12.50");
    expect(csvField("3168.00", true)).toBe("3168.00");
    // a money column that holds no number is text like any other
    expect(csvField("=1+2", true)).toBe("'=1+2");
    expect(csvField("-", true)).toBe("'-");
  });

  it("writes ids that look like formulas as text in the plan's CSV; quantities and amounts untouched", async () => {
    const ids = ['=HYPERLINK("x")', "+1", "-1", "@SUM", "\tX", "\rX"];
    const input = {
      asOf: "2026-03-01",
      products: ids.map((sku) => ({ sku, style: "S", season: "NONE" })),
      supply: ids.map((sku) => ({ sku, quantity: 10 })),
      franchisees: [{ id: "=cmd|' /C calc'!A0", priority: 1, cash: "1000", region: "r" }],
      regions: [{ id: "r" }],
      orders: [
        {
          id: "@order",
          franchisee: "=cmd|' /C calc'!A0",
          orderedOn: "2026-02-01",
          lines: ids.map((sku, index) => ({
            line: index + 1,
            sku,
            quantity: 4,
            unitPrice: "2.50",
          })),
        },
      ],
    };
    const out = await fenhuo(["allocate", "in.json", "-f", "csv"], {
      inputs: { "in.json": JSON.stringify(input) },
    });
    expect(out.code, out.stderr).toBe(0);
    const rows = parse(out.stdout, { columns: true, relax_quotes: false }) as Record<
      string,
      string
    >[];
    const allocations = rows.filter((row) => row.section === "franchiseeAllocations");
    expect(allocations.map((row) => row.sku)).toEqual(ids.map((id) => `'${id}`));
    for (const row of allocations) {
      expect(row).toMatchObject({
        order: "'@order",
        franchisee: "'=cmd|' /C calc'!A0",
        quantity: "4",
        unitPrice: "2.50",
        amount: "10.00",
      });
    }
    // no line of the file starts a cell with a formula character
    for (const row of rows) {
      for (const column of CSV_COLUMNS) expect(row[column] ?? "", column).not.toMatch(/^[=+@\t\r]/);
    }
    // JSON stays exact
    const json = await fenhuo(["allocate", "in.json", "-f", "json"], {
      inputs: { "in.json": JSON.stringify(input) },
    });
    const plan = JSON.parse(json.stdout) as AllocationPlan;
    expect(plan.franchiseeAllocations.map((a) => a.sku)).toEqual(ids);
  });
});

describe("--summary", () => {
  it("R-SCALE-2: totals by SKU, channel and region, unfilled by reason and money, hand-computed on the sample", async () => {
    const out = await fenhuo(["allocate", "wave.json", "--summary", "--format", "json"]);
    expect(out.code).toBe(0);
    const summary = JSON.parse(out.stdout) as PlanSummary;
    expect(summary.asOf).toBe("2026-03-01");
    expect(summary.currency).toBe("CNY");
    // supply: the input's rows; D200-BLU-M: 40 supplied + 5 released of SO-1004's lock (in
    // its payment grace F04 paid for 5 of its 10, R-LOCK-GRACE) = 0 funded (13 allocated,
    // all from locks: F01's 8 and F04's 5) + 12 newly locked + 33 left free.
    expect(summary.bySku).toEqual([
      {
        sku: "D200-BLU-M",
        supply: 40,
        released: 5,
        franchisees: 13,
        converted: 13,
        locked: 12,
        stores: 0,
        regions: 0,
        remaining: 33,
      },
      {
        sku: "J300-BLK-L",
        supply: 30,
        released: 0,
        franchisees: 10,
        converted: 0,
        locked: 0,
        stores: 10,
        regions: 10,
        remaining: 0,
      },
      {
        sku: "S400-WHT-M",
        supply: 80,
        released: 0,
        franchisees: 30,
        converted: 0,
        locked: 15,
        stores: 22,
        regions: 13,
        remaining: 0,
      },
      {
        sku: "T100-RED-L",
        supply: 60,
        released: 0,
        franchisees: 0,
        converted: 0,
        locked: 45,
        stores: 0,
        regions: 0,
        remaining: 15,
      },
      {
        sku: "T100-RED-M",
        supply: 120,
        released: 0,
        franchisees: 82,
        converted: 0,
        locked: 38,
        stores: 0,
        regions: 0,
        remaining: 0,
      },
    ]);
    expect(summary.byChannel).toEqual([
      { channel: "supply", quantity: 330 },
      { channel: "released", quantity: 5 },
      { channel: "franchisees", quantity: 135 },
      { channel: "converted", quantity: 13 },
      { channel: "locked", quantity: 110 },
      { channel: "stores", quantity: 32 },
      { channel: "regions", quantity: 23 },
      { channel: "remaining", quantity: 48 },
    ]);
    // nanning's two stores rows: 4 J300-BLK-L + 6 S400-WHT-M.
    expect(summary.byRegion).toEqual([
      { region: "beijing", name: "北京", stores: 6, warehouse: 10 },
      { region: "guangzhou", name: "广州", stores: 8, warehouse: 13 },
      { region: "nanning", name: "南宁", stores: 10, warehouse: 0 },
      { region: "shenzhen", name: "深圳", stores: 8, warehouse: 0 },
    ]);
    // stock: 6 + 7 + 5 + 6 (four stores' T100-RED-M) + 2 (guangzhou) + 20 (shenzhen).
    expect(summary.unfilled).toEqual([
      { reason: "stock", demands: 6, quantity: 46 },
      { reason: "lock-blocked", demands: 1, quantity: 10 },
    ]);
    // 1272 + 3168 + 4950 + 1497 + 3990 + 795; credit only F01's 1440; requests 4680 + 5445 + 748.50.
    expect(summary.money).toEqual({
      served: 3,
      amount: "15672.00",
      cash: "14232.00",
      credit: "1440.00",
      paymentRequested: "10873.50",
    });
  });

  it("R-SCALE-2: prints short tables, and a CSV with a section column", async () => {
    const table = await fenhuo(["allocate", "wave.json", "--summary"]);
    expect(table.code).toBe(0);
    const lines = table.stdout.split("\n");
    expect(lines[0]).toBe("Allocation run of 2026-03-01 (CNY): summary");
    for (const title of [
      "Units by SKU",
      "Units by channel",
      "Units by region",
      "Unfilled units by reason",
      "Franchisee money (CNY)",
    ])
      expect(lines).toContain(title);
    expect(table.stdout).toMatch(/D200-BLU-M\s+40\s+5\s+13\s+13\s+12\s+0\s+0\s+33/);
    expect(table.stdout).toMatch(/\s3\s+15672\.00\s+14232\.00\s+1440\.00\s+10873\.50/);
    expect(table.stdout).not.toContain("Franchisee allocations");

    const csv = await fenhuo(["allocate", "wave.json", "--summary", "-f", "csv"]);
    const rows = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.filter((row) => row.section === "bySku")).toHaveLength(5);
    expect(rows.find((row) => row.section === "money")).toMatchObject({
      served: "3",
      amount: "15672.00",
      paymentRequested: "10873.50",
    });
  });
});

describe("progress", () => {
  /** A fake stderr: a terminal or not, collecting what cli-progress draws. */
  const fakeStream = (isTTY: boolean) => {
    const written: string[] = [];
    const stream = {
      isTTY,
      columns: 100,
      write: (text: string) => {
        written.push(text);
        return true;
      },
      on: () => stream,
      once: () => stream,
      removeListener: () => stream,
    };
    return { stream: stream as unknown as ProgressStream, written };
  };

  it("R-SCALE-2: shows nothing during the first second, then the stage and its count on a terminal", () => {
    let clock = 100;
    const { stream, written } = fakeStream(true);
    const progress = terminalProgress({ stream, now: () => clock });
    progress.stage("reading", { about: "wave.json" });
    clock = 900;
    progress.stage("parsing");
    clock = 1100; // 1000 ms after the start: not more than a second yet
    progress.stage("allocating", { about: "1,000,000 order lines" });
    expect(written.join("")).toBe("");
    clock = 1101;
    progress.stage("writing", { total: 2_000_000, unit: "rows" });
    progress.advance(500_000);
    expect(written.join("")).toContain("fenhuo: writing");
    expect(written.join("")).toContain("/2,000,000 rows");
    progress.stop();
    progress.stop();
  });

  it("R-SCALE-2: shows nothing when stderr is not a terminal, however long the run", () => {
    let clock = 0;
    const { stream, written } = fakeStream(false);
    const progress = terminalProgress({ stream, now: () => clock });
    clock = 60_000;
    progress.stage("allocating", { about: "1,000,000 order lines" });
    progress.stage("writing", { total: 10, unit: "rows" });
    progress.advance(10);
    progress.stop();
    expect(written).toEqual([]);
  });

  it("R-SCALE-2: allocate reports reading, parsing, allocating and writing, with the counts", async () => {
    const out = await fenhuo(["allocate", "wave.json", "--format", "json"]);
    expect(out.io.stages.map((s) => s.stage)).toEqual([
      "reading",
      "parsing",
      "allocating",
      "writing",
    ]);
    const lines = sample.orders.reduce(
      (n: number, o: { lines: unknown[] }) => n + o.lines.length,
      0,
    );
    expect(out.io.stages[2]?.detail?.about).toBe(`${lines} order lines`);
    const rows = Object.values(samplePlan).reduce(
      (n: number, v) => n + (Array.isArray(v) ? v.length : 0),
      0,
    );
    expect(out.io.stages[3]?.detail).toEqual({ total: rows, unit: "rows" });
    expect(out.io.stages[3]?.advanced).toBe(rows);
  });
});

describe("failures end in one line and an exit code", () => {
  it("R-SCALE-2: a write that fails (ENOSPC) ends with the Io's message and exit code 1", async () => {
    const error = new CliError("cannot write plan.csv: no space left on device", EXIT.invalid);
    const out = await fenhuo(["allocate", "wave.json", "-f", "csv", "--out", "plan.csv"], {
      failWrite: { after: 0, error },
    });
    expect(out.code).toBe(1);
    expect(out.stderr).toBe("fenhuo: cannot write plan.csv: no space left on device\n");
  });

  it("an unexpected error is one line asking to report it, exit code 70, no stack trace", async () => {
    const out = await fenhuo(["allocate", "wave.json"], {
      failWrite: { after: 0, error: new RangeError("Invalid string length") },
    });
    expect(out.code).toBe(70);
    expect(out.stderr).toBe(
      "fenhuo: unexpected error (RangeError: Invalid string length); please report it with the command that caused it\n",
    );
  });

  it("writeAll rejects with the stream's error (EPIPE, ENOSPC) and stops pulling chunks", async () => {
    for (const code of ["EPIPE", "ENOSPC"]) {
      const listeners = new Map<string, (error?: unknown) => void>();
      let pulled = 0;
      const stream = {
        write: () => {
          queueMicrotask(() => listeners.get("error")?.(Object.assign(new Error(code), { code })));
          return false; // full: wait for "drain", which never comes
        },
        on: (event: string, listener: () => void) => listeners.set(event, listener),
        once: (event: string, listener: () => void) => listeners.set(`once:${event}`, listener),
        removeListener: () => {},
      };
      function* chunks() {
        for (let i = 0; i < 100; i++) {
          pulled++;
          yield "x";
        }
      }
      await expect(writeAll(stream as never, chunks())).rejects.toMatchObject({ code });
      expect(pulled).toBe(1);
    }
  });
});

describe("the table on big plans", () => {
  it("R-SCALE-2: measures 300,000 rows without spreading them into Math.max", () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => [`SO-${i}`, i]);
    const lines = renderTable([{ title: "order" }, { title: "qty", align: "right" }], rows);
    expect(lines).toHaveLength(300_002);
    expect(lines[1]).toBe("  ---------  ------");
    expect(lines.at(-1)).toBe("  SO-299999  299999");
  });
});

describe("a mid-size wave through every format", () => {
  const wave = generateWave({ lines: 10_000 });
  const text = JSON.stringify(wave);
  let plan: AllocationPlan;
  beforeEach(() => {
    plan = allocate(wave);
  });
  const inputs = { "wave.json": text };

  it("R-SCALE-2: json equals JSON.stringify(plan, null, 2); csv, table and summary agree with the plan", async () => {
    const json = await fenhuo(["allocate", "wave.json", "-f", "json"], { inputs });
    expect(json.code).toBe(0);
    expect(json.io.stdoutChunks.length).toBeGreaterThan(1);
    expect(json.stdout).toBe(`${JSON.stringify(plan, null, 2)}\n`);

    const csv = await fenhuo(["allocate", "wave.json", "-f", "csv", "--out", "p.csv"], { inputs });
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe("");
    const csvText = (csv.io.files.get("p.csv") ?? []).join("");
    // A CSV written to a file starts with a byte-order mark, for Excel (--bom).
    expect(csvText).toBe(`\uFEFF${[...planCsvLines(plan)].join("")}`);
    const { trace: _trace, asOf: _asOf, currency: _currency, planId: _planId, ...lists } = plan;
    const rowCount = Object.values(lists).reduce((n, list) => n + (list as unknown[]).length, 0);
    expect(parse(csvText, { columns: true })).toHaveLength(rowCount);

    const table = await fenhuo(["allocate", "wave.json"], { inputs });
    expect(table.code).toBe(0);
    expect(table.stdout).toBe(
      [
        ...planTableLines(plan, {
          regionNames: new Map(wave.regions?.map((r) => [r.id, r.name ?? ""])),
        }),
      ]
        .map((line) => `${line}\n`)
        .join(""),
    );

    const summary = await fenhuo(["allocate", "wave.json", "--summary", "-f", "json"], { inputs });
    const totals = JSON.parse(summary.stdout) as PlanSummary;
    const allocated = plan.franchiseeAllocations.reduce((n, a) => n + a.quantity, 0);
    expect(totals.byChannel.find((c) => c.channel === "franchisees")?.quantity).toBe(allocated);
    expect(totals.bySku.reduce((n, r) => n + r.supply, 0)).toBe(
      (wave.supply ?? []).reduce((n, r) => n + r.quantity, 0),
    );
  }, 60_000);
});
