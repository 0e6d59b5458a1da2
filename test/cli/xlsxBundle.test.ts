/**
 * An .xlsx workbook as a bundle (src/cli/xlsxRead.ts): one sheet per bundle
 * file, typed cells (numbers, dates) as a spreadsheet holds them, a `wave`
 * sheet of settings; the same plan as its CSV files, the same mapping, and
 * every problem named by workbook, sheet, row and column.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { memoryIo } from "../support/memoryIo.js";

const root = join(import.meta.dirname, "..", "..");
const BUNDLE = join(root, "examples", "data", "spring-wave-csv");
const version = async () => "0";

/** A cell as a spreadsheet would hold it: numbers as numbers, dates as dates, amounts with two places. */
function typed(cell: string): ExcelJS.CellValue {
  if (cell === "") return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(cell)) return new Date(`${cell}T00:00:00Z`);
  if (/^-?\d+(\.\d+)?$/.test(cell)) return Number(cell);
  return cell;
}

/** The sample CSV bundle as a workbook: a sheet per file, wave.json as the `wave` sheet. */
async function sampleWorkbook(
  edit: (sheet: string, rows: string[][]) => string[][] = (_, rows) => rows,
): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const name of readdirSync(BUNDLE).sort()) {
    if (name === "wave.json") continue;
    const sheetName = name.replace(/\.csv$/, "");
    const rows = edit(sheetName, parse(readFileSync(join(BUNDLE, name), "utf8")) as string[][]);
    const sheet = book.addWorksheet(sheetName);
    rows.forEach((row, index) => {
      const added = sheet.addRow(index === 0 ? row : row.map(typed));
      added.eachCell((cell) => {
        if (typeof cell.value === "number" && /\.\d\d$/.test(row[Number(cell.col) - 1] ?? ""))
          cell.numFmt = "#,##0.00";
      });
    });
  }
  const wave = JSON.parse(readFileSync(join(BUNDLE, "wave.json"), "utf8"));
  const settings = book.addWorksheet("wave");
  settings.addRow(["setting", "value"]);
  settings.addRow(["asOf", new Date(`${wave.asOf}T00:00:00Z`)]);
  settings.addRow(["currency", wave.currency]);
  settings.addRow(["policy", JSON.stringify(wave.policy)]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

async function allocateJson(io: ReturnType<typeof memoryIo>, args: string[]) {
  const code = await run(["allocate", ...args, "-f", "json"], { io, version });
  return { code, plan: code === 0 ? JSON.parse(io.stdoutText()) : undefined };
}

function csvBundleIo() {
  const inputs: Record<string, string> = {};
  for (const name of readdirSync(BUNDLE))
    inputs[`w/${name}`] = readFileSync(join(BUNDLE, name), "utf8");
  return memoryIo({ inputs, folders: { w: readdirSync(BUNDLE) } });
}

describe("an .xlsx workbook as a bundle", () => {
  it("gives the same plan as its CSV files: typed numbers, dates and two-place amounts", async () => {
    const fromCsv = await allocateJson(csvBundleIo(), ["w"]);
    expect(fromCsv.code).toBe(0);
    const io = memoryIo({ bytes: { "wave.xlsx": await sampleWorkbook() } });
    const fromXlsx = await allocateJson(io, ["wave.xlsx"]);
    expect(io.stderrText()).toBe("");
    expect(fromXlsx.plan).toEqual(fromCsv.plan);
    expect(fromXlsx.plan.franchiseeAllocations.length).toBeGreaterThan(0);
  });

  it("names every problem by workbook, sheet, row and column (its letter and header)", async () => {
    const bytes = await sampleWorkbook((sheet, rows) => {
      if (sheet === "orders") {
        (rows[2] as string[])[5] = "-3"; // quantity of SO-1001 line 2, sheet row 3
      }
      if (sheet === "franchisees") (rows[2] as string[])[2] = "12k"; // F02's cash, sheet row 3
      if (sheet === "products") (rows[0] as string[])[2] = "seasn";
      return rows;
    });
    const io = memoryIo({ bytes: { "wave.xlsx": bytes } });
    expect(await run(["validate", "wave.xlsx"], { io, version })).toBe(1);
    const lines = io.stdoutText().trimEnd().split("\n");
    expect(lines).toEqual([
      'wave.xlsx, sheet products, row 1: unknown column "seasn" (did you mean "season"? expected sku, style, season, launchDate, launchRank and packSize)',
      'wave.xlsx, sheet products, row 1: missing column "season"',
      expect.stringMatching(
        /^franchisees\[1\]\.cash: .*"12k" \(wave\.xlsx, sheet franchisees, row 3, column C \(cash\)\)$/,
      ),
      "orders[0].lines[1].quantity: must not be negative (wave.xlsx, sheet orders, row 3, column F (quantity))",
      "invalid input wave.xlsx: 4 problems",
    ]);
  });

  it("reads a sheet an ERP named through the mapping (an Odoo .xlsx export)", async () => {
    const odoo = parse(
      readFileSync(join(root, "test", "fixtures", "erp", "odoo", "sale.order.csv"), "utf8"),
    ) as string[][];
    const bytes = await sampleWorkbook();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as never);
    book.removeWorksheet((book.getWorksheet("orders") as ExcelJS.Worksheet).id);
    const sheet = book.addWorksheet("Sale Order (sale.order)");
    for (const row of odoo) sheet.addRow(row);
    const mapping = readFileSync(join(root, "examples", "mappings", "odoo.yaml"), "utf8").replace(
      "from: sale.order.csv",
      'from: "Sale Order (sale.order)"',
    );
    const io = memoryIo({
      bytes: { "odoo.xlsx": new Uint8Array(await book.xlsx.writeBuffer()) },
      inputs: { "odoo.yaml": mapping },
    });
    const fromXlsx = await allocateJson(io, ["odoo.xlsx", "--map", "odoo.yaml"]);
    expect(io.stderrText()).toBe("");
    expect(fromXlsx.plan).toEqual((await allocateJson(csvBundleIo(), ["w"])).plan);
  });

  it("refuses bytes that are not a workbook", async () => {
    const io = memoryIo({ bytes: { "x.xlsx": new TextEncoder().encode("order,line\n") } });
    expect(await run(["validate", "x.xlsx"], { io, version })).toBe(1);
    expect(io.stderrText()).toMatch(/^fenhuo: x\.xlsx is not an \.xlsx workbook: /);
  });
});

