/**
 * R-SCALE-2: a JSON input too big for one string is read from its bytes,
 * element by element (src/cli/jsonScanner.ts). For any document — objects
 * with arrays of objects, strings with escapes and any Unicode, nested
 * arrays, numbers, a BOM — cut into tiny chunks anywhere (inside a UTF-8
 * character too) and scanned in tiny runs, the value is JSON.parse's; and a
 * document with one character changed is refused exactly when JSON.parse
 * refuses it.
 */
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readJson } from "../../src/cli/jsonRead.js";
import { JsonTextError } from "../../src/cli/jsonText.js";
import { propertyParams, propertyRuns } from "../support/runs.js";

/** The bytes in chunks of the given sizes (cycled), the last one what is left. */
async function* chunked(bytes: Uint8Array, sizes: readonly number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const size = sizes[k % sizes.length] as number;
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

const text = fc.oneof(
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.constantFrom('quote " backslash \\ slash /', "\n\t\r\b\f\u0000\u001f", "分货 €😀", "\u2028"),
);
const key = fc.oneof(text, fc.constantFrom("__proto__", "constructor", "orders", "a", ""));
const number = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1e21, 5e-324, 0.1),
);
const leaf = fc.oneof(text, number, fc.boolean(), fc.constant(null));
const { nested } = fc.letrec((tie) => ({
  nested: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("nested"), { maxLength: 4 }),
    fc.dictionary(key, tie("nested"), { maxKeys: 4 }),
  ),
}));
/** What an allocation input looks like: a top-level object of arrays of objects, and a few scalars. */
const document = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.dictionary(key, fc.oneof(fc.array(nested, { maxLength: 6 }), nested)),
  },
  { weight: 1, arbitrary: nested },
);
/** How the text is laid out: compact, indented, or with extra whitespace around the structure. */
const layout = fc.constantFrom<(value: unknown) => string>(
  (value) => JSON.stringify(value),
  (value) => JSON.stringify(value, null, 2),
  (value) => ` \r\n\t${JSON.stringify(value, null, "\t")}\n\n `,
);
const scan = fc.record({
  sizes: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }),
  batchBytes: fc.integer({ min: 1, max: 64 }),
  bom: fc.boolean(),
});

const encoder = new TextEncoder();

async function scanned(
  textOf: string,
  { sizes, batchBytes, bom }: { sizes: number[]; batchBytes: number; bom: boolean },
): Promise<unknown> {
  const bytes = encoder.encode(bom ? `\uFEFF${textOf}` : textOf);
  return readJson(chunked(bytes, sizes), { threshold: -1, batchBytes });
}

/** JSON.parse's answer: the value, or that it refuses the text. */
function parsed(textOf: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(textOf) };
  } catch {
    return { ok: false };
  }
}

/**
 * Deep equality with prototypes, own keys and -0 (a `constructor` key would
 * fool vitest's toStrictEqual, which compares the values' `constructor`).
 */
function same(actual: unknown, expected: unknown): boolean {
  return isDeepStrictEqual(actual, expected);
}

describe("properties", () => {
  it("R-SCALE-2: any document, in any tiny chunks and runs, reads as JSON.parse reads it", async () => {
    await fc.assert(
      fc.asyncProperty(document, layout, scan, async (value, write, how) => {
        const textOf = write(value);
        expect(same(await scanned(textOf, how), JSON.parse(textOf))).toBe(true);
      }),
      propertyParams(propertyRuns(500)),
    );
  });

  it("R-SCALE-2: a document with one character changed is refused exactly when JSON.parse refuses it", async () => {
    const edit = fc.record({
      at: fc.nat(),
      remove: fc.integer({ min: 0, max: 2 }),
      insert: fc.constantFrom(
        "",
        ",",
        "]",
        "}",
        "[",
        "{",
        '"',
        "\\",
        ":",
        " ",
        "1",
        "\n",
        "é",
        "x",
      ),
    });
    await fc.assert(
      fc.asyncProperty(document, layout, scan, edit, async (value, write, how, change) => {
        const whole = write(value);
        const at = change.at % (whole.length + 1);
        // As a file holds it: a surrogate pair cut in two becomes U+FFFD.
        const textOf = Buffer.from(
          whole.slice(0, at) + change.insert + whole.slice(at + change.remove),
        ).toString();
        const expected = parsed(textOf);
        if (expected.ok) {
          expect(same(await scanned(textOf, how), expected.value)).toBe(true);
        } else {
          await expect(scanned(textOf, how)).rejects.toBeInstanceOf(JsonTextError);
        }
      }),
      propertyParams(propertyRuns(1000)),
    );
  });
});
