/**
 * `--format xlsx` (src/cli/xlsx.ts): the workbook read back with exceljs holds
 * the JSON plan's lists — one sheet per list, header row frozen, numbers as
 * numbers, money as numbers shown with the currency's places, ids as text
 * (typed string cells: one that starts like a formula is inert and unchanged).
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { type AllocationInput, allocate, comparePlans, exceptions } from "../../src/index.js";
import { franchisee, order, t100, t100Wave } from "../support/fixtures.js";
import { memoryIo } from "../support/memoryIo.js";

const input = t100Wave(7, {
  franchisees: [franchisee("F1", 1, "10000"), franchisee("=F2", 1, "10000")],
  orders: [
    order("SO-1", "F1", "2026-02-01", [t100(9, "99.90")]),
    order("SO-2", "=F2", "2026-02-01", [t100(6)]),
  ],
});

async function book(bytes: Buffer | undefined): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as never);
  return workbook;
}

/** A sheet's rows as objects keyed by its header row (row values are 1-based). */
function rowsOf(sheet: ExcelJS.Worksheet | undefined): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (sheet === undefined) return out;
  const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    out.push(Object.fromEntries(header.map((key, k) => [key, values[k]])));
  });
  return out;
}

describe("--format xlsx", () => {
  it("allocate: one sheet per list, frozen header, the plan's rows typed — money as numbers at two places, ids as text, '=F2' an inert string cell", async () => {
    const plan = allocate(input);
    const io = memoryIo({ inputs: { "in.json": JSON.stringify(input) } });
    const code = await run(["allocate", "in.json", "--format", "xlsx", "--out", "plan.xlsx"], {
      io,
      version: async () => "0",
    });
    expect(io.stderrText()).toBe("");
    expect(code).toBe(0);
    const workbook = await book(io.binaries.get("plan.xlsx"));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "franchiseeAllocations",
      "locks",
      "releasedLocks",
      "storeAllocations",
      "regionAllocations",
      "unfilled",
      "remaining",
      "balances",
      "paymentRequests",
      "warnings",
    ]);
    const allocations = workbook.getWorksheet("franchiseeAllocations");
    expect(allocations?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const rows = rowsOf(allocations);
    // The JSON plan's rows, money as numbers. "=F2" ranks first (ids break the tie),
    // buys its 6; F1 gets the 1 left: 1 × 99.90.
    expect(rows).toEqual(
      plan.franchiseeAllocations.map((row) => ({
        ...row,
        unitPrice: Number(row.unitPrice),
        amount: Number(row.amount),
        cash: Number(row.cash),
        credit: Number(row.credit),
      })),
    );
    expect(rows.map((row) => [row.franchisee, row.amount])).toEqual([
      ["F1", 99.9],
      ["=F2", 600],
    ]);
    const header = (allocations?.getRow(1).values as unknown[]) ?? [];
    const amountAt = header.indexOf("amount");
    expect(allocations?.getRow(2).getCell(amountAt).numFmt).toBe("#,##0.00");
    expect(allocations?.getRow(2).getCell(header.indexOf("order")).value).toBe("SO-1");
    // A franchisee id that starts like a formula is a string cell, its value unchanged.
    const franchiseeAt = header.indexOf("franchisee");
    const formulaLike = allocations?.getRow(3).getCell(franchiseeAt);
    expect([formulaLike?.value, formulaLike?.type]).toEqual(["=F2", ExcelJS.ValueType.String]);
    const unfilled = rowsOf(workbook.getWorksheet("unfilled"));
    expect(unfilled.map((row) => row.franchisee)).toEqual(["F1"]);
    expect(rowsOf(workbook.getWorksheet("remaining"))).toEqual([]);
  });

  it("compare and exceptions: their lists as sheets; xlsx without --out is a usage error", async () => {
    const a = allocate(input);
    const b = allocate({ ...input, policy: { share: "proportional" } });
    const io = memoryIo({ inputs: { "a.json": JSON.stringify(a), "b.json": JSON.stringify(b) } });
    const version = async () => "0";
    expect(
      await run(["compare", "a.json", "b.json", "-f", "xlsx", "-o", "c.xlsx"], { io, version }),
    ).toBe(0);
    const workbook = await book(io.binaries.get("c.xlsx"));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "changes",
      "money",
      "skus",
      "fill",
    ]);
    const changes = rowsOf(workbook.getWorksheet("changes"));
    const expected = comparePlans(a, b).changes;
    expect(changes.map((row) => [row.order, row["a.allocated"], row["b.allocated"]])).toEqual(
      expected.map((c) => [c.kind === "order-line" ? c.order : "", c.a.allocated, c.b.allocated]),
    );
    // Shared, "=F2" (first) gets 3 and F1 4: 300.00 and 4 × 99.90 = 399.60.
    expect(rowsOf(workbook.getWorksheet("money"))).toEqual([
      { franchisee: "=F2", "a.cash": 600, "a.credit": 0, "b.cash": 300, "b.credit": 0 },
      { franchisee: "F1", "a.cash": 99.9, "a.credit": 0, "b.cash": 399.6, "b.credit": 0 },
    ]);
    expect(
      await run(["exceptions", "a.json", "-f", "xlsx", "-o", "e.xlsx", "--within-days", "15"], {
        io,
        version,
      }),
    ).toBe(0);
    const listed = rowsOf((await book(io.binaries.get("e.xlsx"))).getWorksheet("exceptions"));
    expect(listed.map((row) => row.code)).toEqual(
      exceptions(a, { withinDays: 15 }).map((e) => e.code),
    );
    const usage = memoryIo({ inputs: { "in.json": JSON.stringify(input) } });
    expect(await run(["allocate", "in.json", "--format", "xlsx"], { io: usage, version })).toBe(2);
    expect(usage.stderrText()).toContain("--format xlsx writes a workbook: give --out <file.xlsx>");
  });

  it("allocate: every list of the bundled spring wave reads back as the JSON plan's rows", async () => {
    const wave = (await import("../../examples/data/spring-wave.json", { with: { type: "json" } }))
      .default;
    const plan = allocate(wave as AllocationInput);
    const io = memoryIo({ inputs: { "in.json": JSON.stringify(wave) } });
    expect(
      await run(["allocate", "in.json", "-f", "xlsx", "-o", "p.xlsx"], {
        io,
        version: async () => "0",
      }),
    ).toBe(0);
    const workbook = await book(io.binaries.get("p.xlsx"));
    const money = new Set([
      "unitPrice",
      "amount",
      "cash",
      "credit",
      "spendableBefore",
      "committedBefore",
      "cashCommitted",
      "creditCommitted",
      "cashAfter",
      "creditAvailableAfter",
    ]);
    const asCells = (row: object) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => [
          k,
          Array.isArray(v) ? v.join(", ") : money.has(k) ? Number(v) : v,
        ]),
      );
    for (const list of [
      "franchiseeAllocations",
      "locks",
      "storeAllocations",
      "regionAllocations",
      "unfilled",
      "remaining",
      "balances",
      "paymentRequests",
      "warnings",
    ] as const) {
      const rows = rowsOf(workbook.getWorksheet(list)).map((row) =>
        Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined && v !== null)),
      );
      expect({ list, rows }).toEqual({
        list,
        rows: (plan[list] as readonly object[]).map(asCells),
      });
    }
  });

  it("compare and exceptions as CSV: one file, the list in column section, money exact as written", async () => {
    const a = allocate(input);
    const b = allocate({ ...input, policy: { share: "proportional" } });
    const io = memoryIo({ inputs: { "a.json": JSON.stringify(a), "b.json": JSON.stringify(b) } });
    expect(
      await run(["compare", "a.json", "b.json", "-f", "csv"], { io, version: async () => "0" }),
    ).toBe(0);
    const lines = io.stdoutText().split("\n");
    expect(lines[0]?.startsWith("section,kind,order,line,franchisee,sku,a.allocated")).toBe(true);
    expect(lines).toContain("money,,,,'=F2,,,,,,,,,,600.00,0.00,300.00,0.00,,,,,,,");
    expect(lines).toContain("changes,order-line,SO-1,1,F1,T100,1,0,8,stock,4,0,5,stock,,,,,,,,,,,");
    expect(lines).toContain("fill,,,,,,,,,,,,,,,,,,orderLines,7,15,0.4667,7,15,0.4667");
  });
});
