/*
 * The files of a bundle and their columns: what `assembleBundle` (bundle.ts)
 * reads, what a column mapping (mapping.ts) may name, and what the CLI's help
 * and docs list.
 */

/**
 * How a column's cells are read: text as is, a number (whole units, ranks),
 * an amount (exact decimal text; a mapping may give its decimal and thousands
 * separators), a date (ISO; a mapping may give the format it is written in),
 * `true`/`false`, or (R-HOLD) a holdback's channel: `direct`, `none` or
 * `region:<id>`.
 */
export type Kind = "text" | "number" | "money" | "date" | "boolean" | "holdFor";

export interface FileSpec {
  /** The section of the input the file fills. */
  readonly section: string;
  /** Every column the file may have, in the order the docs list them. */
  readonly columns: Readonly<Record<string, Kind>>;
  /** The columns without which no row can be sound. */
  readonly required: readonly string[];
}

/**
 * The files of a bundle. Columns are the fields of the JSON contract (for
 * orders.csv: one row per order line, the order's `id` in column `order`);
 * amounts stay text, exact as written. test/cli/cli.test.ts holds these
 * lists to the zod contract in src/schema/wire.ts.
 */
export const BUNDLE_FILES: Readonly<Record<string, FileSpec>> = {
  "franchisees.csv": {
    section: "franchisees",
    columns: {
      id: "text",
      priority: "number",
      cash: "money",
      creditLimit: "money",
      creditUsed: "money",
      region: "text",
    },
    required: ["id", "priority", "cash"],
  },
  "orders.csv": {
    section: "orders",
    columns: {
      order: "text",
      franchisee: "text",
      orderedOn: "date",
      shipComplete: "boolean",
      line: "number",
      sku: "text",
      quantity: "number",
      unitPrice: "money",
      allocated: "number",
      lockBlockedUntil: "date",
    },
    required: ["order", "franchisee", "orderedOn", "line", "sku", "quantity", "unitPrice"],
  },
  "products.csv": {
    section: "products",
    columns: {
      sku: "text",
      style: "text",
      season: "text",
      launchDate: "date",
      launchRank: "number",
      packSize: "number",
    },
    required: ["sku", "season"],
  },
  "supply.csv": {
    section: "supply",
    columns: { sku: "text", quantity: "number" },
    required: ["sku", "quantity"],
  },
  "locks.csv": {
    section: "locks",
    columns: {
      id: "text",
      order: "text",
      line: "number",
      franchisee: "text",
      sku: "text",
      quantity: "number",
      lockedOn: "date",
      expiresOn: "date",
    },
    required: ["id", "order", "line", "franchisee", "sku", "quantity", "lockedOn", "expiresOn"],
  },
  "regions.csv": {
    section: "regions",
    columns: { id: "text", name: "text" },
    required: ["id"],
  },
  "stores.csv": {
    section: "stores",
    columns: { id: "text", region: "text", class: "text", operation: "text" },
    required: ["id", "region", "class", "operation"],
  },
  "storeNeeds.csv": {
    section: "storeNeeds",
    columns: {
      store: "text",
      sku: "text",
      safetyStock: "number",
      onHand: "number",
      inTransit: "number",
    },
    required: ["store", "sku", "safetyStock"],
  },
  "regionNeeds.csv": {
    section: "regionNeeds",
    columns: { region: "text", sku: "text", quantity: "number" },
    required: ["region", "sku", "quantity"],
  },
  "holdback.csv": {
    section: "holdback",
    columns: { sku: "text", quantity: "number", for: "holdFor" },
    required: ["sku", "quantity", "for"],
  },
};

/** The files a bundle must have; the others are optional. */
export const REQUIRED_FILES = ["franchisees.csv", "orders.csv", "products.csv", "supply.csv"];

/** The settings file of a bundle: `asOf`, `currency`, `policy`. */
export const WAVE_FILE = "wave.json";
