/**
 * The pure parts of the CLI, in process: display widths, tables, refs, CSV
 * fields, and the CSV bundle's columns held to the zod contract.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { assembleBundle } from "../../src/bundle/bundle.js";
import { BUNDLE_FILES } from "../../src/bundle/files.js";
import { CSV_COLUMNS, csvField, planCsvLines } from "../../src/cli/csv.js";
import { chooseRef, refReadings } from "../../src/cli/ref.js";
import { displayWidth, renderTable, safeText } from "../../src/cli/table.js";
import { allocate } from "../../src/index.js";
import {
  franchiseeWire,
  holdbackWire,
  lockWire,
  orderLineWire,
  orderWire,
  productWire,
  regionNeedWire,
  regionWire,
  storeNeedWire,
  storeWire,
  supplyWire,
} from "../../src/schema/wire.js";

const sample = JSON.parse(
  readFileSync(
    join(import.meta.dirname, "..", "..", "examples", "data", "spring-wave.json"),
    "utf8",
  ),
);

describe("displayWidth and renderTable", () => {
  it("counts CJK and full-width characters as two columns, combining marks as none", () => {
    expect(displayWidth("shenzhen")).toBe(8);
    expect(displayWidth("深圳")).toBe(4);
    expect(displayWidth("通知加盟商打款")).toBe(14);
    expect(displayWidth("ＡＢ")).toBe(4);
    expect(displayWidth("e\u0301")).toBe(1);
    expect(displayWidth("")).toBe(0);
  });

  it("pads by display width and right-aligns numbers", () => {
    const lines = renderTable(
      [{ title: "region" }, { title: "qty", align: "right" }],
      [
        ["深圳", 5],
        ["shenzhen", 120],
      ],
    );
    expect(lines).toEqual([
      "  region    qty",
      "  --------  ---",
      "  深圳        5",
      "  shenzhen  120",
    ]);
  });

  it("shows control characters as escapes", () => {
    expect(safeText("a\nb\u001b[31m")).toBe("a\\u{a}b\\u{1b}[31m");
    expect(renderTable([{ title: "id" }], [["x\ty"]])[2]).toBe("  x\\u{9}y");
  });
});

describe("refs", () => {
  it("reads order lines, stores and regions", () => {
    expect(refReadings("SO-1#2")).toEqual([{ kind: "order-line", order: "SO-1", line: 2 }]);
    expect(refReadings("A#B#12")).toEqual([{ kind: "order-line", order: "A#B", line: 12 }]);
    expect(refReadings("store:SZ-001/T100-RED-M")).toEqual([
      { kind: "store", store: "SZ-001", sku: "T100-RED-M" },
    ]);
    expect(refReadings("region:shenzhen/T100")).toEqual([
      { kind: "region", region: "shenzhen", sku: "T100" },
    ]);
  });

  it("rejects what is none of the forms", () => {
    for (const text of [
      "SO-1",
      "SO-1#",
      "#2",
      "SO-1#0",
      "SO-1#1.5",
      "SO-1#x",
      "store:SZ",
      "store:/X",
      "region:R/",
    ])
      expect(refReadings(text), text).toEqual([]);
  });

  it("picks the reading of an id with a slash that the plan knows", () => {
    const readings = refReadings("store:A/B/C");
    expect(readings).toHaveLength(2);
    const plan = {
      trace: [],
      unfilled: [
        { kind: "store", store: "A/B", region: "r", sku: "C", quantity: 1, reason: "stock" },
      ],
    } as const;
    expect(chooseRef(readings, plan)).toEqual({ kind: "store", store: "A/B", sku: "C" });
    expect(chooseRef(readings, { trace: [], unfilled: [] })).toEqual(readings[0]);
  });
});

describe("CSV output", () => {
  it("quotes fields only when needed", () => {
    expect(csvField(undefined)).toBe("");
    expect(csvField(12)).toBe("12");
    expect(csvField(true)).toBe("true");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
  });

  it("has a column for every field of every list of the plan", () => {
    const plan = allocate(sample);
    const { trace: _trace, asOf: _asOf, currency: _currency, planId: _planId, ...lists } = plan;
    for (const list of Object.values(lists)) {
      for (const row of list as object[]) {
        for (const key of Object.keys(row))
          expect(CSV_COLUMNS as readonly string[], key).toContain(key);
      }
    }
    const lines = [...planCsvLines(plan)];
    const rows = Object.values(lists).reduce((n, list) => n + (list as object[]).length, 0);
    expect(lines).toHaveLength(1 + rows);
  });
});

describe("CSV bundle columns follow the JSON contract", () => {
  type Shape = Record<string, z.ZodType>;
  const fieldsOf = (shape: Shape) =>
    Object.entries(shape).map(([name, schema]) => ({ name, optional: schema.isOptional() }));
  const orderFields = [
    ...fieldsOf(orderWire.shape as Shape)
      .filter((field) => field.name !== "lines")
      .map((field) => (field.name === "id" ? { ...field, name: "order" } : field)),
    ...fieldsOf(orderLineWire.shape as Shape),
  ];
  const contract: Record<string, { name: string; optional: boolean }[]> = {
    "franchisees.csv": fieldsOf(franchiseeWire.shape as Shape),
    "orders.csv": orderFields,
    "products.csv": fieldsOf(productWire.shape as Shape),
    "supply.csv": fieldsOf(supplyWire.shape as Shape),
    "locks.csv": fieldsOf(lockWire.shape as Shape),
    "regions.csv": fieldsOf(regionWire.shape as Shape),
    "stores.csv": fieldsOf(storeWire.shape as Shape),
    "storeNeeds.csv": fieldsOf(storeNeedWire.shape as Shape),
    "regionNeeds.csv": fieldsOf(regionNeedWire.shape as Shape),
    "holdback.csv": fieldsOf(holdbackWire.shape as Shape),
  };

  for (const [file, fields] of Object.entries(contract)) {
    it(`${file}: every field is a column, the required ones required`, () => {
      const spec = BUNDLE_FILES[file];
      expect(spec).toBeDefined();
      expect(Object.keys(spec?.columns ?? {}).sort()).toEqual(fields.map((f) => f.name).sort());
      expect([...(spec?.required ?? [])].sort()).toEqual(
        fields
          .filter((f) => !f.optional)
          .map((f) => f.name)
          .sort(),
      );
    });
  }
});

describe("assembleBundle", () => {
  const minimal = (orders: string) =>
    new Map([
      ["wave.json", '{ "asOf": "2026-03-01" }'],
      ["franchisees.csv", "id,priority,cash\nF01,1,100.00\n"],
      ["products.csv", "sku,season\nA,SS\n"],
      ["supply.csv", "\uFEFFsku,quantity\nA,5\n"],
      ["orders.csv", orders],
    ]);

  it("groups order rows into orders, leaves empty cells out, keeps money as text", () => {
    // A later row of an order may leave its franchisee and date empty.
    const bundle = assembleBundle(
      minimal(
        "order,franchisee,orderedOn,line,sku,quantity,unitPrice,allocated\n" +
          "SO-2,F01,2026-02-02,1,A,3,10.50,\n" +
          "\n" +
          "SO-1,F01,2026-02-01,1,A,2,1e2,1\n" +
          "SO-2,,,2,A,4,10.50,\n",
      ),
    );
    expect(bundle.problems).toEqual([]);
    expect(bundle.input).toEqual({
      asOf: "2026-03-01",
      franchisees: [{ id: "F01", priority: 1, cash: "100.00" }],
      products: [{ sku: "A", season: "SS" }],
      supply: [{ sku: "A", quantity: 5 }],
      orders: [
        {
          id: "SO-2",
          franchisee: "F01",
          orderedOn: "2026-02-02",
          lines: [
            { line: 1, sku: "A", quantity: 3, unitPrice: "10.50" },
            { line: 2, sku: "A", quantity: 4, unitPrice: "10.50" },
          ],
        },
        {
          id: "SO-1",
          franchisee: "F01",
          orderedOn: "2026-02-01",
          lines: [{ line: 1, sku: "A", quantity: 2, unitPrice: "1e2", allocated: 1 }],
        },
      ],
    });
    // Lines are counted in the file, empty lines included.
    expect(bundle.locate(["orders", 1, "lines", 0, "unitPrice"])).toBe(
      "orders.csv line 4, column unitPrice",
    );
    expect(bundle.locate(["orders", 0, "lines", 1])).toBe("orders.csv line 5");
    expect(bundle.locate(["orders", 0, "id"])).toBe("orders.csv line 2, column order");
    expect(bundle.locate(["supply", 0, "quantity"])).toBe("supply.csv line 2, column quantity");
    expect(bundle.locate(["asOf"])).toBe("wave.json");
    expect(bundle.locate([])).toBeUndefined();
  });

  it("reports a broken CSV, a duplicate column and a section given twice", () => {
    const files = minimal('order,franchisee\n"SO-1,F01\n');
    files.set("regions.csv", "id,id\nr,r\n");
    files.set("wave.json", '{ "asOf": "2026-03-01", "supply": [] }');
    const bundle = assembleBundle(files);
    expect(bundle.problems.map((p) => p.where)).toEqual([
      "orders.csv",
      "supply.csv",
      "regions.csv line 1",
    ]);
    expect(bundle.problems[0]?.message).toMatch(/^not a readable CSV file/);
    expect(bundle.problems[1]?.message).toBe(
      'section "supply" is given both here and in wave.json',
    );
    expect(bundle.problems[2]?.message).toBe('column "id" appears twice');
  });

  it("keeps a __proto__ key of wave.json as a key, for validation to refuse", () => {
    const files = minimal("order,franchisee,orderedOn,line,sku,quantity,unitPrice\n");
    files.set("wave.json", '{ "asOf": "2026-03-01", "__proto__": { "polluted": true } }');
    const bundle = assembleBundle(files);
    expect(Object.hasOwn(bundle.input, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(bundle.input)).toBe(Object.prototype);
    expect(bundle.locate(["__proto__"])).toBe("wave.json");
  });

  it("--as-of and --currency win over wave.json", () => {
    const bundle = assembleBundle(
      minimal("order,franchisee,orderedOn,line,sku,quantity,unitPrice\n"),
      {
        asOf: "2026-04-01",
        currency: "USD",
      },
    );
    expect(bundle.input).toMatchObject({ asOf: "2026-04-01", currency: "USD", orders: [] });
    expect(bundle.locate(["asOf"])).toBe("--as-of");
    expect(bundle.locate(["currency"])).toBe("--currency");
  });
});
