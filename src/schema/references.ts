import type { Issue, Path } from "./issues.js";
import type { Row } from "./rows.js";

/*
 * The checks across rows of an input (SPEC §7): ids and keys given once, and
 * every reference naming a row that exists. A reference to a row whose own
 * shape failed is not reported again: that row's problem is already listed.
 */

/**
 * The keys of `rows`, each reported as a `duplicate_key` at `[name, index,
 * field]` from its second time on.
 */
export function uniqueKeys<T>(
  name: string,
  rows: readonly Row<T>[],
  key: (row: T) => string,
  field: string,
  what: string,
  issues: Issue[],
  show: (key: string) => string = (k) => JSON.stringify(k),
): Set<string> {
  const seen = new Set<string>();
  for (const { index, value } of rows) {
    const k = key(value);
    if (seen.has(k)) {
      issues.push({
        path: [name, index, field],
        code: "duplicate_key",
        message: `duplicate ${what} ${show(k)}`,
      });
    }
    seen.add(k);
  }
  return seen;
}

/** Reports references that name no row of their list (`unknown_reference`). */
export class References {
  constructor(
    private readonly issues: Issue[],
    private readonly broken: ReadonlySet<string>,
  ) {}

  check(known: ReadonlySet<string>, list: string, id: string, path: Path): void {
    if (known.has(id) || this.broken.has(brokenRow(list, id))) return;
    this.issues.push({
      path,
      code: "unknown_reference",
      message: `unknown ${singular(list)} ${JSON.stringify(id)}: not in ${list}`,
    });
  }
}

function singular(list: string): string {
  return list === "franchisees" ? "franchisee" : list.replace(/s$/, "");
}

/** The key under which a row that failed its schema is remembered. */
function brokenRow(list: string, id: string): string {
  return `${list}\u0000${id}`;
}

/**
 * The keys of every row that failed its own schema yet carries a readable id:
 * references to it are not reported again as unknown.
 */
export function brokenIds(
  raw: Readonly<Record<string, unknown>>,
  parsed: Readonly<Record<string, readonly Row<unknown>[]>>,
  key: Readonly<Record<string, string>>,
): Set<string> {
  const ids = new Set<string>();
  for (const [list, field] of Object.entries(key)) {
    const rows = raw[list];
    if (!Array.isArray(rows)) continue;
    const sound = new Set((parsed[list] ?? []).map((row) => row.index));
    rows.forEach((row: unknown, index) => {
      if (sound.has(index) || typeof row !== "object" || row === null) return;
      const id = (row as Record<string, unknown>)[field];
      if (typeof id === "string") ids.add(brokenRow(list, id));
    });
  }
  return ids;
}