describe("typed workbook cells through a mapping", () => {
  /** The Odoo export as a sheet of typed cells: dates as dates, quantities and prices as numbers. */
  async function typedOdoo(mappingEdit: (yaml: string) => string) {
    const odoo = parse(
      readFileSync(join(root, "test", "fixtures", "erp", "odoo", "sale.order.csv"), "utf8"),
    ) as string[][];
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await sampleWorkbook()) as never);
    book.removeWorksheet((book.getWorksheet("orders") as ExcelJS.Worksheet).id);
    const sheet = book.addWorksheet("Sheet1");
    odoo.forEach((row, index) => {
      if (index === 0) {
        sheet.addRow(row);
        return;
      }
      const cells: ExcelJS.CellValue[] = row.map((cell, column) => {
        if (column === 2 && cell !== "")
          // SO-1002 at midnight, the others with their time of day.
          return new Date(`${cell.replace(" ", "T").replace("09:05:10", "00:00:00")}Z`);
        return column >= 6 && cell !== "" && column !== 5 ? Number(cell) : cell;
      });
      const added = sheet.addRow(cells);
      for (const column of [7, 8, 9, 10]) added.getCell(column).numFmt = "#,##0.00";
    });
    const mapping = mappingEdit(
      readFileSync(join(root, "examples", "mappings", "odoo.yaml"), "utf8").replace(
        "from: sale.order.csv",
        "from: Sheet1",
      ),
    );
    return memoryIo({
      bytes: { "odoo.xlsx": new Uint8Array(await book.xlsx.writeBuffer()) },
      inputs: { "odoo.yaml": mapping },
    });
  }

  it("date and number cells are read as they are, whatever the mapping's date and number formats", async () => {
    const expected = (await allocateJson(csvBundleIo(), ["w"])).plan;
    // The mapping says decimal comma and thousands dots: typed cells are not text to re-read.
    const io = await typedOdoo((yaml) =>
      yaml.replace(
        "    fillDown: [order]",
        '    decimal: ","\n    thousands: "."\n    fillDown: [order]',
      ),
    );
    const plan = await allocateJson(io, ["odoo.xlsx", "--map", "odoo.yaml"]);
    expect(io.stderrText()).toBe("");
    expect(plan.plan).toEqual(expected);
  });

  it("two sheets that are one bundle file are refused, named by workbook and sheet", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await sampleWorkbook()) as never);
    book.addWorksheet("Supply.csv").addRow(["sku", "quantity"]);
    const io = memoryIo({ bytes: { "w.xlsx": new Uint8Array(await book.xlsx.writeBuffer()) } });
    expect(await run(["validate", "w.xlsx"], { io, version })).toBe(1);
    expect(io.stdoutText()).toContain(
      'w.xlsx, sheet Supply.csv: sheets "supply" and "Supply.csv" are both supply.csv',
    );
  });
});
