import type { Decimal } from "decimal.js";
import { type IsoDate, isIsoDate } from "../domain/dates.js";
import { readAmount } from "../domain/money.js";
import type { OrderLine } from "../domain/types.js";
import type { Issue, Path } from "./issues.js";
import { MAX_QUANTITY } from "./primitives.js";
import { parseRows, type Row } from "./rows.js";
import { orderLineWire } from "./wire.js";

/*
 * Order lines come by the million: a sound line is read by hand, accepting
 * exactly what `orderLineWire` accepts (a property test holds it to that),
 * and prices are read once per distinct text. Only an order with a bad line
 * goes through zod, which then reports every problem of every line.
 */

/** Reads amounts once per distinct text: a wave repeats few prices over many lines. */
export class AmountReader {
  private readonly cache = new Map<string | number, Decimal>();
  /** The amount, or `undefined` (and no issue) when it is not a valid one. */
  tryRead(value: unknown): Decimal | undefined {
    if (typeof value !== "string" && typeof value !== "number") return undefined;
    const cached = this.cache.get(value);
    if (cached !== undefined) return cached;
    const amount = readAmount(value);
    if (amount !== undefined) this.cache.set(value, amount);
    return amount;
  }
}

/** An order's sound lines, and where the k-th of them stood in the input. */
export interface ReadLines {
  readonly lines: OrderLine[];
  readonly rawIndex: (k: number) => number;
}

/**
 * An order's lines: all of them when sound; else the sound ones, with every
 * problem of the others in `issues` and `broken` told which line numbers
 * failed (so a lock on one is not reported again as naming no line).
 */
export function readLines(
  order: string,
  raw: readonly unknown[],
  path: Path,
  amounts: AmountReader,
  broken: Set<string>,
  issues: Issue[],
): ReadLines {
  const lines: OrderLine[] = [];
  for (const item of raw) {
    const line = readSoundLine(item, amounts);
    if (line === undefined) break;
    lines.push(line);
  }
  if (lines.length === raw.length) return { lines, rawIndex: (k) => k };

  const rows = parseRows(orderLineWire, raw, [...path, "lines"], issues);
  const sound = new Set(rows.map((row) => row.index));
  raw.forEach((item, index) => {
    const number =
      typeof item === "object" && item !== null ? (item as { line?: unknown }).line : undefined;
    if (!sound.has(index) && typeof number === "number") broken.add(brokenLine(order, number));
  });
  const trusted = rows.map(({ value }) => ({
    line: value.line,
    sku: value.sku,
    quantity: value.quantity,
    unitPrice: value.unitPrice,
    allocated: value.allocated,
    lockBlockedUntil: (value.lockBlockedUntil ?? undefined) as IsoDate | undefined,
  }));
  return { lines: trusted, rawIndex: (k) => (rows[k] as Row<unknown>).index };
}

/** The key under which a line that failed its schema is remembered. */
export function brokenLine(order: string, line: number): string {
  return `lines\u0000${order}\u0000${line}`;
}

/** An order line that `orderLineWire` would accept, read without zod; else `undefined`. */
export function readSoundLine(item: unknown, amounts: AmountReader): OrderLine | undefined {
  if (typeof item !== "object" || item === null || Array.isArray(item)) return undefined;
  const { line, sku, quantity, unitPrice, allocated, lockBlockedUntil } = item as Record<
    string,
    unknown
  >;
  if (!Number.isSafeInteger(line) || (line as number) < 1) return undefined;
  if (typeof sku !== "string" || sku.length === 0) return undefined;
  if (!isQuantity(quantity)) return undefined;
  if (allocated !== undefined && !isQuantity(allocated)) return undefined;
  if (
    lockBlockedUntil != null &&
    !(typeof lockBlockedUntil === "string" && isIsoDate(lockBlockedUntil))
  ) {
    return undefined;
  }
  const price = amounts.tryRead(unitPrice);
  if (price === undefined) return undefined;
  return {
    line: line as number,
    sku,
    quantity,
    unitPrice: price,
    allocated: (allocated ?? 0) as number,
    lockBlockedUntil: (lockBlockedUntil ?? undefined) as IsoDate | undefined,
  };
}

/** `quantity` of primitives.ts (R-UNIT-1): whole units from 0 to {@link MAX_QUANTITY}. */
export function isQuantity(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_QUANTITY;
}
