import { formatPath, type Path } from "../schema/issues.js";

import { BUNDLE_FILES, type FileSpec, REQUIRED_FILES, WAVE_FILE } from "./files.js";
import { type ColumnMapping, NO_MAPPING } from "./mapping.js";
import {
  type BundleProblem,
  groupOrders,
  hint,
  listOf,
  ORDER_FIELDS,
  placeOf,
  type Row,
  readTable,
  valuesOf,
} from "./rows.js";
import { csvTable, type SourceTable } from "./table.js";

export type { BundleProblem } from "./rows.js";

/*
 * A bundle: the files of an export (one per section of the allocation input,
 * as an ERP or a spreadsheet writes them — CSV files in a folder or the sheets
 * of a workbook) and the run's settings (wave.json). `assembleBundle` turns
 * them into the JSON input of `allocate`, read through a column mapping when
 * one is given, and remembers where each row came from, so that an issue at
 * `orders[3].lines[0].sku` can also name `orders.csv line 9, column sku`.
 * Pure: the caller reads the files.
 */

/** Settings given on the command line (they win over wave.json), and the mapping to read through. */
export interface BundleOptions {
  readonly asOf?: string | undefined;
  readonly currency?: string | undefined;
  /** How the export's files and columns are read (`parseColumnMapping`); none: the bundle's own. */
  readonly mapping?: ColumnMapping | undefined;
}

/** An assembled bundle: the input, where its parts came from, and the bundle's own problems. */
export interface Bundle {
  readonly input: Record<string, unknown>;
  /** Where the value at a JSON path of `input` came from, when a file row can be named. */
  readonly locate: (path: Path) => string | undefined;
  /** Problems that make the input unusable; when any, do not run it. */
  readonly problems: readonly BundleProblem[];
  /**
   * The top-level keys a problem left without their content (a file that
   * could not be read, a missing `asOf`): the input's issues there, and its
   * references into them, are consequences of `problems`, not news.
   */
  readonly unread: ReadonlySet<string>;
  /** The paths (formatted) of cells a problem already names: validation's issue there is no news. */
  readonly reported: ReadonlySet<string>;
}

/**
 * What a bundle is read from: the names of its files (or a workbook's sheets,
 * named as the bundle file they are), a table by name, and its settings.
 */
export interface BundleSource {
  /** `CSV bundle`, `workbook`: how problems name the whole. */
  readonly kind: string;
  /** The files (sheets) there are, other than the settings. */
  readonly names: readonly string[];
  /** How a problem names one of `names` (`wave.xlsx, sheet orders`); the name itself by default. */
  readonly place?: (name: string) => string;
  /** The table of one of `names`, or why it cannot be read. */
  readonly table: (name: string, delimiter: string) => SourceTable | string;
  /** The run's settings (wave.json): text to parse, or a value, and where it came from. */
  readonly settings?: {
    readonly where: string;
    readonly text?: string;
    readonly value?: unknown;
    /** Why the settings cannot be read, when they cannot. */
    readonly problem?: string;
  };
}

/**
 * Assembles the input of `allocate` from a CSV bundle's files (`name → text`,
 * for the files that exist in the folder, wave.json included). Empty cells are
 * absent fields (so defaults apply); number columns are read as numbers when
 * they look like one and otherwise kept as text, for validation to reject with
 * its path. With a mapping, the export's files and columns are read as it says.
 *
 * @example
 * ```ts
 * import { assembleBundle } from "./bundle.js";
 * const files = new Map([["supply.csv", "SKU,Quantity\nX,3\n"]]);
 * assembleBundle(files).input.supply; // [{ sku: "X", quantity: 3 }]
 * ```
 */
export function assembleBundle(
  files: ReadonlyMap<string, string>,
  options: BundleOptions = {},
): Bundle {
  const wave = files.get(WAVE_FILE);
  return assembleSource(
    {
      kind: "CSV bundle",
      names: [...files.keys()].filter((name) => name !== WAVE_FILE),
      table: (name, delimiter) => csvTable(name, files.get(name) ?? "", delimiter),
      ...(wave === undefined ? {} : { settings: { where: WAVE_FILE, text: wave } }),
    },
    options,
  );
}

