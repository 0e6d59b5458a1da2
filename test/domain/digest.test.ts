import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Sha256 } from "../../src/domain/digest.js";
import { propertyParams } from "../support/runs.js";

const reference = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

describe("R-RUN-3: the pure SHA-256 behind planId", () => {
  it("R-RUN-3: gives the FIPS 180-4 digests of the test vectors", () => {
    expect(new Sha256().hex()).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    expect(new Sha256().text("abc").hex()).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    expect(
      new Sha256().text("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq").hex(),
    ).toBe("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  });

  it("R-RUN-3: hashing in pieces is hashing the whole, UTF-8 included (lone surrogates as U+FFFD)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary" }), { maxLength: 8 }), (pieces) => {
        const hash = new Sha256();
        for (const piece of pieces) hash.text(piece);
        expect(hash.hex()).toBe(reference(pieces.join("")));
      }),
      propertyParams(1000),
    );
    expect(new Sha256().text("a".repeat(1000)).hex()).toBe(reference("a".repeat(1000)));
  });
});

describe("R-RUN-3: the digest's fast paths write the bytes of the plain text", () => {
  const integers = fc.oneof(
    fc.maxSafeNat(),
    fc.nat({ max: 1000 }),
    fc.constantFrom(0, -0, 9, 10, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 10 ** 15, Number.MAX_SAFE_INTEGER),
  );

  it("R-RUN-3: integer(n) is text(String(n)), from 0 to 2^53 − 1", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), integers), { maxLength: 6 }), (pieces) => {
        const hash = new Sha256();
        for (const [text, value] of pieces) hash.text(text).integer(value);
        expect(hash.hex()).toBe(reference(pieces.map(([text, value]) => text + value).join("")));
      }),
      propertyParams(500),
    );
  });

  it("R-RUN-3: field and integerField are the length-prefixed text they stand for", () => {
    const tag = fc.string({ unit: "binary", maxLength: 10 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(tag, fc.string({ unit: "binary" }), integers), { maxLength: 6 }),
        (fields) => {
          const hash = new Sha256();
          let plain = "";
          for (const [name, text, value] of fields) {
            hash.field(name, text).integerField(name, value);
            const digits = String(value);
            plain += `${name.length + text.length}:${name}${text}`;
            plain += `${name.length + digits.length}:${name}${digits}`;
          }
          expect(hash.hex()).toBe(reference(plain));
        },
      ),
      propertyParams(500),
    );
    const long = "长".repeat(5000);
    expect(new Sha256().field(long, long).integerField(long, 7).hex()).toBe(
      reference(`10000:${long}${long}5001:${long}7`),
    );
  });

  it("R-RUN-3: long texts and many pieces cross the 16 KiB buffer and its 4096-unit steps intact", () => {
    // A surrogate pair, or a lone one, right at a step boundary.
    for (const at of [4093, 4094, 4095, 4096, 4097, 16_383, 16_384]) {
      // A lone high surrogate just before a pair: the step may not end inside the pair.
      for (const odd of [
        "😀",
        "\ud83d",
        "\ude00",
        "é",
        "中",
        "\ud800\ud800\udc00",
        "\ud800\udc00\udc00",
      ]) {
        const text = `${"a".repeat(at)}${odd}${"b".repeat(20_000)}${odd}`;
        expect(new Sha256().text(text).hex(), `${at} ${odd.codePointAt(0)}`).toBe(reference(text));
      }
    }
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: "binary", maxLength: 9000 }), { maxLength: 8 }),
        (pieces) => {
          const hash = new Sha256();
          for (const piece of pieces) hash.text(piece);
          expect(hash.hex()).toBe(reference(pieces.join("")));
        },
      ),
      propertyParams(100),
    );
  });

  it("R-RUN-3: refuses to write as digits what is not a non-negative safe integer", () => {
    for (const value of [-1, 1.5, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new Sha256().integer(value)).toThrow(RangeError);
      expect(() => new Sha256().integerField("number", value)).toThrow(RangeError);
    }
  });
});
