/*
 * SHA-256 (FIPS 180-4) in plain TypeScript, fed incrementally: R-RUN-3 digests
 * a whole run's input, millions of lines, without building one giant string
 * and without node:crypto (the core stays runtime-neutral).
 *
 * Speed matters (a 1M-line wave writes ~80 MB): text is encoded straight into
 * one buffer, ASCII a byte per code unit, and whole 64-byte blocks of it are
 * compressed in one tight loop whenever the buffer fills.
 */

/** The round constants; as int32, since every sum is taken mod 2³² (`| 0`). */
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** Bytes buffered before their whole blocks are compressed: 256 blocks. */
const BUFFER_BYTES = 16_384;
/**
 * Code units encoded per step: at most 3 UTF-8 bytes each (a surrogate pair is
 * 4 bytes for 2 units), so a step fits in what a flush leaves (≥ BUFFER_BYTES − 63).
 */
const STEP_UNITS = 4096;
/** Room for the padding: 0x80, up to 63 zeros, the 8-byte length. */
const PADDING_BYTES = 72;
/** Room for the decimal digits of any safe integer (2⁵³ − 1 has 16). */
const INTEGER_BYTES = 16;

/**
 * An incremental SHA-256 (internal: R-RUN-3's `planId` is its only user):
 * {@link Sha256.text}, {@link Sha256.integer} and the length-prefixed
 * {@link Sha256.field} / {@link Sha256.integerField} any number of times,
 * then {@link Sha256.hex} once. test/domain/digest.test.ts holds it to node:crypto.
 */
export class Sha256 {
  private readonly h = new Int32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  private readonly buffer = new Uint8Array(BUFFER_BYTES);
  private readonly w = new Int32Array(64);
  /** Bytes in `buffer` not compressed yet. */
  private filled = 0;
  /** Bytes compressed so far; a double holds every length below 2^53. */
  private compressed = 0;

  /** Adds `value`'s UTF-8 bytes (a lone surrogate as U+FFFD, like TextEncoder). */
  text(value: string): this {
    if (value.length > STEP_UNITS) return this.longText(value);
    if (this.filled + 3 * value.length > BUFFER_BYTES) this.flush();
    this.filled = encodeUtf8(value, 0, value.length, this.buffer, this.filled);
    return this;
  }

  /**
   * Adds the ASCII decimal digits of `value`, a non-negative safe integer:
   * the bytes of `text(String(value))` without making the string.
   */
  integer(value: number): this {
    checkDigits(value);
    if (this.filled + INTEGER_BYTES > BUFFER_BYTES) this.flush();
    this.filled = writeInteger(value, this.buffer, this.filled);
    return this;
  }

  /**
   * Adds a length-prefixed field, `${tag.length + text.length}:${tag}${text}`
   * (the length in UTF-16 code units), in one step: R-RUN-3 writes millions.
   */
  field(tag: string, text: string): this {
    const units = tag.length + text.length;
    if (units > STEP_UNITS) return this.integer(units).text(":").text(tag).text(text);
    if (this.filled + INTEGER_BYTES + 1 + 3 * units > BUFFER_BYTES) this.flush();
    const { buffer } = this;
    let at = writeInteger(units, buffer, this.filled);
    buffer[at++] = 0x3a; // ":"
    at = encodeUtf8(tag, 0, tag.length, buffer, at);
    this.filled = encodeUtf8(text, 0, text.length, buffer, at);
    return this;
  }

  /** {@link Sha256.field} of an integer's digits: `${tag.length + digits}:${tag}${digits}`. */
  integerField(tag: string, value: number): this {
    checkDigits(value);
    if (tag.length > STEP_UNITS) {
      return this.integer(tag.length + decimalDigits(value))
        .text(":")
        .text(tag)
        .integer(value);
    }
    if (this.filled + 2 * INTEGER_BYTES + 1 + 3 * tag.length > BUFFER_BYTES) this.flush();
    const { buffer } = this;
    let at = writeInteger(tag.length + decimalDigits(value), buffer, this.filled);
    buffer[at++] = 0x3a; // ":"
    at = encodeUtf8(tag, 0, tag.length, buffer, at);
    this.filled = writeInteger(value, buffer, at);
    return this;
  }

  /** The digest as 64 lowercase hex digits. Call it once, last. */
  hex(): string {
    const bits = (this.compressed + this.filled) * 8;
    if (this.filled + PADDING_BYTES > BUFFER_BYTES) this.flush();
    const { buffer } = this;
    buffer[this.filled++] = 0x80;
    while (this.filled % 64 !== 56) buffer[this.filled++] = 0;
    // The length in bits, a 64-bit big-endian integer.
    for (const word of [Math.floor(bits / 0x100000000), bits >>> 0]) {
      for (let shift = 24; shift >= 0; shift -= 8) buffer[this.filled++] = (word >>> shift) & 0xff;
    }
    this.flush();
    let out = "";
    for (const word of this.h) out += (word >>> 0).toString(16).padStart(8, "0");
    return out;
  }

