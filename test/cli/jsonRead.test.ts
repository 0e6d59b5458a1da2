/**
 * R-SCALE-2: reading a JSON input too big for one string — the scanner's
 * errors with their byte offset, line and column, the small-file path as
 * before, and the CLI reading through an `Io` that gives bytes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Io } from "../../src/cli/io.js";
import { BIG_JSON_BYTES, readJson } from "../../src/cli/jsonRead.js";
import { JsonScanner } from "../../src/cli/jsonScanner.js";
import { JsonTextError, parseAt } from "../../src/cli/jsonText.js";
import { run } from "../../src/cli/run.js";
import { allocate } from "../../src/index.js";
import { memoryIo } from "../support/memoryIo.js";

const encoder = new TextEncoder();

async function* chunksOf(text: string, size = 3): AsyncGenerator<Uint8Array> {
  const bytes = encoder.encode(text);
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/** The error the scanner throws for `text`, read in 3-byte chunks. */
async function scanError(text: string): Promise<JsonTextError> {
  try {
    await readJson(chunksOf(text), { threshold: -1, batchBytes: 8 });
  } catch (error) {
    if (error instanceof JsonTextError) return error;
    throw error;
  }
  throw new Error(`read without an error: ${text}`);
}

describe("the scanner's errors", () => {
  it("names the byte offset, line and column of a structural error", async () => {
    const error = await scanError('{"orders": [1, 2,, 3]}');
    expect(error.message).toBe("at byte 17 (line 1, column 18): unexpected ',', expected a value");
    expect([error.offset, error.line, error.column, error.inValue]).toEqual([17, 1, 18, false]);
  });

  it("counts lines and bytes: a multi-byte character before the error counts its bytes", async () => {
    const text = '{\n  "regions": [\n    {"id": "深圳"},\n    {"id" 1}\n  ]\n}\n';
    const error = await scanError(text);
    // JSON.parse names the position: "Expected ':' after property name".
    expect(error.message).toBe("at byte 49 (line 4, column 11): Expected ':' after property name");
    expect(encoder.encode(text).subarray(error.offset, error.offset + 1)).toEqual(
      encoder.encode("1"),
    );
  });

  it("names the value holding the error when JSON.parse gives no position", async () => {
    const error = await scanError('{"a": [\n  {"id": }\n]}');
    expect(error.inValue).toBe(true);
    expect(error.message).toMatch(
      /^in the value at byte 10 \(line 2, column 3\): Unexpected token/,
    );
  });

  it("reports an error in an earlier element of a run before a later structural one", async () => {
    const error = await scanError('{"a": [{"x": 01}, 2 3]}');
    // The "1" after "0" (JSON.parse names it), not the "3" further on.
    expect(error.offset).toBe(14);
    expect(error.what).toBe("Unexpected number");
  });

  it("refuses an early end, nothing at all, a second value, a bad key and a BOM not at the start", async () => {
    expect((await scanError('{"a": [1, 2')).message).toBe(
      "at byte 11 (line 1, column 12): unexpected end of the text",
    );
    expect((await scanError("   ")).what).toBe("no value");
    expect((await scanError('{"a": 1} {')).what).toBe(
      "unexpected '{', expected nothing more after the value",
    );
    expect((await scanError('{"a": 1, 2: 3}')).what).toBe(
      "unexpected '2', expected a double-quoted property name",
    );
    expect((await scanError('{"a\\x": 1}')).what).toBe("Bad escaped character");
    expect((await scanError(' \uFEFF{"a": 1}')).inValue).toBe(true);
    expect((await scanError('{"a" 1}')).what).toBe(
      "unexpected '1', expected ':' after the property name",
    );
  });

  it("places an error JSON.parse finds by the value's own start and line", () => {
    const text = '{"a":\n 1 2}';
    expect(() =>
      parseAt(text, { start: 100, line: 3, lineStart: 90 }, () => encoder.encode(text)),
    ).toThrow("at byte 109 (line 4, column 4): Expected ',' or '}' after property value");
  });
});

