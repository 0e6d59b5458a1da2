import { JsonScanner } from "./jsonScanner.js";

/*
 * Reading a JSON input from its bytes (R-SCALE-2). Up to BIG_JSON_BYTES the
 * text is decoded whole and given to JSON.parse, exactly as before; above it,
 * the bytes go through the JsonScanner as they come and are never one string.
 */

/**
 * Inputs bigger than this many bytes (256 MiB) are read element by element: a
 * V8 string holds at most ~512 MiB of characters, and half of it leaves room
 * for text that decodes to more characters than bytes would suggest and for
 * the one copy JSON.parse makes of what it reads.
 */
export const BIG_JSON_BYTES = 256 * 1024 * 1024;

/** How {@link readJson} reads. */
export interface ReadJsonOptions {
  /** Texts longer than this many bytes are scanned; default {@link BIG_JSON_BYTES}. */
  readonly threshold?: number;
  /** About how many bytes of array elements one JSON.parse reads when scanning; default 1 MiB. */
  readonly batchBytes?: number;
}

/**
 * The value of the JSON text whose bytes `chunks` yield, in order. A small
 * text (up to `threshold` bytes) is decoded whole and parsed by JSON.parse,
 * a leading BOM removed: its errors are JSON.parse's SyntaxError. A bigger one
 * is scanned ({@link JsonScanner}): the same value, and a {@link JsonTextError}
 * with the byte offset, line and column of what is malformed.
 *
 * @example
 * ```ts
 * import { readJson } from "./jsonRead.js";
 * const bytes = new TextEncoder().encode('{"orders": [{"id": "SO-1"}]}');
 * const chunks = (async function* () {
 *   yield bytes.subarray(0, 5); // cut anywhere, even inside a character
 *   yield bytes.subarray(5);
 * })();
 * readJson(chunks, { threshold: -1 }); // a Promise of the value, { orders: [{ id: "SO-1" }] }, scanned
 * ```
 */
export async function readJson(
  chunks: AsyncIterable<Uint8Array>,
  { threshold = BIG_JSON_BYTES, batchBytes }: ReadJsonOptions = {},
): Promise<unknown> {
  const held: Uint8Array[] = [];
  let size = 0;
  let scanner: JsonScanner | undefined;
  for await (const chunk of chunks) {
    if (scanner !== undefined) {
      scanner.push(chunk);
      continue;
    }
    held.push(chunk);
    size += chunk.length;
    if (size > threshold) {
      scanner = new JsonScanner(batchBytes === undefined ? {} : { batchBytes });
      // Pushed one by one and let go: the text is never held whole.
      for (let next = held.shift(); next !== undefined; next = held.shift()) scanner.push(next);
    }
  }
  if (scanner !== undefined) return scanner.end();
  // No chunk at all, and a threshold below zero: scanned too.
  if (size > threshold) return new JsonScanner().end();
  const text = Buffer.concat(held, size).toString("utf8");
  return JSON.parse(text.replace(/^\uFEFF/, ""));
}
