import type { Decimal } from "decimal.js";
import { type IsoDate, isIsoDate } from "../domain/dates.js";
import { readAmount } from "../domain/money.js";
import type {
  Franchisee,
  Product,
  Region,
  RegionNeed,
  Store,
  StoreNeed,
  SupplyRow,
} from "../domain/types.js";
import { SEASONS, STORE_CLASSES, STORE_OPERATIONS } from "../domain/vocabulary.js";
import { isQuantity } from "./orderLines.js";

/*
 * Row readers of the fast path (fastInput.ts): each accepts exactly what its
 * zod schema of wire.ts accepts and builds the very object the full parser
 * builds — the schema's keys in the schema's order, an optional key present
 * exactly when zod keeps it, a default where zod puts one — or returns
 * `undefined` at the first doubt. Property tests hold them to that, row by
 * row (fast-rows.properties.test.ts) and in whole inputs (fast-input…).
 */

type Fields = Readonly<Record<string, unknown>>;

/** What `z.object` reads: an object that is not a list; else `undefined`. */
export function fieldsOf(item: unknown): Fields | undefined {
  return typeof item === "object" && item !== null && !Array.isArray(item)
    ? (item as Fields)
    : undefined;
}

/** `id` of primitives.ts: a non-empty string. */
export function isId(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

/** `isoDate` of primitives.ts (R-UNIT-3). */
export function isDate(value: unknown): value is IsoDate {
  return typeof value === "string" && isIsoDate(value);
}

/** `z.int()`: a safe integer. */
function isInt(value: unknown): value is number {
  return Number.isSafeInteger(value);
}

/** `z.enum(values)`. */
function member<T extends string>(values: readonly T[]): (value: unknown) => value is T {
  const set = new Set<unknown>(values);
  return (value: unknown): value is T => set.has(value);
}

const isSeason = member(SEASONS);
const isStoreClass = member(STORE_CLASSES);
const isOperation = member(STORE_OPERATIONS);

/** `amount` of primitives.ts (R-UNIT-2): a fresh Decimal, as zod's transform gives. */
function amountOf(value: unknown): Decimal | undefined {
  return typeof value === "string" || typeof value === "number" ? readAmount(value) : undefined;
}

/**
 * zod's rule for an optional key: set when given; given as `undefined`, kept
 * as `undefined`; absent, left out.
 */
function setOptional(out: Record<string, unknown>, row: Fields, key: string, value: unknown): void {
  if (value !== undefined) out[key] = value;
  else if (key in row) out[key] = undefined;
}

/** `productWire`. */
export function readProduct(item: unknown): Product | undefined {
  const row = fieldsOf(item);
  if (row === undefined) return undefined;
  const { sku, style, season, launchDate, launchRank, packSize } = row;
  if (!isId(sku) || !isSeason(season)) return undefined;
  if (style !== undefined && typeof style !== "string") return undefined;
  if (launchDate !== undefined && !isDate(launchDate)) return undefined;
  if (launchRank !== undefined && !isInt(launchRank)) return undefined;
  if (packSize !== undefined && !(isInt(packSize) && packSize >= 1 && packSize <= 1_000_000))
    return undefined;
  const out: Record<string, unknown> = { sku };
  setOptional(out, row, "style", style);
  out.season = season;
  setOptional(out, row, "launchDate", launchDate);
  setOptional(out, row, "launchRank", launchRank);
  setOptional(out, row, "packSize", packSize);
  return out as unknown as Product;
}

/** `supplyWire`. */
export function readSupply(item: unknown): SupplyRow | undefined {
  const row = fieldsOf(item);
  if (row === undefined) return undefined;
  const { sku, quantity } = row;
  return isId(sku) && isQuantity(quantity) ? { sku, quantity } : undefined;
}

/** `franchiseeWire`, then the {@link Franchisee} parseInput.ts makes of it. */
export function readFranchisee(item: unknown): Franchisee | undefined {
  const row = fieldsOf(item);
  if (row === undefined) return undefined;
  const { id, priority, cash: cashIn, creditLimit: limitIn, creditUsed: usedIn, region } = row;
  if (!isId(id) || !isInt(priority)) return undefined;
  if (region !== undefined && typeof region !== "string") return undefined;
  const cash = amountOf(cashIn);
  // `prefault("0")`: an absent amount is read as "0".
  const creditLimit = amountOf(limitIn === undefined ? "0" : limitIn);
  const creditUsed = amountOf(usedIn === undefined ? "0" : usedIn);
  if (cash === undefined || creditLimit === undefined || creditUsed === undefined) return undefined;
  return region === undefined
    ? { id, priority, cash, creditLimit, creditUsed }
    : { id, priority, cash, creditLimit, creditUsed, region };
}

/** `regionWire`. */
export function readRegion(item: unknown): Region | undefined {
  const row = fieldsOf(item);
  if (row === undefined) return undefined;
  const { id, name } = row;
  if (!isId(id) || (name !== undefined && typeof name !== "string")) return undefined;
  const out: Record<string, unknown> = { id };
  setOptional(out, row, "name", name);
  return out as unknown as Region;
}

/** `storeWire`. */
export function readStore(item: unknown): Store | undefined {
  const row = fieldsOf(item);
  if (row === undefined) return undefined;
  const { id, region, class: storeClass, operation } = row;
  if (!isId(id) || !isId(region) || !isStoreClass(storeClass) || !isOperation(operation)) {
    return undefined;
  }
  return { id, region, class: storeClass, operation };
}

/** `storeNeedWire` (`onHand` and `inTransit` 0 when absent). */
export function readStoreNeed(item: unknown): StoreNeed | undefined {
  const row = fieldsOf(item);
  if (row === undefined) return undefined;
  const { store, sku, safetyStock, onHand = 0, inTransit = 0 } = row;
  if (!isId(store) || !isId(sku) || !isQuantity(safetyStock)) return undefined;
  if (!isQuantity(onHand) || !isQuantity(inTransit)) return undefined;
  return { store, sku, safetyStock, onHand, inTransit };
}

/** `regionNeedWire`. */
export function readRegionNeed(item: unknown): RegionNeed | undefined {
  const row = fieldsOf(item);
  if (row === undefined) return undefined;
  const { region, sku, quantity } = row;
  return isId(region) && isId(sku) && isQuantity(quantity) ? { region, sku, quantity } : undefined;
}

/** Every item read by `read`, in input order; `undefined` as soon as one is not sound. */
export function readAll<T>(
  raw: readonly unknown[],
  read: (item: unknown) => T | undefined,
): T[] | undefined {
  const out: T[] = [];
  for (let index = 0; index < raw.length; index++) {
    const value = read(raw[index]);
    if (value === undefined) return undefined;
    out.push(value);
  }
  return out;
}
