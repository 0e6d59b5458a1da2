/**
 * Holds docs/rules.md to the code: every file it names exists, every function
 * it names after a file is in that file, every test it names is in the test
 * file it is cited from, and it stands alone (no section numbers or paths of a
 * document outside the repository).
 *
 * The page's conventions, which this test reads:
 *
 * - In a table row, `` `src/…/file.ts` (`name`, `other`: a note) `` names
 *   functions or values of that file; a bare `` `file.ts` `` is a file of the
 *   folder of the last `src/` path of the row.
 * - `` `test/…/file.test.ts` › "name", "…part…" `` cites tests of that file by
 *   name; `…` stands for words left out, so each part between them must appear
 *   in the file as written.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const page = readFileSync(join(root, "docs", "rules.md"), "utf8");

/** The cells of every table row of the page (header and rule rows alike). */
function rows(text: string): string[][] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("|") && !/^\|[-| ]+\|$/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
}

const RULE_ROWS = rows(page).filter((cells) => /^R-[A-Z0-9-]+$/.test(cells[0] ?? ""));

function filesUnder(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}
const SOURCES = filesUnder("src");

const read = (file: string) => readFileSync(join(root, file), "utf8");

/** Every `` `src/…` `` or bare `` `file.ts` `` of a cell, with the names in its parentheses. */
function codePointers(cell: string): { file: string; names: string[] }[] {
  const pointers: { file: string; names: string[] }[] = [];
  let folder: string | undefined;
  const pattern = /`((?:src\/)?[\w./-]+\.ts)`(?:\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\))?/g;
  for (const match of cell.matchAll(pattern)) {
    const named = match[1] ?? "";
    let file = named;
    if (named.startsWith("src/")) folder = dirname(named);
    else if (!named.includes("/")) {
      const near = folder === undefined ? undefined : join(folder, named);
      file =
        near !== undefined && existsSync(join(root, near))
          ? near
          : (SOURCES.filter((path) => basename(path) === named).map((path) =>
              path.slice(root.length + 1),
            )[0] ?? named);
    }
    const names = [...(match[2] ?? "").matchAll(/`([A-Za-z_$][\w$]*)`/g)].map((m) => m[1] ?? "");
    pointers.push({ file, names });
  }
  return pointers;
}

/** Every `` `test/…` `` of a cell, with the test names quoted after it. */
function testPointers(cell: string): { file: string; names: string[] }[] {
  const parts = cell.split(/(?=`test\/)/);
  return parts
    .filter((part) => part.startsWith("`test/"))
    .map((part) => {
      const file = /^`(test\/[^`]+)`/.exec(part)?.[1] ?? "";
      const cited = /^`[^`]+`\s*›(.*)$/s.exec(part)?.[1] ?? "";
      const names = [...cited.matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? "");
      return { file, names };
    });
}

describe("docs/rules.md points at code and tests that exist", () => {
  it("has a row for every rule ID the engine writes into a plan's trace", async () => {
    const { RULE } = await import("../../src/index.js");
    const ids = new Set(RULE_ROWS.map((cells) => cells[0]));
    for (const id of Object.values(RULE)) expect(ids, id).toContain(id);
  });

  it("states each rule in words, beside its seed clause", () => {
    const header = rows(page).filter((cells) => cells[0] === "rule");
    for (const cells of header) expect(cells).toEqual(["rule", "seed", "what", "code", "tests"]);
    for (const cells of RULE_ROWS) {
      expect(cells, cells[0]).toHaveLength(5);
      const [, seed = "", what = ""] = cells;
      expect(seed, `${cells[0]}'s seed clause`).not.toBe("");
      // A statement, not a pointer: words beyond the code spans.
      const words = what.replace(/`[^`]*`/g, "").match(/[\p{L}]{2,}/gu) ?? [];
      expect(words.length, `${cells[0]} states its rule`).toBeGreaterThanOrEqual(6);
    }
  });

  it("names only source files that exist, and names in them that they hold", () => {
    const missing: string[] = [];
    for (const cells of rows(page)) {
      for (const cell of cells) {
        for (const { file, names } of codePointers(cell)) {
          if (!existsSync(join(root, file))) {
            missing.push(`${cells[0]}: ${file}`);
            continue;
          }
          if (!file.startsWith("src/")) continue;
          const text = read(file);
          for (const name of names) {
            if (!new RegExp(`\\b${name.replace(/\$/g, "\\$")}\\b`).test(text)) {
              missing.push(`${cells[0]}: ${name} in ${file}`);
            }
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("cites only tests that exist, by their names", () => {
    const missing: string[] = [];
    for (const cells of rows(page)) {
      for (const { file, names } of testPointers(cells[cells.length - 1] ?? "")) {
        if (!existsSync(join(root, file))) {
          missing.push(`${cells[0]}: ${file}`);
          continue;
        }
        const text = read(file);
        for (const name of names) {
          for (const part of name.split("…").map((piece) => piece.trim())) {
            if (part !== "" && !text.includes(part))
              missing.push(`${cells[0]}: "${part}" in ${file}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("stands alone: no section numbers or paths of a document outside the repository", () => {
    expect(page).not.toMatch(/SPEC|§|\.\.\/shared|\/work\//);
  });
});