/** Assembles the input of `allocate` from any {@link BundleSource}: a CSV folder or a workbook. */
export function assembleSource(source: BundleSource, options: BundleOptions = {}): Bundle {
  const mapping = options.mapping ?? NO_MAPPING;
  const problems: BundleProblem[] = [];
  const input: Record<string, unknown> = {};
  const origin = new Map<string, string>(); // top-level key → its file or flag
  const placed = new Map<string, Placed>(); // section → where its rows came from
  const unread = new Set<string>();
  const reported = new Set<string>();
  const readings = Object.keys(BUNDLE_FILES).map((file) => ({ file, map: mapping.file(file) }));

  const present = new Set(source.names);
  const placeOfName = source.place ?? ((name: string) => name);
  for (const name of REQUIRED_FILES) {
    const from = mapping.file(name).from;
    if (!present.has(from)) {
      const needs =
        from === name
          ? `a ${source.kind} needs ${listOf(REQUIRED_FILES)}`
          : `the mapping reads ${name} from it`;
      problems.push({ where: placeOfName(from), message: `missing: ${needs}` });
    }
  }
  const expected = [...new Set([...readings.map((reading) => reading.map.from), WAVE_FILE])];
  for (const name of [...source.names].sort()) {
    if (!expected.includes(name)) {
      problems.push({
        where: placeOfName(name),
        message: `not a file of a ${source.kind} ${hint(name, expected, expected)}`,
      });
    }
  }

  if (source.settings !== undefined) {
    const before = problems.length;
    const settings = readSettings(source.settings, problems);
    if (problems.length > before) for (const key of ["asOf", "currency", "policy"]) unread.add(key);
    for (const [key, value] of Object.entries(settings)) {
      // defineProperty, not assignment: a "__proto__" key stays a key, for validation to refuse.
      Object.defineProperty(input, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      origin.set(key, source.settings.where);
    }
  }

  for (const { file, map } of readings) {
    const spec = BUNDLE_FILES[file] as FileSpec;
    if (!present.has(map.from)) continue;
    const read = source.table(map.from, map.delimiter);
    const table = typeof read === "string" ? undefined : read;
    if (typeof read === "string") problems.push({ where: placeOfName(map.from), message: read });
    const rows = table === undefined ? undefined : readTable(table, spec, map, problems);
    if (table === undefined || rows === undefined) {
      unread.add(spec.section);
      continue;
    }
    if (origin.has(spec.section)) {
      problems.push({
        where: table.name,
        message: `section "${spec.section}" is given both here and in ${origin.get(spec.section)}`,
      });
      continue;
    }
    origin.set(spec.section, table.name);
    if (spec.section === "orders") {
      const orders = groupOrders(table, rows, map, problems);
      input.orders = orders.map((order) => order.value);
      placed.set("orders", { table, rows: orders.map((order) => order.rows) });
    } else {
      input[spec.section] = rows.map((row) => valuesOf(row, spec, map.cells));
      placed.set(spec.section, { table, rows: rows.map((row) => [row]) });
    }
  }

  if (options.asOf !== undefined) {
    input.asOf = options.asOf;
    origin.set("asOf", "--as-of");
  }
  if (options.currency !== undefined) {
    input.currency = options.currency;
    origin.set("currency", "--currency");
  }
  if (input.asOf === undefined) {
    unread.add("asOf");
    problems.push({
      where: "asOf",
      message: `missing: give the run's date in ${WAVE_FILE} ({ "asOf": "2026-03-01" }) or with --as-of`,
    });
  }

  // Cells a mapping's format could not read: their problem, at their place; validation's is no news.
  for (const [section, { table, rows }] of placed) {
    rows.forEach((group, index) => {
      group.forEach((row, lineIndex) => {
        for (const [field, message] of row.unreadable) {
          const path = cellPath(section, index, lineIndex, field);
          problems.push({ where: placeOf(table, row, field), message });
          reported.add(formatPath(path));
        }
      });
    });
  }

  const locate = (path: Path): string | undefined => {
    const [key, index, ...rest] = path;
    if (typeof key !== "string") return undefined;
    const file = origin.get(key);
    const rows = placed.get(key);
    if (file === undefined || typeof index !== "number" || rows === undefined) return file;
    const group = rows.rows[index];
    if (group === undefined) return file;
    if (key === "orders") {
      const [field, lineIndex, lineField] = rest;
      if (field === "lines" && typeof lineIndex === "number") {
        const row = group[lineIndex];
        return row === undefined ? file : placeOf(rows.table, row, columnOf(lineField));
      }
      const first = group[0] as Row;
      return placeOf(rows.table, first, field === "id" ? "order" : columnOf(field));
    }
    return placeOf(rows.table, group[0] as Row, columnOf(rest[0]));
  };

  return { input, locate, problems, unread, reported };
}

/** Where a section's rows came from: its table, and for each element of the section its rows. */
interface Placed {
  readonly table: SourceTable;
  readonly rows: readonly (readonly Row[])[];
}

function cellPath(section: string, index: number, lineIndex: number, field: string): Path {
  if (section !== "orders") return [section, index, field];
  if (field === "order") return ["orders", index, "id"];
  if (lineIndex === 0 && ORDER_FIELDS.includes(field as (typeof ORDER_FIELDS)[number]))
    return ["orders", index, field];
  return ["orders", index, "lines", lineIndex, field];
}

function columnOf(key: string | number | undefined): string | undefined {
  return typeof key === "string" ? key : undefined;
}

/** wave.json: an object of settings (`asOf`, `currency`, `policy`; sections are allowed too). */
function readSettings(
  settings: NonNullable<BundleSource["settings"]>,
  problems: BundleProblem[],
): Record<string, unknown> {
  if (settings.problem !== undefined) {
    problems.push({ where: settings.where, message: settings.problem });
    return {};
  }
  let value: unknown = settings.value;
  if (settings.text !== undefined) {
    try {
      value = JSON.parse(settings.text);
    } catch (error) {
      problems.push({
        where: settings.where,
        message: `not valid JSON: ${(error as Error).message}`,
      });
      return {};
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    problems.push({
      where: settings.where,
      message: 'must be a JSON object such as { "asOf": "2026-03-01", "currency": "CNY" }',
    });
    return {};
  }
  return value as Record<string, unknown>;
}