  /** {@link Sha256.text} of a long text, a step at a time. */
  private longText(value: string): this {
    let start = 0;
    while (start < value.length) {
      let end = Math.min(value.length, start + STEP_UNITS);
      // A surrogate pair is encoded in one step, never split between two.
      if (
        end < value.length &&
        isHighSurrogate(value.charCodeAt(end - 1)) &&
        isLowSurrogate(value.charCodeAt(end))
      )
        end++;
      if (this.filled + 3 * (end - start) > BUFFER_BYTES) this.flush();
      this.filled = encodeUtf8(value, start, end, this.buffer, this.filled);
      start = end;
    }
    return this;
  }

  /** Compresses the whole blocks buffered and keeps the rest (under 64 bytes) for later. */
  private flush(): void {
    const whole = this.filled - (this.filled % 64);
    compressBlocks(this.h, this.w, this.buffer, whole);
    this.buffer.copyWithin(0, whole, this.filled);
    this.filled -= whole;
    this.compressed += whole;
  }
}

/**
 * Refuses what {@link writeInteger} cannot write: a wrong digit would not
 * fail, it would silently give another digest.
 */
function checkDigits(value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`not a non-negative safe integer: ${value}`);
  }
}

/** The number of decimal digits of a non-negative safe integer (1 for 0). */
function decimalDigits(value: number): number {
  let digits = 1;
  // Powers of ten are exact doubles up to 10²², beyond 2⁵³'s 16 digits.
  for (let bound = 10; value >= bound; bound *= 10) digits++;
  return digits;
}

/** Writes the decimal digits of a non-negative safe integer into `out` from `at`; returns where they end. */
function writeInteger(value: number, out: Uint8Array, at: number): number {
  const end = at + decimalDigits(value);
  let next = end;
  // The digits from the last one: in doubles while above 2³¹ (exact, as
  // (rest − digit) / 10 is a whole number), then in cheaper int32 arithmetic.
  let rest = value;
  while (rest > 0x7fffffff) {
    const digit = rest % 10;
    out[--next] = 0x30 + digit;
    rest = (rest - digit) / 10;
  }
  let small = rest | 0;
  do {
    out[--next] = 0x30 + (small % 10);
    small = (small / 10) | 0;
  } while (small > 0);
  return end;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Writes the UTF-8 bytes of `text[start, end)` into `out` from `at`; returns
 * where they end. `out` must have room for 3 bytes per code unit.
 */
function encodeUtf8(text: string, start: number, end: number, out: Uint8Array, at: number): number {
  let next = at;
  for (let i = start; i < end; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      out[next++] = code;
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      // A pair only within [start, end): the caller never cuts one in two.
      const low = i + 1 < end ? text.charCodeAt(i + 1) : 0;
      if (code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      } else code = 0xfffd;
    }
    if (code < 0x800) {
      out[next++] = 0xc0 | (code >> 6);
    } else if (code < 0x10000) {
      out[next++] = 0xe0 | (code >> 12);
      out[next++] = 0x80 | ((code >> 6) & 0x3f);
    } else {
      out[next++] = 0xf0 | (code >> 18);
      out[next++] = 0x80 | ((code >> 12) & 0x3f);
      out[next++] = 0x80 | ((code >> 6) & 0x3f);
    }
    out[next++] = 0x80 | (code & 0x3f);
  }
  return next;
}

/** Compresses `bytes[0, end)`, whole 64-byte blocks, into the state `h`; `w` is scratch. */
function compressBlocks(h: Int32Array, w: Int32Array, bytes: Uint8Array, end: number): void {
  let h0 = h[0] as number;
  let h1 = h[1] as number;
  let h2 = h[2] as number;
  let h3 = h[3] as number;
  let h4 = h[4] as number;
  let h5 = h[5] as number;
  let h6 = h[6] as number;
  let h7 = h[7] as number;
  for (let block = 0; block < end; block += 64) {
    for (let t = 0; t < 16; t++) {
      const j = block + t * 4;
      w[t] =
        ((bytes[j] as number) << 24) |
        ((bytes[j + 1] as number) << 16) |
        ((bytes[j + 2] as number) << 8) |
        (bytes[j + 3] as number);
    }
    for (let t = 16; t < 64; t++) {
      const a = w[t - 15] as number;
      const b = w[t - 2] as number;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[t] = ((w[t - 16] as number) + s0 + (w[t - 7] as number) + s1) | 0;
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    let f = h5;
    let g = h6;
    let k = h7;
    for (let t = 0; t < 64; t++) {
      const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (k + s1 + ((e & f) ^ (~e & g)) + (K[t] as number) + (w[t] as number)) | 0;
      const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      k = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
    h5 = (h5 + f) | 0;
    h6 = (h6 + g) | 0;
    h7 = (h7 + k) | 0;
  }
  h[0] = h0;
  h[1] = h1;
  h[2] = h2;
  h[3] = h3;
  h[4] = h4;
  h[5] = h5;
  h[6] = h6;
  h[7] = h7;
}
