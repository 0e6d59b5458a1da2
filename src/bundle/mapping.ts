import type { Issue, Path, Result } from "../schema/issues.js";
import {
  type ColumnMappingShape,
  type DateFormat,
  type FileMappingShape,
  parseMappingShape,
} from "../schema/mappingWire.js";
import type { CellFormat } from "./cells.js";
import { BUNDLE_FILES } from "./files.js";
import { didYouMean } from "./suggest.js";

/*
 * A column mapping: how an ERP's export (ERPNext, Odoo, SAP …) is read as a
 * bundle without a conversion script — which export file gives which bundle
 * file, which export column gives which field, constants, ignored columns,
 * how dates and numbers are written, continuation rows, generated line
 * numbers. `parseColumnMapping` checks a mapping against the bundle's files
 * and columns and reports every problem at once, with its path and the name
 * it most likely meant.
 */

/** How one bundle file is read from an export, as `assembleBundle` uses it. */
export interface FileMapping {
  /** The export's file (or sheet) the bundle file is read from. */
  readonly from: string;
  /** The field separator of a CSV file. */
  readonly delimiter: string;
  /** How its cells are written. */
  readonly cells: CellFormat;
  /** Export column (lower case) → bundle column. */
  readonly columns: ReadonlyMap<string, string>;
  /** The export columns as the mapping writes them (for messages), by lower case. */
  readonly columnNames: ReadonlyMap<string, string>;
  /** Bundle column → the cell every row has. */
  readonly constants: ReadonlyMap<string, string>;
  /** Export columns (lower case) left out. */
  readonly ignore: ReadonlySet<string>;
  /** Whether columns neither mapped nor the bundle's own are left out. */
  readonly ignoreUnknown: boolean;
  /** Bundle columns whose empty cells take the value of the row above. */
  readonly fillDown: readonly string[];
  /** orders.csv: lines numbered 1, 2, 3 … within each order. */
  readonly generateLineNumbers: boolean;
}

/**
 * A checked column mapping: for each bundle file, how it is read. A file the
 * mapping does not list is read under its own name, with the mapping's
 * top-level formats.
 */
export interface ColumnMapping {
  readonly description?: string | undefined;
  /** How `file` (a bundle file name such as `orders.csv`) is read. */
  readonly file: (file: string) => FileMapping;
}

/** How a bundle is read without a mapping: its own files, columns and formats. */
export const NO_MAPPING: ColumnMapping = {
  file: (file) => fileMapping(file, {}, {}),
};

/**
 * A column mapping (the parsed JSON or YAML of `--map`) checked against the
 * bundle's files and columns: every problem at once, each with its path and,
 * for a misspelt file or column, the name it most likely meant.
 *
 * @example
 * ```ts
 * import { parseColumnMapping } from "fenhuo";
 * const mapping = parseColumnMapping({
 *   decimal: ",",
 *   files: { "orders.csv": { from: "VBAP.csv", columns: { KWMENG: "quantty" } } },
 * });
 * mapping.ok; // false
 * mapping.issues?.[0]?.message; // "\"quantty\" is not a column of orders.csv (did you mean \"quantity\"?)"
 * ```
 */
export function parseColumnMapping(input: unknown): Result<ColumnMapping> {
  const shape = parseMappingShape(input);
  if (!shape.ok) return shape;
  const issues: Issue[] = protoKeys(input);
  const value = shape.value;
  const sources = new Map<string, string>();
  for (const [file, mapping] of Object.entries(value.files)) {
    const path: Path = ["files", file];
    const spec = BUNDLE_FILES[file];
    if (!Object.hasOwn(BUNDLE_FILES, file) || spec === undefined) {
      issues.push(
        named(path, `not a file of a bundle${didYouMean(file, Object.keys(BUNDLE_FILES))}`),
      );
      continue;
    }
    const from = mapping.from ?? file;
    const earlier = sources.get(from);
    if (earlier !== undefined)
      issues.push(named([...path, "from"], `${JSON.stringify(from)} is read for ${earlier} too`));
    sources.set(from, file);
    checkFile(file, mapping, path, issues);
  }
  // A file the mapping does not list is read from its own name: no listed file may take it.
  for (const file of Object.keys(BUNDLE_FILES)) {
    const reader = sources.get(file);
    if (!Object.hasOwn(value.files, file) && reader !== undefined && reader !== file)
      issues.push(
        named(
          ["files", reader, "from"],
          `${file} is a file of the bundle, read as itself: list ${file} with its own from to read ${reader} from it`,
        ),
      );
  }
  for (const [path, format] of [[[], value] as const, ...fileFormats(value)]) {
    if ((format.decimal ?? ".") === (format.thousands ?? ""))
      issues.push(named([...path, "thousands"], "must differ from the decimal separator"));
  }
  if (issues.length > 0) return { ok: false, issues };
  const files = value.files;
  return {
    ok: true,
    value: {
      description: value.description,
      file: (file) =>
        fileMapping(file, Object.hasOwn(files, file) ? (files[file] ?? {}) : {}, value),
    },
  };
}