describe("what is read", () => {
  it("a BOM at the start is skipped, by the scanner as by the small path", async () => {
    const text = '\uFEFF{"a": [1, "é"], "b": {"c": null}}';
    const small = await readJson(chunksOf(text, 1));
    expect(small).toEqual({ a: [1, "é"], b: { c: null } });
    expect(await readJson(chunksOf(text, 1), { threshold: -1 })).toEqual(small);
  });

  it("a top-level array, string or number is read whole by the scanner too", async () => {
    for (const text of [
      '[{"a": 1}, [2], "x", 3.5e2, true, null]',
      '"just text"',
      " 12 ",
      "[]",
      "{}",
    ]) {
      expect(await readJson(chunksOf(text, 2), { threshold: -1, batchBytes: 1 })).toEqual(
        JSON.parse(text),
      );
    }
  });

  it("small texts give JSON.parse's own error, as before", async () => {
    await expect(readJson(chunksOf('{"a": }'))).rejects.toThrow(SyntaxError);
    await expect(readJson(chunksOf('{"a": }'))).rejects.not.toBeInstanceOf(JsonTextError);
  });

  it("the threshold is 256 MiB, and a text of exactly that many bytes is not scanned", async () => {
    expect(BIG_JSON_BYTES).toBe(256 * 1024 * 1024);
    const text = '{"a": }';
    await expect(readJson(chunksOf(text), { threshold: text.length })).rejects.toThrow(SyntaxError);
    await expect(readJson(chunksOf(text), { threshold: text.length - 1 })).rejects.toThrow(
      JsonTextError,
    );
  });

  it("the scanner is a push parser: push chunks, then end", () => {
    const scanner = new JsonScanner({ batchBytes: 4 });
    const bytes = encoder.encode('{"a": [1, {"b": "é"}], "c": 2}');
    scanner.push(bytes.subarray(0, 17));
    scanner.push(bytes.subarray(17));
    expect(scanner.end()).toEqual({ a: [1, { b: "é" }], c: 2 });
  });
});

const SAMPLE_TEXT = readFileSync(
  join(import.meta.dirname, "..", "..", "examples", "data", "spring-wave.json"),
  "utf8",
);

/** An in-memory Io that gives the files' bytes in 7-byte chunks and scans anything over `big` bytes. */
function bytesIo(inputs: Record<string, string>, big: number) {
  const io = memoryIo({ inputs });
  const withBytes: Io = {
    ...io,
    bigJsonBytes: big,
    async *readChunks(path) {
      const text = inputs[path];
      if (text === undefined) throw new Error(`no ${path}`);
      yield* chunksOf(text, 7);
    },
  };
  return { io, withBytes };
}

describe("the CLI reading bytes", () => {
  it("R-SCALE-2: the sample scanned gives the plan the whole text gives", async () => {
    const { io, withBytes } = bytesIo({ "wave.json": SAMPLE_TEXT }, 100);
    const code = await run(["allocate", "wave.json", "--format", "json"], {
      io: withBytes,
      version: async () => "0",
    });
    expect(code).toBe(0);
    expect(io.stdoutText()).toBe(`${JSON.stringify(allocate(JSON.parse(SAMPLE_TEXT)), null, 2)}\n`);
  });

  it("R-SCALE-2: a malformed big input ends in one line with the byte, line and column, exit code 1", async () => {
    const broken = SAMPLE_TEXT.replace('"franchisees": [', '"franchisees": [,');
    const { io, withBytes } = bytesIo({ "wave.json": broken }, 100);
    const code = await run(["validate", "wave.json"], { io: withBytes, version: async () => "0" });
    expect(code).toBe(1);
    const offset = Buffer.byteLength(broken.slice(0, broken.indexOf("[,") + 1));
    const before = broken.slice(0, broken.indexOf("[,") + 1).split("\n");
    expect(io.stderrText()).toBe(
      `fenhuo: wave.json is not valid JSON at byte ${offset} (line ${before.length}, column ${Buffer.byteLength(before.at(-1) ?? "") + 1}): unexpected ',', expected a value\n`,
    );
  });

  it("a small input through the bytes says what it said before", async () => {
    const { io, withBytes } = bytesIo({ "wave.json": '{"asOf": }' }, 1000);
    expect(await run(["validate", "wave.json"], { io: withBytes, version: async () => "0" })).toBe(
      1,
    );
    const before = memoryIo({ inputs: { "wave.json": '{"asOf": }' } });
    await run(["validate", "wave.json"], { io: before, version: async () => "0" });
    expect(io.stderrText()).toBe(before.stderrText());
    expect(io.stderrText()).toContain("wave.json is not valid JSON: Unexpected token");
  });
});
