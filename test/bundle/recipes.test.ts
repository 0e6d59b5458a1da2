/**
 * The shipped column-mapping recipes (examples/mappings): an ERPNext, an Odoo
 * and an SAP export of the sample wave's orders — continuation rows,
 * datetimes, decimal commas, thousands separators and extra columns included
 * (test/fixtures/erp) — read with `--map` alone give the same plan as the
 * equivalent JSON input.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { run } from "../../src/cli/run.js";
import { type AllocationPlan, allocate } from "../../src/index.js";
import { memoryIo } from "../support/memoryIo.js";

const root = join(import.meta.dirname, "..", "..");
const SAMPLE = join(root, "examples", "data", "spring-wave.json");
const BUNDLE = join(root, "examples", "data", "spring-wave-csv");
const version = async () => "0";

interface SampleOrder {
  id: string;
  lines: { line: number; allocated?: number; unitPrice: string; sku: string }[];
}

/** The sample's input, as JSON, changed by `edit`: what an export says in the contract's words. */
function sampleInput(edit: (input: { orders: SampleOrder[]; locks: { line: number }[] }) => void) {
  const input = JSON.parse(readFileSync(SAMPLE, "utf8"));
  edit(input);
  return input;
}

/** The sample's CSV bundle with its orders.csv replaced by an ERP's export, and the recipe beside it. */
function exportFolder(erp: string, edit: (name: string, text: string) => string = (_, t) => t) {
  const inputs: Record<string, string> = {};
  const names: string[] = [];
  for (const name of readdirSync(BUNDLE)) {
    if (name === "orders.csv") continue;
    inputs[`w/${name}`] = edit(name, readFileSync(join(BUNDLE, name), "utf8"));
    names.push(name);
  }
  const fixtures = join(root, "test", "fixtures", "erp", erp);
  for (const name of readdirSync(fixtures)) {
    inputs[`w/${name}`] = readFileSync(join(fixtures, name), "utf8");
    names.push(name);
  }
  inputs[`${erp}.yaml`] = readFileSync(join(root, "examples", "mappings", `${erp}.yaml`), "utf8");
  return memoryIo({ inputs, folders: { w: names } });
}

async function planOf(erp: string, edit?: (name: string, text: string) => string) {
  const io = exportFolder(erp, edit);
  const code = await run(["allocate", "w", "--map", `${erp}.yaml`, "-f", "json"], {
    io,
    version,
  });
  expect(io.stderrText()).toBe("");
  expect(code).toBe(0);
  return JSON.parse(io.stdoutText()) as AllocationPlan;
}

/** The plan as JSON text reads it back: what `allocate -f json` writes. */
function asWritten(plan: AllocationPlan): unknown {
  return JSON.parse(JSON.stringify(plan));
}

describe("column-mapping recipes: an ERP's export gives the plan of its equivalent JSON", () => {
  it("ERPNext: datetimes, thousands commas in an ignored column, Delivered Qty as allocated", async () => {
    expect(await planOf("erpnext")).toEqual(asWritten(allocate(sampleInput(() => {}))));
  });

  it("Odoo: the order reference filled down over continuation rows, lines numbered in file order", async () => {
    expect(await planOf("odoo")).toEqual(asWritten(allocate(sampleInput(() => {}))));
  });

  it("SAP VBAK/VBAP: ; separated, 1.399,00 and 20,000, DD.MM.YYYY, POSNR 000010 as line 10", async () => {
    // The download numbers items 10, 20, 30 …, prices J300-BLK-L at 1.399,00 and has no
    // delivered quantity: the equivalent JSON says the same.
    const equivalent = sampleInput((input) => {
      for (const order of input.orders) {
        for (const line of order.lines) {
          line.line *= 10;
          delete line.allocated;
          if (line.sku === "J300-BLK-L") line.unitPrice = "1399.00";
        }
      }
      for (const lock of input.locks) lock.line *= 10;
    });
    const tenfold = (name: string, text: string) =>
      name === "locks.csv"
        ? text.replace(/,(SO-\d+),(\d+),/g, (_, order, line) => `,${order},${Number(line) * 10},`)
        : text;
    const plan = await planOf("sap", tenfold);
    expect(plan).toEqual(asWritten(allocate(equivalent)));
    // Not a trivially empty plan: SO-1002's jacket line was priced from "1.399,00".
    expect(
      plan.franchiseeAllocations.find((row) => row.order === "SO-1002" && row.line === 30),
    ).toMatchObject({ sku: "J300-BLK-L", unitPrice: "1399.00" });
  });

  it("without the mapping the same export is refused, every problem named by file, line and column", async () => {
    const io = exportFolder("odoo");
    expect(await run(["validate", "w"], { io, version })).toBe(1);
    const lines = io.stdoutText().trimEnd().split("\n");
    expect(lines[0]).toBe(
      "orders.csv: missing: a CSV bundle needs franchisees.csv, orders.csv, products.csv and supply.csv",
    );
    expect(lines[1]).toMatch(/^sale\.order\.csv: not a file of a CSV bundle \(expected /);
  });
});

describe("the recipes in docs/erp-imports.md", () => {
  it("are the shipped files, key for key", () => {
    const guide = readFileSync(join(root, "docs", "erp-imports.md"), "utf8");
    const blocks = [...guide.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parseYaml(m[1] ?? ""));
    const shipped = ["erpnext", "odoo", "sap"].map((erp) =>
      parseYaml(readFileSync(join(root, "examples", "mappings", `${erp}.yaml`), "utf8")),
    );
    expect(blocks).toEqual(shipped);
  });
});

describe("fenhuo carry --map", () => {
  it("carries an export read through its recipe as it carries the equivalent JSON", async () => {
    const plan = await planOf("odoo");
    const json = JSON.stringify(plan);
    const withPlan = memoryIo({
      inputs: {
        ...Object.fromEntries(
          readdirSync(BUNDLE)
            .filter((name) => name !== "orders.csv")
            .map((name) => [`w/${name}`, readFileSync(join(BUNDLE, name), "utf8")]),
        ),
        "w/sale.order.csv": readFileSync(
          join(root, "test", "fixtures", "erp", "odoo", "sale.order.csv"),
          "utf8",
        ),
        "odoo.yaml": readFileSync(join(root, "examples", "mappings", "odoo.yaml"), "utf8"),
        "plan.json": json,
        "input.json": readFileSync(SAMPLE, "utf8"),
      },
      folders: {
        w: [...readdirSync(BUNDLE).filter((name) => name !== "orders.csv"), "sale.order.csv"],
      },
    });
    const args = ["plan.json", "--as-of", "2026-03-02"];
    expect(
      await run(["carry", "w", ...args, "--map", "odoo.yaml"], { io: withPlan, version }),
    ).toBe(0);
    const fromExport = JSON.parse(withPlan.stdoutText());
    const fromJson = memoryIo({
      inputs: { "plan.json": json, "input.json": readFileSync(SAMPLE, "utf8") },
    });
    expect(await run(["carry", "input.json", ...args], { io: fromJson, version })).toBe(0);
    expect(fromExport).toEqual(JSON.parse(fromJson.stdoutText()));
    expect(fromExport.asOf).toBe("2026-03-02");
  });
});
