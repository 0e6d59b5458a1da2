import {
  byteLength,
  decode,
  HeldBytes,
  hex,
  JsonTextError,
  NEWLINE,
  type Place,
  parseAt,
} from "./jsonText.js";

/*
 * JSON too big for one string (R-SCALE-2), read from its bytes as they come.
 * A V8 string holds at most 2^29 - 24 characters (~512 MiB): a 5,000,000-line
 * wave's JSON is about that size, so it cannot be decoded whole. This scanner
 * walks the bytes and cuts the text at the elements of the top-level value's
 * arrays — the top-level array's elements, or those of each array member of
 * the top-level object — and hands runs of whole elements (about `batchBytes`
 * of them) to the native JSON.parse, which stays fast and checks what is
 * inside them. The value built is the one JSON.parse of the whole text gives.
 *
 * The scanner itself only tracks strings (quote, backslash escape) and bracket
 * depth inside an element, and checks the few bytes between elements and
 * members exactly (whitespace, `,` `:` `[` `]` `{` `}`): every byte is either
 * checked here or read by JSON.parse, so malformed JSON is refused as JSON.parse
 * refuses it. UTF-8 is decoded per run of whole elements, which always starts
 * and ends on an ASCII byte: a character split between chunks is never cut.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const BOM = [0xef, 0xbb, 0xbf];

// Where the scanner is, outside the elements it hands to JSON.parse.
const BEFORE = 0; // before the top-level value (a BOM, whitespace)
const KEY_OR_END = 1; // after `{`: a key or `}`
const KEY = 2; // after `,` in the top-level object: a key
const COLON_NEXT = 3; // after a key: `:`
const VALUE = 4; // after `:`: a member's value (an array is split)
const AFTER_MEMBER = 5; // after a member: `,` or `}`
const ITEM_OR_END = 6; // after `[` of a split array: an element or `]`
const ITEM = 7; // after `,` in a split array: an element
const AFTER_ITEM = 8; // after an element: `,` or `]`
const ELEMENT = 9; // inside a value handed to JSON.parse
const DONE = 10; // after the top-level value: whitespace only
const IN_BOM = 11; // inside the BOM

// What the element being scanned is.
const CONTAINER = 0; // an object or array: ends where its bracket closes
const STRING = 1; // ends at its closing quote
const SCALAR = 2; // a number or literal: ends before whitespace, `,`, `]` or `}`

// Where the element goes once parsed, and where the scan goes on after it.
const TO_ROOT = 0;
const TO_MEMBER = 1;
const TO_ITEMS = 2;
const TO_KEY = 3; // a key of the top-level object is parsed as a string element
const AFTER = [DONE, AFTER_MEMBER, AFTER_ITEM, COLON_NEXT];

/** Where an element of the pending run starts and ends, and the line it starts on. */
interface Span extends Place {
  readonly end: number;
}

/**
 * A push parser: {@link push} the bytes in order, then {@link end} returns the
 * value. Throws a {@link JsonTextError} on the first malformed byte, and an
 * Error for a single value too big for one string.
 *
 * @example
 * ```ts
 * import { JsonScanner } from "./jsonScanner.js";
 * const scanner = new JsonScanner({ batchBytes: 4 });
 * const bytes = new TextEncoder().encode('{"a": [1, {"b": "é"}], "c": 2}');
 * scanner.push(bytes.subarray(0, 17)); // cuts "é" in two: decoded only once whole
 * scanner.push(bytes.subarray(17));
 * scanner.end(); // { a: [1, { b: "é" }], c: 2 }
 * ```
 */
export class JsonScanner {
  private readonly batchBytes: number;
  private state = BEFORE;
  private root: unknown;
  private key = "";
  private items: unknown[] = [];
  // The element being scanned.
  private kind = CONTAINER;
  private into = TO_ROOT;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private elementStart = 0;
  private elementLine = 1;
  private elementLineStart = 0;
  // Where the scan is: the chunk, its first byte's offset, lines so far.
  private chunk: Uint8Array = new Uint8Array(0);
  private chunkStart = 0;
  private line = 1;
  private lineStart = 0;
  /** The bytes of the value (or run of elements) being read. */
  private readonly held = new HeldBytes();
  private run: Span[] = [];

