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
