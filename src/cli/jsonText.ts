import { isAscii } from "node:buffer";

/*
 * The text side of reading big JSON (jsonScanner.ts): errors placed by byte
 * offset, line and column, and UTF-8 decoding of the runs handed to JSON.parse.
 */

/** A syntax error of a big JSON text, where it is: a byte offset, its line and its column. */
export class JsonTextError extends Error {
  /**
   * @param what what is wrong, as JSON.parse or the scanner says it
   * @param offset the byte offset (0 first) of the error, or of the value that holds it
   * @param line its line, 1 first
   * @param column its column on that line, 1 first, counted in bytes like the offset
   * @param inValue whether the offset is that of the value holding the error (JSON.parse gave no position)
   */
  constructor(
    readonly what: string,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
    readonly inValue = false,
  ) {
    super(
      `${inValue ? "in the value at" : "at"} byte ${offset} (line ${line}, column ${column}): ${what}`,
    );
  }
}

/** A single value of a big JSON text too long to be one string (over ~512 MiB of characters). */
export class JsonValueTooLong extends Error {}

/**
 * The bytes of one value (or run of elements) being scanned, from its first
 * byte on: the earlier chunks' parts kept, the current chunk's read in place.
 */
export class HeldBytes {
  /** The offset of the first byte kept, -1 when none is. */
  start = -1;
  private parts: Uint8Array[] = [];

  /** Keeps bytes from offset `at` on. */
  mark(at: number): void {
    this.start = at;
    this.parts = [];
  }

  clear(): void {
    this.start = -1;
    this.parts = [];
  }

  /** At the end of a chunk (whose first byte is at `chunkStart`): keeps its part. */
  keep(chunk: Uint8Array, chunkStart: number): void {
    if (this.start >= 0) this.parts.push(chunk.subarray(Math.max(0, this.start - chunkStart)));
  }

  /** The bytes kept up to offset `end`, the current chunk's included. */
  bytes(end: number, chunk: Uint8Array, chunkStart: number): Uint8Array {
    const from = Math.max(0, this.start - chunkStart);
    const here = chunk.subarray(from, Math.max(from, end - chunkStart));
    if (this.parts.length === 0) return here;
    return Buffer.concat([...this.parts, here], end - this.start);
  }
}

/** A line feed: lines are counted by it. */
export const NEWLINE = 0x0a;

/** Where a value starts: its byte offset, and the line it is on (number, offset of its first byte). */
export interface Place {
  readonly start: number;
  readonly line: number;
  readonly lineStart: number;
}

/**
 * JSON.parse of one value's text; a syntax error becomes a {@link JsonTextError}
 * at the byte JSON.parse names (`bytesFrom` gives the value's bytes from its
 * start, to count the lines before it), or at the value's start when it names
 * none (its "Unexpected token" messages give no position).
 *
 * @example
 * ```ts
 * import { parseAt } from "./jsonText.js";
 * const bytes = new TextEncoder().encode('{"a":\n 1 2}');
 * try {
 *   parseAt('{"a":\n 1 2}', { start: 100, line: 3, lineStart: 90 }, () => bytes);
 * } catch (error) {
 *   (error as Error).message; // "at byte 109 (line 4, column 4): Expected ',' or '}' after property value"
 * }
 * ```
 */
export function parseAt(text: string, place: Place, bytesFrom: () => Uint8Array): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const { start, line, lineStart } = place;
    const found = / in JSON at position (\d+)/.exec(error.message);
    if (found === null) {
      throw new JsonTextError(error.message, start, line, start - lineStart + 1, true);
    }
    const within = byteLength(text.slice(0, Number(found[1])));
    const bytes = bytesFrom();
    let at = line;
    let atStart = lineStart;
    for (let k = 0; k < within; k++) {
      if (bytes[k] === NEWLINE) {
        at++;
        atStart = start + k + 1;
      }
    }
    const what = error.message.slice(0, found.index);
    throw new JsonTextError(what, start + within, at, start + within - atStart + 1);
  }
}

export function hex(b: number): string {
  return b.toString(16).padStart(2, "0");
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/**
 * UTF-8 bytes → text; a value too long for one string says where it starts.
 * ASCII (checked natively) is decoded as ASCII, several times faster than
 * the UTF-8 decoder and the same text.
 */
export function decode(bytes: Uint8Array, from: number, to: number, offset: number): string {
  try {
    const view = Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from);
    return view.toString(isAscii(view) ? "ascii" : "utf8");
  } catch (error) {
    throw new JsonValueTooLong(
      `the value at byte ${offset} is ${to - from} bytes long, too long for one string (${(error as Error).message})`,
    );
  }
}
