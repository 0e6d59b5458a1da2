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
  yield* pieces(value, "", options.depth ?? 2, options.onRow ?? (() => {}));
  yield "\n";
}

/** How {@link jsonPieces} cuts its text. */
export interface JsonPiecesOptions {
  /** How many levels of objects and arrays are opened; the default 2 opens a plan and its lists. */
  readonly depth?: number;
  /** Called after each element of an opened array is written: a count for progress. */
  readonly onRow?: () => void;
}

function* pieces(
  value: unknown,
  indent: string,
  depth: number,
  onRow: () => void,
): Generator<string> {
  if (depth <= 0 || typeof value !== "object" || value === null || hasToJson(value)) {
    const text = JSON.stringify(value, null, 2) ?? "null";
    yield indent === "" ? text : text.replace(/\n/g, `\n${indent}`);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield "[]";
      return;
    }
    yield "[";
    for (let index = 0; index < value.length; index++) {
      yield index === 0 ? `\n${inner}` : `,\n${inner}`;
      yield* pieces(value[index] ?? null, inner, depth - 1, onRow);
      onRow();
    }
    yield `\n${indent}]`;
    return;
  }
  let first = true;
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined || typeof field === "function" || typeof field === "symbol") continue;
    yield `${first ? "{" : ","}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* pieces(field, inner, depth - 1, onRow);
  }
  yield first ? "{}" : `\n${indent}}`;
}

function hasToJson(value: object): boolean {
  return typeof (value as { toJSON?: unknown }).toJSON === "function";
}