/**
 * `__proto__` keys of the mapping's files, columns and constants: an object
 * key JSON keeps but a record drops, so refused rather than lost.
 */
function protoKeys(input: unknown): Issue[] {
  const issues: Issue[] = [];
  const own = (value: unknown): Record<string, unknown> =>
    typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  const check = (value: unknown, path: Path) => {
    if (Object.hasOwn(own(value), "__proto__"))
      issues.push(
        named([...path, "__proto__"], "__proto__ cannot name a file, a column or a field"),
      );
  };
  const files = own(input).files;
  check(files, ["files"]);
  for (const [file, mapping] of Object.entries(own(files))) {
    check(own(mapping).columns, ["files", file, "columns"]);
    check(own(mapping).constants, ["files", file, "constants"]);
  }
  return issues;
}

/** The formats of each file that sets its own, merged over the top-level ones, with its path. */
function fileFormats(value: ColumnMappingShape): (readonly [Path, FileMappingShape])[] {
  return Object.entries(value.files)
    .filter(([, mapping]) => mapping.decimal !== undefined || mapping.thousands !== undefined)
    .map(([file, mapping]) => [
      ["files", file],
      {
        ...mapping,
        decimal: mapping.decimal ?? value.decimal,
        thousands: mapping.thousands ?? value.thousands,
      },
    ]);
}

/** The problems of one file's mapping: columns, constants and fill-down name the file's own columns. */
function checkFile(file: string, mapping: FileMappingShape, path: Path, issues: Issue[]): void {
  const spec = BUNDLE_FILES[file];
  if (spec === undefined) return;
  const known = Object.keys(spec.columns);
  const isColumn = (name: string) => Object.hasOwn(spec.columns, name);
  const notColumn = (name: string) =>
    `${JSON.stringify(name)} is not a column of ${file}${didYouMean(name, known)}`;
  const givenBy = new Map<string, string>();
  const exportColumns = new Set<string>();
  for (const [source, target] of Object.entries(mapping.columns ?? {})) {
    const at = [...path, "columns", source];
    if (exportColumns.has(source.toLowerCase()))
      issues.push(
        named(at, `column ${JSON.stringify(source)} is mapped twice (headers match in any case)`),
      );
    exportColumns.add(source.toLowerCase());
    if (!isColumn(target)) issues.push(named(at, notColumn(target)));
    else if (givenBy.has(target))
      issues.push(
        named(at, `${target} is given by column ${JSON.stringify(givenBy.get(target))} already`),
      );
    givenBy.set(target, source);
  }
  for (const target of Object.keys(mapping.constants ?? {})) {
    const at = [...path, "constants", target];
    if (!isColumn(target)) issues.push(named(at, notColumn(target)));
    else if (givenBy.has(target))
      issues.push(named(at, `${target} is given by column ${JSON.stringify(givenBy.get(target))}`));
  }
  (mapping.fillDown ?? []).forEach((target, index) => {
    if (!isColumn(target)) issues.push(named([...path, "fillDown", index], notColumn(target)));
  });
  if (mapping.generateLineNumbers === true) {
    const at = [...path, "generateLineNumbers"];
    if (file !== "orders.csv") issues.push(named(at, "only orders.csv has line numbers"));
    else if (givenBy.has("line") || Object.hasOwn(mapping.constants ?? {}, "line"))
      issues.push(named(at, "line is given by the export already"));
  }
}

function named(path: Path, message: string): Issue {
  return { path, code: "invalid_value", message };
}

/** One bundle file's reading, from its part of the mapping over the top-level formats. */
function fileMapping(
  file: string,
  mapping: FileMappingShape,
  top: Partial<ColumnMappingShape>,
): FileMapping {
  const columns = Object.entries(mapping.columns ?? {});
  return {
    from: mapping.from ?? file,
    delimiter: mapping.delimiter ?? top.delimiter ?? ",",
    cells: {
      dateFormat: (mapping.dateFormat ?? top.dateFormat ?? "YYYY-MM-DD") as DateFormat,
      decimal: mapping.decimal ?? top.decimal ?? ".",
      thousands: mapping.thousands ?? top.thousands ?? "",
    },
    columns: new Map(columns.map(([source, target]) => [source.toLowerCase(), target])),
    columnNames: new Map(columns.map(([source]) => [source.toLowerCase(), source])),
    constants: new Map(
      Object.entries(mapping.constants ?? {}).map(([target, cell]) => [target, String(cell)]),
    ),
    ignore: new Set((mapping.ignore ?? []).map((name) => name.toLowerCase())),
    ignoreUnknown: mapping.ignoreUnknown ?? top.ignoreUnknown ?? false,
    fillDown: mapping.fillDown ?? [],
    generateLineNumbers: mapping.generateLineNumbers ?? false,
  };
}
