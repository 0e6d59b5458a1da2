import iconv from "iconv-lite";
import { CliError, EXIT } from "./io.js";

/*
 * The encodings a CSV file may come in: UTF-8 (with or without a byte-order
 * mark), UTF-16 with its mark, and GBK / GB18030 (what Excel on a Chinese
 * Windows saves) through iconv-lite. A file is never read as mojibake: without
 * `--encoding`, a file that is not valid UTF-8 (and has no UTF-16 mark) is
 * refused with the encoding it most likely is and the flag that reads it.
 */

/**
 * The encodings `--encoding` names.
 *
 * @example
 * ```ts
 * import { ENCODINGS } from "./encoding.js";
 * ENCODINGS; // ["utf8", "utf16le", "utf16be", "gbk", "gb18030"]
 * ```
 */
export const ENCODINGS = ["utf8", "utf16le", "utf16be", "gbk", "gb18030"] as const;
/** See {@link ENCODINGS}. */
export type Encoding = (typeof ENCODINGS)[number];

/**
 * `--encoding`'s value as an {@link Encoding} (case and dashes ignored: `UTF-8`,
 * `GB18030`), or a usage error naming the ones there are.
 *
 * @example
 * ```ts
 * import { encodingOf } from "./encoding.js";
 * encodingOf("UTF-8"); // "utf8"
 * ```
 */
export function encodingOf(value: string): Encoding {
  const name = value.toLowerCase().replace(/[-_]/g, "");
  if ((ENCODINGS as readonly string[]).includes(name)) return name as Encoding;
  throw new CliError(
    `--encoding must be one of ${ENCODINGS.join(", ")}; got "${value}"`,
    EXIT.usage,
  );
}

const FATAL_UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * The text of a file's `bytes`: in `encoding` when given (a byte-order mark
 * of it dropped), else by its mark (UTF-8, UTF-16 LE or BE), else as UTF-8 —
 * refused when it is not valid UTF-8, with the encoding it likely is.
 *
 * @example
 * ```ts
 * import { decodeText } from "./encoding.js";
 * decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]), "a.csv"); // "a"
 * decodeText(Uint8Array.from([0xc9, 0xee, 0xdb, 0xda]), "a.csv", "gbk"); // "深圳"
 * ```
 */
export function decodeText(bytes: Uint8Array, name: string, encoding?: Encoding): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (encoding !== undefined && encoding !== "utf8") {
    return stripBom(iconv.decode(buffer, encoding === "utf16be" ? "utf16-be" : encoding));
  }
  if (encoding === undefined && bytes[0] === 0xff && bytes[1] === 0xfe)
    return stripBom(iconv.decode(buffer, "utf16le"));
  if (encoding === undefined && bytes[0] === 0xfe && bytes[1] === 0xff)
    return stripBom(iconv.decode(buffer, "utf16-be"));
  try {
    // TextDecoder drops a UTF-8 byte-order mark itself.
    return FATAL_UTF8.decode(bytes);
  } catch {
    throw new CliError(`${name} is not UTF-8 text: ${likely(buffer)}`, EXIT.invalid);
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** What a file that is not UTF-8 most likely is, and the flag that reads it. */
function likely(buffer: Buffer): string {
  const gb = iconv.decode(buffer, "gb18030");
  if (!gb.includes("\ufffd") && /[\u4e00-\u9fff]/.test(gb))
    return "it reads as GBK / GB18030 (what Excel on a Chinese Windows saves): give --encoding gbk (or gb18030) to read it so";
  return `give its encoding with --encoding (${ENCODINGS.join(", ")}), or save it as UTF-8`;
}
