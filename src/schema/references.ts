import type { z } from "zod";
import { addDays, type IsoDate } from "../domain/dates.js";
import type { Order, OrderLine } from "../domain/types.js";
import type { Issue, Path } from "./issues.js";
import { brokenLine } from "./orderLines.js";
import type { Row } from "./rows.js";
import type { lockWire } from "./wire.js";

/*
 * The checks across rows of an input: ids and keys given once,
 * every reference naming a row that exists, and locks that fit their lines. A reference to a row whose own
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

/**
 * The index of the first item of each key; every later item with a key seen
 * before is a `duplicate_key` at `[list, index, field]`: `order "SO-1" is
 * already (orders)[0]`.
 */
export function firstIndexes<T>(
  items: readonly T[],
  key: (item: T) => string,
  place: { readonly list: string; readonly field: string; readonly what: string },
  issues: Issue[],
): Map<string, number> {
  const first = new Map<string, number>();
  items.forEach((item, index) => {
    const k = key(item);
    const earlier = first.get(k);
    if (earlier === undefined) first.set(k, index);
    else {
      issues.push({
        path: [place.list, index, place.field],
        code: "duplicate_key",
        message: `${place.what} ${JSON.stringify(k)} is already ${place.list}[${earlier}]`,
      });
    }
  });
  return first;
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

/** What the lock checks read of the rest of the input. */
export interface LockContext {
  readonly refs: References;
  readonly broken: ReadonlySet<string>;
  readonly issues: Issue[];
}

/**
 * The locks of an earlier run against the orders: each matches its
 * line (order, line, franchisee, SKU), lies inside the run's dates, and a
 * line's locks together fit its outstanding units.
 */
export function checkLocks(
  locks: readonly Row<z.output<typeof lockWire>>[],
  orderById: ReadonlyMap<string, Order>,
  run: { readonly asOf: string | undefined; readonly cooldown: number },
  context: LockContext,
): void {
  const { issues } = context;
  const lockedPerLine = new Map<OrderLine, { total: number; last: Path }>();
  for (const { index, value } of locks) {
    const path: Path = ["locks", index];
    if (value.expiresOn <= value.lockedOn) {
      issues.push({
        path: [...path, "expiresOn"],
        code: "inconsistent",
        message: `expires on ${value.expiresOn}, not after it was locked (${value.lockedOn})`,
      });
    }
    if (!fitsCalendar(value.expiresOn as IsoDate, run.cooldown)) {
      issues.push({
        path: [...path, "expiresOn"],
        code: "too_large",
        message: "its cool-down would end after 9999-12-31",
      });
    }
    if (run.asOf !== undefined && value.lockedOn > run.asOf) {
      issues.push({
        path: [...path, "lockedOn"],
        code: "inconsistent",
        message: `locked on ${value.lockedOn}, after the run's asOf ${run.asOf}`,
      });
    }
    const line = lineOf(value, path, orderById, context);
    if (line === undefined) continue;
    const seen = lockedPerLine.get(line) ?? { total: 0, last: path };
    lockedPerLine.set(line, { total: seen.total + value.quantity, last: path });
  }
  for (const [line, { total, last }] of lockedPerLine) {
    const open = line.quantity - line.allocated;
    if (total > open) {
      issues.push({
        path: [...last, "quantity"],
        code: "inconsistent",
        message: `locks on this line hold ${total} units but only ${Math.max(0, open)} are outstanding (ordered ${line.quantity}, allocated ${line.allocated})`,
      });
    }
  }
}

/** What a row that names an order line says about it. */
interface LineReference {
  readonly order: string;
  readonly line: number;
  readonly franchisee: string;
  readonly sku: string;
}

/**
 * The order line a lock or commitment row names, or `undefined` when it names
 * none (reported, unless that order or line failed its own schema); a
 * franchisee or SKU that differs from the line's is `inconsistent`.
 */
export function lineOf(
  value: LineReference,
  path: Path,
  orderById: ReadonlyMap<string, Order>,
  { refs, broken, issues }: LockContext,
): OrderLine | undefined {
  const found = orderById.get(value.order);
  if (found === undefined) {
    refs.check(new Set(), "orders", value.order, [...path, "order"]);
    return undefined;
  }
  const line = found.lines.find((candidate) => candidate.line === value.line);
  if (line === undefined) {
    if (!broken.has(brokenLine(value.order, value.line))) {
      issues.push({
        path: [...path, "line"],
        code: "unknown_reference",
        message: `order ${JSON.stringify(value.order)} has no line ${value.line}`,
      });
    }
    return undefined;
  }
  if (value.franchisee !== found.franchisee) {
    issues.push({
      path: [...path, "franchisee"],
      code: "inconsistent",
      message: `franchisee ${JSON.stringify(value.franchisee)} differs from its order's (${JSON.stringify(found.franchisee)})`,
    });
  }
  if (value.sku !== line.sku) {
    issues.push({
      path: [...path, "sku"],
      code: "inconsistent",
      message: `sku ${JSON.stringify(value.sku)} differs from its line's (${JSON.stringify(line.sku)})`,
    });
  }
  return line;
}

/** Whether `date + days` is still a date of the years 0000–9999. */
export function fitsCalendar(date: IsoDate, days: number): boolean {
  try {
    addDays(date, days);
    return true;
  } catch {
    return false;
  }
}