  /** `batchBytes`: about how many bytes of elements one JSON.parse reads (default 1 MiB). */
  constructor({ batchBytes = 1 << 20 }: { readonly batchBytes?: number } = {}) {
    this.batchBytes = batchBytes;
  }

  /** Scans the next bytes of the text. */
  push(chunk: Uint8Array): void {
    this.chunk = chunk;
    let i = 0;
    while (i < chunk.length) {
      i = this.state === ELEMENT ? this.scanElement(i) : this.scanStructure(i);
    }
    this.held.keep(chunk, this.chunkStart);
    this.chunkStart += chunk.length;
    this.chunk = new Uint8Array(0);
  }

  /** The value of the whole text, once every byte is pushed. */
  end(): unknown {
    const offset = this.chunkStart;
    // A number or literal may end with the text.
    if (this.state === ELEMENT && this.kind === SCALAR && this.depth === 0) this.finish(offset);
    if (this.state !== DONE) {
      this.flush();
      throw this.error(this.state === BEFORE ? "no value" : "unexpected end of the text", offset);
    }
    return this.root;
  }

  /** One byte of the structure around the elements; returns where to go on. */
  private scanStructure(i: number): number {
    const b = this.chunk[i] as number;
    const at = this.chunkStart + i;
    if (this.state === IN_BOM) {
      if (b !== BOM[at]) throw this.error(`unexpected byte 0x${hex(b)}`, at);
      if (at === BOM.length - 1) this.state = BEFORE;
      return i + 1;
    }
    if (b === 0x20 || b === 0x09 || b === 0x0d) return i + 1;
    if (b === NEWLINE) {
      this.newline(at);
      return i + 1;
    }
    switch (this.state) {
      case BEFORE:
        if (at === 0 && b === BOM[0]) return this.go(IN_BOM, i);
        if (b === OPEN_OBJECT) {
          this.root = {};
          return this.go(KEY_OR_END, i);
        }
        if (b === OPEN_ARRAY) {
          this.items = [];
          this.root = this.items;
          return this.go(ITEM_OR_END, i);
        }
        return this.startElement(i, TO_ROOT);
      case KEY_OR_END:
      case KEY:
        if (b === QUOTE) return this.startElement(i, TO_KEY);
        if (b === CLOSE_OBJECT && this.state === KEY_OR_END) return this.go(DONE, i);
        throw this.unexpected(b, at, "a double-quoted property name");
      case COLON_NEXT:
        if (b !== COLON) throw this.unexpected(b, at, "':' after the property name");
        return this.go(VALUE, i);
      case VALUE:
        if (b === OPEN_ARRAY) {
          this.items = [];
          this.setMember(this.items);
          return this.go(ITEM_OR_END, i);
        }
        return this.startElement(i, TO_MEMBER);
      case AFTER_MEMBER:
        if (b === COMMA) return this.go(KEY, i);
        if (b === CLOSE_OBJECT) return this.go(DONE, i);
        throw this.unexpected(b, at, "',' or '}' after a property value");
      case ITEM_OR_END:
      case ITEM:
        if (b === CLOSE_ARRAY && this.state === ITEM_OR_END) return this.closeItems(i);
        return this.startElement(i, TO_ITEMS);
      case AFTER_ITEM:
        if (b === COMMA) return this.go(ITEM, i);
        if (b === CLOSE_ARRAY) return this.closeItems(i);
        throw this.unexpected(b, at, "',' or ']' after an array element");
      default:
        throw this.unexpected(b, at, "nothing more after the value");
    }
  }

  /** An element starts at byte `i`: a container, a string or a scalar. */
  private startElement(i: number, into: number): number {
    const b = this.chunk[i] as number;
    const at = this.chunkStart + i;
    if (b === CLOSE_ARRAY || b === CLOSE_OBJECT || b === COMMA || b === COLON) {
      throw this.unexpected(b, at, "a value");
    }
    this.into = into;
    this.kind = b === OPEN_OBJECT || b === OPEN_ARRAY ? CONTAINER : b === QUOTE ? STRING : SCALAR;
    this.depth = this.kind === CONTAINER ? 1 : 0;
    this.inString = this.kind === STRING;
    this.escaped = false;
    this.elementStart = at;
    this.elementLine = this.line;
    this.elementLineStart = this.lineStart;
    if (this.held.start < 0) this.held.mark(at);
    return this.go(ELEMENT, i);
  }

