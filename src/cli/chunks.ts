/*
 * Output in pieces (R-SCALE-2): a plan of a million lines is never one string.
 * The renderers yield small pieces; `batched` joins them into chunks of about
 * 64 KiB for the `Io` to write, so that neither a giant string nor a million
 * tiny writes is made. Pure generators: nothing is written here.
 */

/** About how many characters a chunk handed to the `Io` holds. */
export const CHUNK_SIZE = 64 * 1024;

/**
 * The pieces joined into chunks of at least `size` characters (the last one
 * may be shorter); no chunk is empty.
 *
 * @example
 * ```ts
 * import { batched } from "./chunks.js";
 * [...batched(["ab", "c", "de"], 3)]; // ["abc", "de"]
 * ```
 */
export function* batched(pieces: Iterable<string>, size: number = CHUNK_SIZE): Generator<string> {
  let buffer: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    buffer.push(piece);
    length += piece.length;
    if (length >= size) {
      yield buffer.join("");
      buffer = [];
      length = 0;
    }
  }
  if (length > 0) yield buffer.join("");
}

/**
 * `JSON.stringify(value, null, 2)` and a newline, in pieces: the same bytes,
 * without the one string. Objects and arrays are opened down to `depth`
 * levels (the plan and its lists); below that, each element is one
 * `JSON.stringify` re-indented, which gives the same text because JSON
 * strings never hold a raw line break. Like `JSON.stringify`, fields whose
 * value is `undefined` are left out and `undefined` array elements are
 * written `null`.
 *
 * @example
 * ```ts
 * import { jsonPieces } from "./chunks.js";
 * [...jsonPieces({ a: [1, { b: 2 }], c: [] })].join(""); // `${JSON.stringify({ a: [1, { b: 2 }], c: [] }, null, 2)}\n`
 * ```
 */
export function* jsonPieces(value: unknown, options: JsonPiecesOptions = {}): Generator<string> {
  const onRow = options.onRow ?? (() => {});
  const depth = options.depth ?? 2;
  const { lists } = options;
  if (lists !== undefined && opened(value, depth) && !Array.isArray(value)) {
    yield* objectPieces(value, "", depth, onRow, lists);
  } else {
    yield* pieces(value, "", depth, onRow);
  }
  yield "\n";
}

/**
 * A list written element by element from `at` (0 first) instead of the
 * property's value: an array as big as `size`, made one element at a time.
 */
export interface LazyList {
  readonly size: number;
  at(index: number): unknown;
}

/** How {@link jsonPieces} cuts its text. */
export interface JsonPiecesOptions {
  /** How many levels of objects and arrays are opened; the default 2 opens a plan and its lists. */
  readonly depth?: number;
  /** Called after each element of an opened array is written: a count for progress. */
  readonly onRow?: () => void;
  /**
   * Top-level properties written from a {@link LazyList} rather than read:
   * the plan's trace, streamed from its compact record (the getter that would
   * make every decision at once is never called).
   */
  readonly lists?: ReadonlyMap<string, LazyList>;
}

function* pieces(
  value: unknown,
  indent: string,
  depth: number,
  onRow: () => void,
): Generator<string> {
  if (opened(value, depth)) {
    yield* Array.isArray(value)
      ? lazyPieces({ size: value.length, at: (index) => value[index] }, indent, depth, onRow)
      : objectPieces(value, indent, depth, onRow, NO_LISTS);
    return;
  }
  const text = JSON.stringify(value, null, 2) ?? "null";
  yield indent === "" ? text : text.replace(/\n/g, `\n${indent}`);
}

/** Whether a value is written opened (its fields or elements one by one) rather than as one JSON.stringify. */
function opened(value: unknown, depth: number): value is object {
  return depth > 0 && typeof value === "object" && value !== null && !hasToJson(value);
}

const NO_LISTS: ReadonlyMap<string, LazyList> = new Map();

function* objectPieces(
  value: object,
  indent: string,
  depth: number,
  onRow: () => void,
  lists: ReadonlyMap<string, LazyList>,
): Generator<string> {
  const inner = `${indent}  `;
  let first = true;
  // Keys first, each value read only when its turn comes (and a lazy list's never).
  for (const key of Object.keys(value)) {
    const list = lists.get(key);
    const field = list === undefined ? (value as Record<string, unknown>)[key] : undefined;
    if (list === undefined && !written(field)) continue;
    yield `${first ? "{" : ","}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    if (list === undefined) yield* pieces(field, inner, depth - 1, onRow);
    else yield* lazyPieces(list, inner, depth - 1, onRow);
  }
  yield first ? "{}" : `\n${indent}}`;
}

/** What JSON.stringify writes of an object's property: not undefined, a function or a symbol. */
function written(field: unknown): boolean {
  return field !== undefined && typeof field !== "function" && typeof field !== "symbol";
}

/** A lazy list as {@link pieces} writes an array, one element made at a time. */
function* lazyPieces(
  list: LazyList,
  indent: string,
  depth: number,
  onRow: () => void,
): Generator<string> {
  if (list.size === 0) {
    yield "[]";
    return;
  }
  const inner = `${indent}  `;
  yield "[";
  for (let index = 0; index < list.size; index++) {
    yield index === 0 ? `\n${inner}` : `,\n${inner}`;
    yield* pieces(list.at(index) ?? null, inner, depth - 1, onRow);
    onRow();
  }
  yield `\n${indent}]`;
}

function hasToJson(value: object): boolean {
  return typeof (value as { toJSON?: unknown }).toJSON === "function";
}
