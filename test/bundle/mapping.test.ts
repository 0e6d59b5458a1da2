/**
 * Column mappings (src/bundle/mapping.ts, cells.ts, bundle.ts): a mapping is
 * checked against the bundle's files and columns, every problem at once with
 * its path and the name it likely meant; cells are read in the export's
 * formats; headers match in any case; every problem of the export names its
 * file, line and the export's own column.
 */
import { describe, expect, it } from "vitest";
import { assembleBundle } from "../../src/bundle/bundle.js";
import { type CellFormat, PLAIN_CELLS, readCell } from "../../src/bundle/cells.js";
import { nearest } from "../../src/bundle/suggest.js";
import { csvTable } from "../../src/bundle/table.js";
import { problemLines } from "../../src/cli/input.js";
import { run } from "../../src/cli/run.js";
import { type ColumnMapping, parseAllocationInput, parseColumnMapping } from "../../src/index.js";
import { memoryIo } from "../support/memoryIo.js";

const version = async () => "0";

function mappingOf(value: unknown): ColumnMapping {
  const parsed = parseColumnMapping(value);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

const base = {
  "wave.json": '{ "asOf": "2026-03-01" }',
  "franchisees.csv": "id,priority,cash\nF01,1,5000.00\n",
  "products.csv": "sku,season\nA,SS\nB,SS\n",
  "supply.csv": "sku,quantity\nA,5\nB,5\n",
};

/** The problems of a bundle and its input, one line each, as the CLI lists them. */
function problemsOf(files: Record<string, string>, mapping?: unknown) {
  const bundle = assembleBundle(
    new Map(Object.entries({ ...base, ...files })),
    mapping === undefined ? {} : { mapping: mappingOf(mapping) },
  );
  const parsed = parseAllocationInput(bundle.input);
  return { bundle, lines: problemLines(bundle, parsed.issues ?? []) };
}

describe("parseColumnMapping", () => {
  it("reports every problem at once, each with its path and a did-you-mean", () => {
    const parsed = parseColumnMapping({
      decimal: ",",
      thousands: ",",
      files: {
        "order.csv": {},
        "orders.csv": {
          columns: { Qty: "quantty", QTY2: "quantity", Menge: "quantity" },
          constants: { shipComplet: true },
          fillDown: ["ordr"],
          dateFormat: "MM/DD/YYYY",
        },
        "supply.csv": { from: "stock.csv", generateLineNumbers: true },
        "regions.csv": { from: "stock.csv" },
      },
    });
    expect(parsed.ok).toBe(false);
    expect(parsed.issues?.map((found) => [found.path.join("/"), found.message])).toEqual([
      ["files/orders.csv/dateFormat", expect.stringContaining("YYYY-MM-DD HH:mm:ss")],
    ]);
    // The shape first (a wrong enum stops there); once the shape is right, the names.
    const named = parseColumnMapping({
      decimal: ",",
      thousands: ",",
      files: {
        "order.csv": {},
        "orders.csv": {
          columns: { Qty: "quantty", QTY2: "quantity", Menge: "quantity", qty: "sku" },
          constants: { shipComplet: true, sku: "A" },
          fillDown: ["ordr"],
        },
        "supply.csv": { from: "stock.csv", generateLineNumbers: true },
        "regions.csv": { from: "stock.csv" },
      },
    });
    expect(named.issues?.map((found) => [found.path.join("/"), found.message])).toEqual([
      ["files/order.csv", 'not a file of a bundle (did you mean "orders.csv"?)'],
      [
        "files/orders.csv/columns/Qty",
        '"quantty" is not a column of orders.csv (did you mean "quantity"?)',
      ],
      ["files/orders.csv/columns/Menge", 'quantity is given by column "QTY2" already'],
      ["files/orders.csv/columns/qty", 'column "qty" is mapped twice (headers match in any case)'],
      [
        "files/orders.csv/constants/shipComplet",
        '"shipComplet" is not a column of orders.csv (did you mean "shipComplete"?)',
      ],
      ["files/orders.csv/constants/sku", 'sku is given by column "qty"'],
      [
        "files/orders.csv/fillDown/0",
        '"ordr" is not a column of orders.csv (did you mean "order"?)',
      ],
      ["files/supply.csv/generateLineNumbers", "only orders.csv has line numbers"],
      ["files/regions.csv/from", '"stock.csv" is read for supply.csv too'],
      ["thousands", "must differ from the decimal separator"],
    ]);
    expect(named.issues?.every((found) => found.code === "invalid_value")).toBe(true);
  });

  it("refuses unknown keys (a misspelt option is never ignored)", () => {
    const parsed = parseColumnMapping({ files: { "orders.csv": { fillDwon: ["order"] } } });
    expect(parsed.issues?.map((found) => [found.path.join("/"), found.code])).toEqual([
      ["files/orders.csv/fillDwon", "unknown_field"],
    ]);
  });
});

describe("cells in an export's formats (readCell)", () => {
  const sap: CellFormat = { dateFormat: "DD.MM.YYYY", decimal: ",", thousands: "." };
  const us: CellFormat = { dateFormat: "YYYYMMDD", decimal: ".", thousands: "," };

  it("numbers and amounts: decimal commas, thousands groups of three, else the text for validation", () => {
    expect(readCell("money", "1.299,00", sap)).toEqual({ value: "1299.00" });
    expect(readCell("money", "-1.299.000,5", sap)).toEqual({ value: "-1299000.5" });
    expect(readCell("money", "1,299.00", us)).toEqual({ value: "1299.00" });
    expect(readCell("money", ",50", sap)).toEqual({ value: "0.50" });
    expect(readCell("number", "20,000", sap)).toEqual({ value: 20 });
    expect(readCell("number", "1,234", us)).toEqual({ value: 1234 });
    // Groups not of three, a separator it does not use, a stray letter: a problem at its cell
    // (never a decimal the export did not mean: 1.299 with a decimal comma is not 1.299).
    expect(readCell("money", "12.34,00", sap)).toEqual({
      problem:
        '"12.34,00" is not a number written with the decimal "," and thousands separator "."',
    });
    expect(readCell("number", "1.5", { ...sap, thousands: "" })).toEqual({
      problem: '"1.5" is not a number written with the decimal "," and no thousands separator',
    });
    expect(readCell("money", "1.299", { ...sap, thousands: "" })).toMatchObject({
      problem: expect.stringContaining('"1.299"'),
    });
    expect(readCell("money", "12k", us)).toMatchObject({ problem: expect.any(String) });
    // Without a mapping's formats, a cell that is not a number is left to validation.
    expect(readCell("number", "12k", PLAIN_CELLS)).toEqual({ value: "12k" });
    // Without a mapping an amount is exactly as written.
    expect(readCell("money", ".5", PLAIN_CELLS)).toEqual({ value: ".5" });
    expect(readCell("number", "+7", PLAIN_CELLS)).toEqual({ value: 7 });
  });

  it("dates: each format to an ISO date; impossible or differently written dates are problems", () => {
    expect(readCell("date", "10.02.2026", sap)).toEqual({ value: "2026-02-10" });
    expect(readCell("date", "20260210", us)).toEqual({ value: "2026-02-10" });
    const datetime = { ...us, dateFormat: "YYYY-MM-DD HH:mm:ss" } as const;
    expect(readCell("date", "2026-02-10 10:37:22", datetime)).toEqual({ value: "2026-02-10" });
    expect(readCell("date", "2026-02-10T23:59:59", datetime)).toEqual({ value: "2026-02-10" });
    expect(readCell("date", "31.02.2026", sap)).toEqual({
      problem: '"31.02.2026" is not a date written DD.MM.YYYY',
    });
    expect(readCell("date", "2026-02-10 24:00:00", datetime)).toEqual({
      problem: '"2026-02-10 24:00:00" is not a date written YYYY-MM-DD HH:mm:ss',
    });
    expect(readCell("date", "2026-02-10", sap)).toEqual({
      problem: '"2026-02-10" is not a date written DD.MM.YYYY',
    });
    // Without a format the cell is the contract's ISO date, for validation to check.
    expect(readCell("date", "2026-02-30", PLAIN_CELLS)).toEqual({ value: "2026-02-30" });
  });

  it("did-you-mean: a prefix, or a close spelling; nothing for a far one", () => {
    expect(nearest("unitprice", ["sku", "unitPrice"])).toBe("unitPrice");
    expect(nearest("Quantiy", ["sku", "quantity"])).toBe("quantity");
    expect(nearest("qty", ["sku", "quantity"])).toBeUndefined();
  });
});

/** A mapping of export.csv's columns Ref, Who, When, Item, Units, Price (DD.MM.YYYY, decimal comma), and more. */
function exportMapping(columns: Record<string, string>, options: Record<string, unknown> = {}) {
  return {
    files: {
      "orders.csv": {
        from: "export.csv",
        decimal: ",",
        columns: {
          Ref: "order",
          Who: "franchisee",
          When: "orderedOn",
          Item: "sku",
          Units: "quantity",
          Price: "unitPrice",
          ...columns,
        },
        dateFormat: "DD.MM.YYYY",
        ...options,
      },
    },
  };
}

describe("a bundle read through a mapping", () => {
  it("matches headers in any case and suggests the column an unknown one likely is", () => {
    const { lines } = problemsOf({
      "Orders.csv": "",
      "orders.csv":
        "ORDER,Franchisee,orderedon,LINE,Sku,quantiy,unitPrice\nSO-1,F01,2026-02-01,1,A,2,10\n",
    });
    expect(lines).toEqual([
      'Orders.csv: not a file of a CSV bundle (did you mean "orders.csv"? expected franchisees.csv, orders.csv, products.csv, supply.csv, locks.csv, regions.csv, stores.csv, storeNeeds.csv, regionNeeds.csv, holdback.csv and wave.json)',
      'orders.csv line 1: unknown column "quantiy" (did you mean "quantity"? expected order, franchisee, orderedOn, shipComplete, line, sku, quantity, unitPrice, allocated and lockBlockedUntil)',
      'orders.csv line 1: missing column "quantity"',
    ]);
  });

  it("constants, ignored columns, fill-down and generated line numbers", () => {
    const { bundle, lines } = problemsOf(
      {
        "export.csv":
          'Ref,Who,When,Item,Units,Price,Note\nSO-1,F01,01.02.2026,A,2,"1.000,00",x\n,,,B,"3,0","9,50",y\nSO-2,F01,02.02.2026,A,1,"10,00",\n',
      },
      {
        files: {
          "orders.csv": {
            from: "export.csv",
            columns: {
              ref: "order",
              WHO: "franchisee",
              when: "orderedOn",
              item: "sku",
              units: "quantity",
              price: "unitPrice",
            },
            constants: { shipComplete: false },
            ignore: ["note"],
            fillDown: ["order"],
            generateLineNumbers: true,
            dateFormat: "DD.MM.YYYY",
            decimal: ",",
            thousands: ".",
          },
        },
      },
    );
    expect(lines).toEqual([]);
    expect(bundle.input.orders).toEqual([
      {
        id: "SO-1",
        franchisee: "F01",
        orderedOn: "2026-02-01",
        shipComplete: false,
        lines: [
          { line: 1, sku: "A", quantity: 2, unitPrice: "1000.00" },
          { line: 2, sku: "B", quantity: 3, unitPrice: "9.50" },
        ],
      },
      {
        id: "SO-2",
        franchisee: "F01",
        orderedOn: "2026-02-02",
        shipComplete: false,
        lines: [{ line: 1, sku: "A", quantity: 1, unitPrice: "10.00" }],
      },
    ]);
    expect(bundle.locate(["orders", 0, "lines", 1, "quantity"])).toBe(
      "export.csv line 3, column Units",
    );
    expect(bundle.locate(["orders", 0, "lines", 1, "line"])).toBe(
      "export.csv line 3, line (a generated number)",
    );
    expect(bundle.locate(["orders", 1, "shipComplete"])).toBe(
      "export.csv line 4, shipComplete (the mapping's constant)",
    );
  });

  it("a mapped column the export lacks is named, with what it leaves missing", () => {
    const { lines } = problemsOf(
      {
        "export.csv":
          'Ref,Who,When,Item,Units,Price,Extra\nSO-1,F01,31.02.2026,A,-2,"1,00",x\nSO-1,F01,31.02.2026,Z,1,"1,00",y\n',
      },
      exportMapping({ Line: "line" }, { ignoreUnknown: true }),
    );
    expect(lines).toEqual([
      'export.csv line 1: the mapping\'s column "Line" is not in the file',
      'export.csv line 1: missing column "line"',
    ]);
  });

  it("a date not of the mapping's format is one problem at its cell, not two", () => {
    const { lines } = problemsOf(
      {
        "export.csv":
          'Ref,Who,When,No,Item,Units,Price\nSO-1,F01,31.02.2026,1,A,-2,"1,00"\nSO-1,,,2,Z,1,"1,00"\n',
      },
      exportMapping({ No: "line" }),
    );
    expect(lines).toEqual([
      'export.csv line 2, column When: "31.02.2026" is not a date written DD.MM.YYYY',
      "orders[0].lines[0].quantity: must not be negative (export.csv line 2, column Units)",
      'orders[0].lines[1].sku: unknown product "Z": not in products (export.csv line 3, column Item)',
    ]);
  });
});

describe("fenhuo … --map", () => {
  const files = {
    "w/wave.json": base["wave.json"],
    "w/franchisees.csv": base["franchisees.csv"],
    "w/products.csv": base["products.csv"],
    "w/supply.csv": base["supply.csv"],
    "w/export.txt": "Ref;Who;When;No;Item;Units;Price\nSO-1;F01;20260201;1;A;2;9,50\n",
  };
  const folders = { w: Object.keys(files).map((path) => path.slice(2)) };

  it("reads a YAML or a JSON mapping, and names a bad one's every problem", async () => {
    const yaml = [
      "files:",
      "  orders.csv:",
      "    from: export.txt",
      '    delimiter: ";"',
      "    dateFormat: YYYYMMDD",
      '    decimal: ","',
      "    columns: { Ref: order, Who: franchisee, When: orderedOn, No: line, Item: sku, Units: quantity, Price: unitPrice }",
    ].join("\n");
    const json = JSON.stringify({
      files: {
        "orders.csv": {
          from: "export.txt",
          delimiter: ";",
          dateFormat: "YYYYMMDD",
          decimal: ",",
          columns: {
            Ref: "order",
            Who: "franchisee",
            When: "orderedOn",
            No: "line",
            Item: "sku",
            Units: "quantity",
            Price: "unitPrice",
          },
        },
      },
    });
    for (const [name, text] of [
      ["m.yaml", yaml],
      ["m.json", json],
    ] as const) {
      const io = memoryIo({ inputs: { ...files, [name]: text }, folders });
      expect(await run(["validate", "w", "--map", name], { io, version })).toBe(0);
      expect(io.stdoutText()).toMatch(/^valid: 1 order, 1 line/);
    }
    const bad = memoryIo({
      inputs: {
        ...files,
        "m.yaml": "files:\n  orders.csv:\n    columns: { Ref: ordr }\n    fillDown: [who]\n",
      },
      folders,
    });
    expect(await run(["allocate", "w", "--map", "m.yaml"], { io: bad, version })).toBe(1);
    expect(bad.stderrText()).toBe(
      [
        "fenhuo: invalid mapping m.yaml: 2 problems",
        '  files["orders.csv"].columns.Ref: "ordr" is not a column of orders.csv (did you mean "order"?)',
        '  files["orders.csv"].fillDown[0]: "who" is not a column of orders.csv',
        "",
      ].join("\n"),
    );
    const broken = memoryIo({ inputs: { ...files, "m.yaml": "files: [" }, folders });
    expect(await run(["validate", "w", "--map", "m.yaml"], { io: broken, version })).toBe(1);
    expect(broken.stderrText()).toMatch(/^fenhuo: m\.yaml is not valid YAML: /);
  });
});

describe("review cases: what a mapping or an export must not do silently", () => {
  it("a datetime column takes a bare date too (an ERP leaves out midnight)", () => {
    const datetime = { ...PLAIN_CELLS, dateFormat: "YYYY-MM-DD HH:mm:ss" } as const;
    expect(readCell("date", "2026-02-10", datetime)).toEqual({ value: "2026-02-10" });
    expect(readCell("date", "2026-02-30", datetime)).toMatchObject({ problem: expect.any(String) });
  });

  it("generated line numbers refuse an export column that gives line", () => {
    const { lines } = problemsOf(
      { "export.csv": 'Ref,Who,When,Item,Units,Price,line\nSO-1,F01,01.02.2026,A,1,"1,00",7\n' },
      exportMapping({}, { generateLineNumbers: true }),
    );
    expect(lines).toEqual([
      "export.csv line 1, column line: gives line, which the mapping's generateLineNumbers makes: map or ignore one of them",
    ]);
  });

  it("a file may not be read from another bundle file's own name, nor a key be __proto__", () => {
    const taken = parseColumnMapping({ files: { "orders.csv": { from: "supply.csv" } } });
    expect(taken.issues?.map((found) => [found.path.join("/"), found.message])).toEqual([
      [
        "files/orders.csv/from",
        "supply.csv is a file of the bundle, read as itself: list supply.csv with its own from to read orders.csv from it",
      ],
    ]);
    const proto = parseColumnMapping(
      JSON.parse(
        '{ "files": { "orders.csv": { "columns": { "__proto__": "sku" } }, "__proto__": {} } }',
      ),
    );
    expect(proto.issues?.map((found) => found.path.join("/"))).toEqual([
      "files/__proto__",
      "files/orders.csv/columns/__proto__",
    ]);
  });

  it("a header after blank lines is named at its own line; a header cell without a name by its position", () => {
    const { lines } = problemsOf({ "supply.csv": "\n\nsku,quantity,\nA,5,\n" });
    expect(lines).toContain('supply.csv line 3: unknown column "" (expected sku and quantity)');
    const table = csvTable("x.csv", "a,\n1,2\n");
    expect(typeof table === "string" ? table : table.where(2, 1)).toBe(
      "x.csv line 2, column 2 (no header)",
    );
  });
});
