/**
 * Encodings of a CSV bundle's files (src/cli/encoding.ts): UTF-8 with or
 * without its mark, UTF-16 by its mark, GBK / GB18030 with --encoding; a file
 * that is not UTF-8 is refused with the encoding it likely is — never read as
 * mojibake.
 */
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeText, encodingOf } from "../../src/cli/encoding.js";
import { run } from "../../src/cli/run.js";
import { memoryIo } from "../support/memoryIo.js";

const files = {
  "wave.json": '{ "asOf": "2026-03-01" }',
  "franchisees.csv": "id,priority,cash\nF01,1,500.00\n",
  "products.csv": "sku,season\nA,SS\n",
  "supply.csv": "sku,quantity\nA,5\n",
  "regions.csv": "id,name\nshenzhen,深圳\n",
  "orders.csv":
    "order,franchisee,orderedOn,line,sku,quantity,unitPrice\nSO-1,F01,2026-02-01,1,A,2,10\n",
};

function bundle(encode: (name: string, text: string) => Uint8Array) {
  const bytes: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(files)) bytes[`w/${name}`] = encode(name, text);
  const inputs = { "w/wave.json": files["wave.json"] };
  return memoryIo({ inputs, bytes, folders: { w: Object.keys(files) } });
}

const version = async () => "0";

describe("CSV encodings", () => {
  it("decodeText: UTF-8 with its mark, UTF-16 LE and BE by their marks, GBK when told", () => {
    const text = "id,name\nshenzhen,深圳\n";
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from(text)]), "r.csv")).toBe(
      text,
    );
    expect(
      decodeText(Uint8Array.from([0xff, 0xfe, ...iconv.encode(text, "utf16le")]), "r.csv"),
    ).toBe(text);
    expect(
      decodeText(Uint8Array.from([0xfe, 0xff, ...iconv.encode(text, "utf16-be")]), "r.csv"),
    ).toBe(text);
    expect(decodeText(iconv.encode(text, "gbk"), "r.csv", "gbk")).toBe(text);
    expect(decodeText(iconv.encode(text, "gb18030"), "r.csv", "gb18030")).toBe(text);
    expect(encodingOf("GB-18030")).toBe("gb18030");
    expect(() => encodingOf("latin1")).toThrow(
      "--encoding must be one of utf8, utf16le, utf16be, gbk, gb18030",
    );
  });

  it("a GBK bundle is refused without --encoding, naming GBK and the flag; with --encoding gbk it gives the UTF-8 bundle's plan", async () => {
    const gbk = bundle((name, text) =>
      name.endsWith(".csv") ? iconv.encode(text, "gbk") : Buffer.from(text),
    );
    expect(await run(["allocate", "w", "-f", "json"], { io: gbk, version })).toBe(1);
    expect(gbk.stderrText()).toBe(
      "fenhuo: regions.csv is not UTF-8 text: it reads as GBK / GB18030 (what Excel on a Chinese Windows saves): give --encoding gbk (or gb18030) to read it so\n",
    );
    const read = bundle((name, text) =>
      name.endsWith(".csv") ? iconv.encode(text, "gbk") : Buffer.from(text),
    );
    expect(
      await run(["allocate", "w", "-f", "json", "--encoding", "gbk"], { io: read, version }),
    ).toBe(0);
    const utf8 = bundle((_name, text) => Buffer.from(text));
    expect(await run(["allocate", "w", "-f", "json"], { io: utf8, version })).toBe(0);
    expect(JSON.parse(read.stdoutText())).toEqual(JSON.parse(utf8.stdoutText()));
    const validate = bundle((name, text) =>
      name.endsWith(".csv") ? iconv.encode(text, "gbk") : Buffer.from(text),
    );
    expect(await run(["validate", "w", "--encoding", "gbk"], { io: validate, version })).toBe(0);
  });

  it("a file that is not UTF-8 and not Chinese text asks for its encoding", () => {
    expect(() => decodeText(Uint8Array.from([0x61, 0xff, 0x62]), "x.csv")).toThrow(
      "x.csv is not UTF-8 text: give its encoding with --encoding (utf8, utf16le, utf16be, gbk, gb18030), or save it as UTF-8",
    );
  });
});

describe("CSV output for Excel: --bom", () => {
  const plain = () => bundle((_name, text) => Buffer.from(text));

  it("a CSV written to a file starts with a UTF-8 byte-order mark; on stdout it does not", async () => {
    const io = plain();
    expect(await run(["allocate", "w", "-f", "csv", "--out", "plan.csv"], { io, version })).toBe(0);
    const written = (io.files.get("plan.csv") ?? []).join("");
    expect(written.startsWith("\uFEFFsection,kind,")).toBe(true);
    // The mark is the only difference: the same CSV as on stdout.
    const out = plain();
    expect(await run(["allocate", "w", "-f", "csv"], { io: out, version })).toBe(0);
    expect(out.stdoutText().startsWith("section,kind,")).toBe(true);
    expect(written.slice(1)).toBe(out.stdoutText());
  });

  it("--no-bom leaves it out of a file, --bom puts it on stdout; both at once is a usage error", async () => {
    const noBom = plain();
    await run(["allocate", "w", "-f", "csv", "--out", "p.csv", "--no-bom"], { io: noBom, version });
    expect((noBom.files.get("p.csv") ?? []).join("").startsWith("section,")).toBe(true);
    const bom = plain();
    await run(["allocate", "w", "-f", "csv", "--summary", "--bom"], { io: bom, version });
    expect(bom.stdoutText().startsWith("\uFEFF")).toBe(true);
    const both = plain();
    expect(
      await run(["allocate", "w", "-f", "csv", "--bom", "--no-bom"], { io: both, version }),
    ).toBe(2);
    expect(both.stderrText()).toContain("--bom and --no-bom cannot both be given");
    // A JSON plan never gets one, whatever the flag.
    const json = plain();
    await run(["allocate", "w", "-f", "json", "--out", "p.json", "--bom"], { io: json, version });
    expect((json.files.get("p.json") ?? []).join("").startsWith("{")).toBe(true);
  });

  it("compare and exceptions write their CSV for Excel too", async () => {
    const io = plain();
    expect(await run(["allocate", "w", "-f", "json", "--out", "a.json"], { io, version })).toBe(0);
    const plan = (io.files.get("a.json") ?? []).join("");
    const next = memoryIo({ inputs: { "a.json": plan, "b.json": plan } });
    expect(
      await run(["exceptions", "a.json", "-f", "csv", "--out", "e.csv"], { io: next, version }),
    ).toBe(0);
    expect((next.files.get("e.csv") ?? []).join("").startsWith("\uFEFF")).toBe(true);
    expect(
      await run(["compare", "a.json", "b.json", "-f", "csv", "--out", "c.csv"], {
        io: next,
        version,
      }),
    ).toBe(0);
    expect((next.files.get("c.csv") ?? []).join("").startsWith("\uFEFF")).toBe(true);
  });
});
