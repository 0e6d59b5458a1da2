/*
 * Plain-text tables for a terminal: columns aligned by display width, so that
 * 深圳 (two columns per character) lines up with "shenzhen". Pure functions.
 */

/** A column of a text table. */
export interface Column {
  readonly title: string;
  /** Numbers and amounts read best right-aligned; the default is left. */
  readonly align?: "left" | "right";
}

/** A left-aligned column (text). */
export const left = (title: string): Column => ({ title });
/** A right-aligned column (numbers and amounts). */
export const right = (title: string): Column => ({ title, align: "right" });

/** A cell: numbers are printed as they are, strings are made safe for a terminal. */
export type Cell = string | number;

/** The rows of a table, read twice: once to measure the columns, once to write the lines. */
export type Rows = () => Iterable<readonly Cell[]>;

/**
 * The lines of a table: a header, a rule of dashes, one line per row, each
 * indented by `indent`. Trailing spaces are trimmed. The lines come one at a
 * time (R-SCALE-2): `rows` is read once to measure the columns and once more
 * to write them, so a table of a million rows holds no million strings.
 *
 * @example
 * ```ts
 * import { tableLines } from "./table.js";
 * [...tableLines([{ title: "sku" }, { title: "qty", align: "right" }], () => [["A", 12]])];
 * // ["  sku  qty", "  ---  ---", "  A     12"]
 * ```
 */
export function* tableLines(
  columns: readonly Column[],
  rows: Rows,
  indent = "  ",
  onRow: () => void = () => {},
): Generator<string> {
  const head = columns.map((column) => safeText(column.title));
  const widths = head.map(displayWidth);
  for (const row of rows()) {
    for (let index = 0; index < widths.length; index++) {
      const width = displayWidth(cellText(row[index]));
      if (width > (widths[index] ?? 0)) widths[index] = width;
    }
  }
  const line = (cells: readonly string[]): string =>
    `${indent}${cells
      .map((cell, index) => {
        const pad = " ".repeat((widths[index] ?? 0) - displayWidth(cell));
        return columns[index]?.align === "right" ? pad + cell : cell + pad;
      })
      .join("  ")}`.trimEnd();
  yield line(head);
  yield `${indent}${widths.map((w) => "-".repeat(w)).join("  ")}`;
  for (const row of rows()) {
    yield line(columns.map((_, index) => cellText(row[index])));
    onRow();
  }
}

/**
 * A titled table of `count` rows, or `  (none)`, after a blank line.
 *
 * @example
 * ```ts
 * import { sectionLines } from "./table.js";
 * [...sectionLines("Warnings", [{ title: "code" }], 0, () => [])]; // ["", "Warnings", "  (none)"]
 * ```
 */
export function* sectionLines(
  heading: string,
  columns: readonly Column[],
  count: number,
  rows: Rows,
  onRow?: () => void,
): Generator<string> {
  yield "";
  yield heading;
  if (count === 0) yield "  (none)";
  else yield* tableLines(columns, rows, "  ", onRow);
}

/**
 * The lines of a table of rows held in memory, as {@link tableLines} writes them.
 *
 * @example
 * ```ts
 * import { renderTable } from "./table.js";
 * renderTable([{ title: "id" }], [["x"]]); // ["  id", "  --", "  x"]
 * ```
 */
export function renderTable(
  columns: readonly Column[],
  rows: readonly (readonly Cell[])[],
  indent = "  ",
): string[] {
  return [...tableLines(columns, () => rows, indent)];
}

function cellText(cell: Cell | undefined): string {
  if (cell === undefined) return "";
  return typeof cell === "number" ? String(cell) : safeText(cell);
}

/**
 * Text as it may be written to a terminal: control characters (a newline in a
 * name, an escape sequence in an id) are shown as `\u{…}` escapes instead of
 * moving the cursor or breaking the layout.
 */
export function safeText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => {
    return `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`;
  });
}

/**
 * How many terminal columns `text` takes: East Asian wide and full-width
 * characters (CJK, kana, hangul, full-width forms, most emoji) take two,
 * combining marks and zero-width characters none, everything else one.
 */
export function displayWidth(text: string): number {
  // Printable ASCII, the common case (ids, numbers, amounts): one column each.
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let columns = 0;
  for (const char of text) columns += charWidth(char.codePointAt(0) ?? 0);
  return columns;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

function charWidth(code: number): number {
  if (
    (code >= 0x0300 && code <= 0x036f) || // combining diacritical marks
    (code >= 0x200b && code <= 0x200f) || // zero-width space, joiners, marks
    (code >= 0xfe00 && code <= 0xfe0f) // variation selectors
  ) {
    return 0;
  }
  const wide =
    (code >= 0x1100 && code <= 0x115f) || // hangul jamo
    (code >= 0x2e80 && code <= 0x303e) || // CJK radicals, ideographic punctuation
    (code >= 0x3041 && code <= 0x33ff) || // kana, bopomofo, CJK compatibility
    (code >= 0x3400 && code <= 0x4dbf) || // CJK extension A
    (code >= 0x4e00 && code <= 0x9fff) || // CJK unified ideographs
    (code >= 0xa000 && code <= 0xa4cf) || // yi
    (code >= 0xac00 && code <= 0xd7a3) || // hangul syllables
    (code >= 0xf900 && code <= 0xfaff) || // CJK compatibility ideographs
    (code >= 0xfe30 && code <= 0xfe4f) || // CJK compatibility forms
    (code >= 0xff00 && code <= 0xff60) || // full-width forms
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) || // pictographs, emoticons
    (code >= 0x1f900 && code <= 0x1f9ff) ||
    (code >= 0x20000 && code <= 0x3fffd); // CJK extensions B and beyond
  return wide ? 2 : 1;
}