  /** The hot loop: bytes of an element until it ends (or the chunk does). */
  private scanElement(i: number): number {
    const chunk = this.chunk;
    const n = chunk.length;
    let { depth, inString, escaped } = this;
    const scalar = this.kind === SCALAR;
    for (; i < n; i++) {
      const b = chunk[i] as number;
      if (inString) {
        if (escaped) escaped = false;
        else if (b === BACKSLASH) escaped = true;
        else if (b === QUOTE) {
          inString = false;
          if (depth === 0) {
            i++;
            break;
          }
        } else if (b === NEWLINE) this.newline(this.chunkStart + i);
      } else if (scalar) {
        // A scalar ends before the first byte that cannot continue it (JSON.parse checks the rest).
        if (b === COMMA || b === CLOSE_ARRAY || b === CLOSE_OBJECT || b <= 0x20) break;
      } else if (b === QUOTE) inString = true;
      else if (b === OPEN_OBJECT || b === OPEN_ARRAY) depth++;
      else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
        if (--depth === 0) {
          i++;
          break;
        }
      } else if (b === NEWLINE) this.newline(this.chunkStart + i);
    }
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
    if (i < n || (!scalar && depth === 0 && !inString)) this.finish(this.chunkStart + i);
    return i;
  }

  /** The element ends before byte `end`: parsed now, or kept for the run of elements. */
  private finish(end: number): void {
    const into = this.into;
    this.state = AFTER[into] as number;
    const span = {
      start: this.elementStart,
      end,
      line: this.elementLine,
      lineStart: this.elementLineStart,
    };
    if (into === TO_ITEMS) {
      this.run.push(span);
      if (end - this.held.start >= this.batchBytes) this.flush();
      return;
    }
    const value = this.parse(this.take(end), span);
    this.held.clear();
    if (into === TO_KEY) this.key = value as string;
    else if (into === TO_ROOT) this.root = value;
    else this.setMember(value);
  }

  /** Parses the pending run of elements and appends them to the array they belong to. */
  private flush(): void {
    const run = this.run;
    if (run.length === 0) return;
    const first = run[0] as Span;
    const last = run[run.length - 1] as Span;
    const bytes = this.bytes(last.end);
    let values: unknown[];
    try {
      values = JSON.parse(`[${decode(bytes, 0, bytes.length, first.start)}]`);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      // Which element, and where in it: each parsed alone.
      for (const span of run) {
        const from = span.start - this.held.start;
        const text = decode(bytes, from, span.end - this.held.start, span.start);
        this.parse(text, span, () => bytes.subarray(from));
      }
      throw new JsonTextError(
        error.message,
        first.start,
        first.line,
        first.start - first.lineStart + 1,
        true,
      );
    }
    const items = this.items;
    for (const value of values) items.push(value);
    this.run = [];
    this.held.clear();
  }

  private closeItems(i: number): number {
    this.flush();
    this.state = this.root === this.items ? DONE : AFTER_MEMBER;
    return i + 1;
  }

  /** Goes on to `state` after byte `i`. */
  private go(state: number, i: number): number {
    this.state = state;
    return i + 1;
  }

  /** As JSON.parse sets a member: the last of a repeated key wins, `__proto__` is a plain key. */
  private setMember(value: unknown): void {
    Object.defineProperty(this.root, this.key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }

  /** JSON.parse of one value's text, its errors placed (see {@link parseAt}). */
  private parse(text: string, place: Place, bytesFrom?: () => Uint8Array): unknown {
    return parseAt(text, place, bytesFrom ?? (() => this.bytes(place.start + byteLength(text))));
  }

  private newline(at: number): void {
    this.line++;
    this.lineStart = at + 1;
  }

  /** The kept bytes up to `end`. */
  private bytes(end: number): Uint8Array {
    return this.held.bytes(end, this.chunk, this.chunkStart);
  }

  private take(end: number): string {
    const bytes = this.bytes(end);
    return decode(bytes, 0, bytes.length, this.held.start);
  }

  private unexpected(b: number, at: number, expected: string): JsonTextError {
    this.flush();
    const what = b < 0x80 && b >= 0x20 ? `'${String.fromCharCode(b)}'` : `byte 0x${hex(b)}`;
    return this.error(`unexpected ${what}, expected ${expected}`, at);
  }

  private error(what: string, at: number): JsonTextError {
    return new JsonTextError(what, at, this.line, at - this.lineStart + 1);
  }
}
