import type { Decimal } from "decimal.js";
import { z } from "zod";
import { addDays, type IsoDate, isIsoDate } from "../domain/dates.js";
import { AMOUNT_RULE, readAmount, ZERO } from "../domain/money.js";
import { type AllocationPolicy, DEFAULT_POLICY } from "../domain/policy.js";
import type {
  AllocationRequest,
  Franchisee,
  Lock,
  Order,
  OrderLine,
  Product,
  Region,
  RegionNeed,
  Store,
  StoreNeed,
  SupplyRow,
} from "../domain/types.js";
import type { Issue, ParseResult } from "./issues.js";
import {
  franchiseeWire,
  inputWire,
  lockWire,
  MAX_QUANTITY,
  orderLineWire,
  orderWire,
  type policyWire,
  productWire,
  regionNeedWire,
  regionWire,
  storeNeedWire,
  storeWire,
  supplyWire,
} from "./wire.js";

type Path = (string | number)[];

/** A row that passed its own schema, with where it stood in the input. */
interface Row<T> {
  readonly index: number;
  readonly value: T;
}

/**
 * Turns untrusted JSON into an {@link AllocationRequest}, or lists every problem
 * with its JSON path (SPEC §7). Never throws, never mutates `input`.
 *
 * Row shapes are checked first; cross-row rules (references, uniqueness, lock
 * sizes, dates) are then checked over every row that had a sound shape, so one
 * malformed row does not hide the other problems.
 *
 * @example
 * ```ts
 * import { parseAllocationInput } from "fenhuo";
 * const result = parseAllocationInput({ asOf: "2026-03-01", supply: [{ sku: "X", quantity: 1 }] });
 * result.ok; // false: supply[0].sku names no product
 * ```
 */
export function parseAllocationInput(input: unknown): ParseResult<AllocationRequest> {
  const issues: Issue[] = [];
  const raw = parseTop(input, issues);
  if (raw === undefined) return { ok: false, issues };
  const policy = parsePolicy(raw.policy, issues);
  if (
    raw.asOf !== undefined &&
    !fitsCalendar(raw.asOf as IsoDate, policy.lockDays + policy.relockCooldownDays)
  ) {
    issues.push({
      path: ["asOf"],
      message: `a lock placed on ${raw.asOf} and its cool-down (${policy.lockDays} + ${policy.relockCooldownDays} days) would end after 9999-12-31`,
    });
  }
  const amounts = new AmountReader(issues);

  const products = section("products", raw.products, productWire, issues);
  const supply = section("supply", raw.supply, supplyWire, issues);
  const franchiseeRows = section("franchisees", raw.franchisees, franchiseeWire, issues);
  const orderRows = section("orders", raw.orders, orderWire, issues);
  const locks = section("locks", raw.locks, lockWire, issues);
  const regions = section("regions", raw.regions, regionWire, issues);
  const stores = section("stores", raw.stores, storeWire, issues);
  const storeNeeds = section("storeNeeds", raw.storeNeeds, storeNeedWire, issues);
  const regionNeeds = section("regionNeeds", raw.regionNeeds, regionNeedWire, issues);

  // Ids of rows whose shape failed: references to them are not reported again.
  const broken = brokenIds(
    raw,
    { products, franchisees: franchiseeRows, orders: orderRows, regions, stores },
    { products: "sku", franchisees: "id", orders: "id", regions: "id", stores: "id" },
  );

  const productSkus = unique("products", products, (p) => p.sku, "sku", "product", issues);
  unique("supply", supply, (s) => s.sku, "sku", "supply row", issues);
  const franchiseeIds = unique(
    "franchisees",
    franchiseeRows,
    (f) => f.id,
    "id",
    "franchisee",
    issues,
  );
  const regionIds = unique("regions", regions, (r) => r.id, "id", "region", issues);
  const storeIds = unique("stores", stores, (s) => s.id, "id", "store", issues);
  unique("locks", locks, (l) => l.id, "id", "lock", issues);
  unique(
    "storeNeeds",
    storeNeeds,
    (n) => JSON.stringify([n.store, n.sku]),
    "sku",
    "need for this (store, sku)",
    issues,
    (k) => k,
  );
  unique(
    "regionNeeds",
    regionNeeds,
    (n) => JSON.stringify([n.region, n.sku]),
    "sku",
    "need for this (region, sku)",
    issues,
    (k) => k,
  );

  const refs = new References(issues, broken);
  for (const { index, value } of supply)
    refs.check(productSkus, "products", value.sku, ["supply", index, "sku"]);
  for (const { index, value } of stores)
    refs.check(regionIds, "regions", value.region, ["stores", index, "region"]);
  for (const { index, value } of storeNeeds) {
    refs.check(storeIds, "stores", value.store, ["storeNeeds", index, "store"]);
    refs.check(productSkus, "products", value.sku, ["storeNeeds", index, "sku"]);
  }
  for (const { index, value } of regionNeeds) {
    refs.check(regionIds, "regions", value.region, ["regionNeeds", index, "region"]);
    refs.check(productSkus, "products", value.sku, ["regionNeeds", index, "sku"]);
  }

  const franchisees: Franchisee[] = franchiseeRows.map(({ index, value }) => {
    const path: Path = ["franchisees", index];
    return {
      id: value.id,
      priority: value.priority,
      cash: amounts.read(value.cash, [...path, "cash"]),
      creditLimit: amounts.read(value.creditLimit, [...path, "creditLimit"]),
      creditUsed: amounts.read(value.creditUsed, [...path, "creditUsed"]),
      ...(value.region === undefined ? {} : { region: value.region }),
    };
  });

  // Orders and their lines.
  const orders: Order[] = [];
  const orderById = new Map<string, Order>();
  for (const { index, value } of orderRows) {
    const path: Path = ["orders", index];
    refs.check(franchiseeIds, "franchisees", value.franchisee, [...path, "franchisee"]);
    const { lines, rawIndex } = readLines(value.id, value.lines, path, amounts, broken, issues);
    const linePath = (k: number, field: string): Path => [...path, "lines", rawIndex(k), field];
    let increasing = true;
    for (let k = 0; k < lines.length; k++) {
      const line = lines[k] as OrderLine;
      if (k > 0 && line.line <= (lines[k - 1] as OrderLine).line) increasing = false;
      if (!productSkus.has(line.sku))
        refs.check(productSkus, "products", line.sku, linePath(k, "sku"));
      if (line.allocated > line.quantity) {
        issues.push({
          path: linePath(k, "allocated"),
          message: `allocated (${line.allocated}) exceeds the ordered quantity (${line.quantity})`,
        });
      }
    }
    if (!increasing) {
      const seen = new Set<number>();
      lines.forEach((line, k) => {
        if (seen.has(line.line)) {
          issues.push({
            path: linePath(k, "line"),
            message: `duplicate line number ${line.line} in order ${JSON.stringify(value.id)}`,
          });
        }
        seen.add(line.line);
      });
    }
    const order: Order = {
      id: value.id,
      franchisee: value.franchisee,
      orderedOn: value.orderedOn as IsoDate,
      lines,
    };
    orders.push(order);
    if (orderById.has(value.id)) {
      issues.push({
        path: [...path, "id"],
        message: `duplicate order id ${JSON.stringify(value.id)}`,
      });
    } else {
      orderById.set(value.id, order);
    }
  }

  // Locks: each must match its line, and a line's locks must fit its outstanding.
  const lockedPerLine = new Map<OrderLine, { total: number; last: Path }>();
  for (const { index, value } of locks) {
    const path: Path = ["locks", index];
    if (value.expiresOn <= value.lockedOn) {
      issues.push({
        path: [...path, "expiresOn"],
        message: `expires on ${value.expiresOn}, not after it was locked (${value.lockedOn})`,
      });
    }
    if (!fitsCalendar(value.expiresOn as IsoDate, policy.relockCooldownDays)) {
      issues.push({
        path: [...path, "expiresOn"],
        message: "its cool-down would end after 9999-12-31",
      });
    }
    if (raw.asOf !== undefined && value.lockedOn > raw.asOf) {
      issues.push({
        path: [...path, "lockedOn"],
        message: `locked on ${value.lockedOn}, after the run's asOf ${raw.asOf}`,
      });
    }
    const found = orderById.get(value.order);
    if (found === undefined) {
      refs.check(new Set(), "orders", value.order, [...path, "order"]);
      continue;
    }
    const line = found.lines.find((candidate) => candidate.line === value.line);
    if (line === undefined) {
      if (!broken.has(`lines\u0000${value.order}\u0000${value.line}`)) {
        issues.push({
          path: [...path, "line"],
          message: `order ${JSON.stringify(value.order)} has no line ${value.line}`,
        });
      }
      continue;
    }
    if (value.franchisee !== found.franchisee) {
      issues.push({
        path: [...path, "franchisee"],
        message: `franchisee ${JSON.stringify(value.franchisee)} differs from its order's (${JSON.stringify(found.franchisee)})`,
      });
    }
    if (value.sku !== line.sku) {
      issues.push({
        path: [...path, "sku"],
        message: `sku ${JSON.stringify(value.sku)} differs from its line's (${JSON.stringify(line.sku)})`,
      });
    }
    const seen = lockedPerLine.get(line) ?? { total: 0, last: path };
    lockedPerLine.set(line, { total: seen.total + value.quantity, last: path });
  }
  for (const [line, { total, last }] of lockedPerLine) {
    const open = line.quantity - line.allocated;
    if (total > open) {
      issues.push({
        path: [...last, "quantity"],
        message: `locks on this line hold ${total} units but only ${Math.max(0, open)} are outstanding (ordered ${line.quantity}, allocated ${line.allocated})`,
      });
    }
  }

  if (issues.length > 0) return { ok: false, issues };
  const request = {
    asOf: raw.asOf as IsoDate,
    currency: raw.currency as string,
    policy,
    products: values<Product>(products),
    supply: values<SupplyRow>(supply),
    franchisees,
    orders,
    locks: values(locks) as Lock[],
    regions: values<Region>(regions),
    stores: values<Store>(stores),
    storeNeeds: values<StoreNeed>(storeNeeds),
    regionNeeds: values<RegionNeed>(regionNeeds),
  };
  return { ok: true, value: request as unknown as AllocationRequest };
}

/** Whether `date + days` is still a date of the years 0000–9999. */
function fitsCalendar(date: IsoDate, days: number): boolean {
  try {
    addDays(date, days);
    return true;
  } catch {
    return false;
  }
}

function values<T>(rows: readonly Row<unknown>[]): T[] {
  return rows.map((row) => row.value as T);
}

/** Parses a whole section fast; only when it fails, row by row to keep the sound rows. */
function section<T>(
  name: string,
  raw: readonly unknown[] | undefined,
  schema: z.ZodType<T>,
  issues: Issue[],
): Row<T>[] {
  if (raw === undefined) return [];
  return rowsOf(z.array(schema), schema, raw, [name], issues);
}

function rowsOf<T>(
  arraySchema: z.ZodType<T[]>,
  schema: z.ZodType<T>,
  raw: readonly unknown[],
  path: Path,
  issues: Issue[],
): Row<T>[] {
  const whole = arraySchema.safeParse(raw);
  if (whole.success) return whole.data.map((value, index) => ({ index, value }));
  const rows: Row<T>[] = [];
  raw.forEach((item, index) => {
    const one = schema.safeParse(item);
    if (one.success) rows.push({ index, value: one.data });
    else collect(issues, [...path, index], one.error);
  });
  return rows;
}

function collect(issues: Issue[], prefix: Path, error: z.ZodError): void {
  for (const issue of error.issues) {
    const path = [
      ...prefix,
      ...issue.path.map((key) => (typeof key === "symbol" ? String(key) : key)),
    ];
    if (issue.code === "unrecognized_keys") {
      // One issue per unknown key, at its own path: a typo is found where it is.
      for (const key of issue.keys)
        issues.push({ path: [...path, key], message: unknownField(key) });
    } else {
      issues.push({ path, message: issue.message });
    }
  }
}

function unknownField(key: string): string {
  return `unknown field ${JSON.stringify(key)}`;
}

type TopLevel = z.output<typeof inputWire>;

/**
 * The top level, field by field, so that a bad `asOf` does not hide a bad row:
 * `undefined` only when the input is not an object at all. A field that fails
 * is reported and left out (sections become empty).
 */
function parseTop(input: unknown, issues: Issue[]): Partial<TopLevel> | undefined {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    issues.push({ path: [], message: "must be an object (an AllocationInput)" });
    return undefined;
  }
  const shape = inputWire.shape as Record<string, z.ZodType>;
  const record = input as Record<string, unknown>;
  const top: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(shape)) {
    const field = schema.safeParse(record[key]);
    if (field.success) top[key] = field.data;
    else collect(issues, [key], field.error);
  }
  for (const key of Object.keys(record)) {
    if (!Object.hasOwn(shape, key)) issues.push({ path: [key], message: unknownField(key) });
  }
  return top as Partial<TopLevel>;
}

function unique<T>(
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
        message: `duplicate ${what} ${show(k)}`,
      });
    }
    seen.add(k);
  }
  return seen;
}

class References {
  constructor(
    private readonly issues: Issue[],
    private readonly broken: ReadonlySet<string>,
  ) {}

  check(known: ReadonlySet<string>, list: string, id: string, path: Path): void {
    if (known.has(id) || this.broken.has(`${list}\u0000${id}`)) return;
    this.issues.push({
      path,
      message: `unknown ${singular(list)} ${JSON.stringify(id)}: not in ${list}`,
    });
  }
}

function singular(list: string): string {
  return list === "franchisees" ? "franchisee" : list.replace(/s$/, "");
}

/** Reads amounts once per distinct text: a wave repeats few prices over many lines. */
export class AmountReader {
  private readonly cache = new Map<string | number, Decimal>();
  constructor(private readonly issues: Issue[]) {}

  /** The amount, or `undefined` (and no issue) when it is not a valid one. */
  tryRead(value: unknown): Decimal | undefined {
    if (typeof value !== "string" && typeof value !== "number") return undefined;
    const cached = this.cache.get(value);
    if (cached !== undefined) return cached;
    const amount = readAmount(value);
    if (amount !== undefined) this.cache.set(value, amount);
    return amount;
  }

  /** The amount, or zero with an issue at `path`. */
  read(value: string | number, path: Path): Decimal {
    const amount = this.tryRead(value);
    if (amount !== undefined) return amount;
    this.issues.push({
      path,
      message: `${AMOUNT_RULE}, got ${JSON.stringify(value)}`,
    });
    return ZERO;
  }
}

/**
 * An order's lines. Lines come by the million, so a sound line is read by hand
 * — accepting exactly what `orderLineWire` accepts, which a property test
 * holds it to; on the first line that is not sound, zod reads them all and
 * reports every issue.
 */
function readLines(
  order: string,
  raw: readonly unknown[],
  path: Path,
  amounts: AmountReader,
  broken: Set<string>,
  issues: Issue[],
): { lines: OrderLine[]; rawIndex: (k: number) => number } {
  const lines: OrderLine[] = [];
  for (const item of raw) {
    const line = readSoundLine(item, amounts);
    if (line === undefined) break;
    lines.push(line);
  }
  if (lines.length === raw.length) return { lines, rawIndex: (k) => k };

  const rows = rowsOf(z.array(orderLineWire), orderLineWire, raw, [...path, "lines"], issues);
  const sound = new Set(rows.map((row) => row.index));
  raw.forEach((item, index) => {
    const number =
      typeof item === "object" && item !== null ? (item as { line?: unknown }).line : undefined;
    if (!sound.has(index) && typeof number === "number")
      broken.add(`lines\u0000${order}\u0000${number}`);
  });
  const trusted = rows.map(({ index, value }) => ({
    line: value.line,
    sku: value.sku,
    quantity: value.quantity,
    unitPrice: amounts.read(value.unitPrice, [...path, "lines", index, "unitPrice"]),
    allocated: value.allocated,
    lockBlockedUntil: (value.lockBlockedUntil ?? undefined) as IsoDate | undefined,
  }));
  return { lines: trusted, rawIndex: (k) => (rows[k] as Row<unknown>).index };
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

function isQuantity(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_QUANTITY;
}

/**
 * `list\0id` for every row that failed its own schema yet carries a readable
 * id: references to it are not reported again as unknown.
 */
function brokenIds(
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
      if (typeof id === "string") ids.add(`${list}\u0000${id}`);
    });
  }
  return ids;
}

function parsePolicy(
  raw: z.output<typeof policyWire> | undefined,
  issues: Issue[],
): AllocationPolicy {
  const given = raw ?? {};
  const policy: AllocationPolicy = {
    franchiseeRanking: given.franchiseeRanking ?? DEFAULT_POLICY.franchiseeRanking,
    creditCountsAsFunds: given.creditCountsAsFunds ?? DEFAULT_POLICY.creditCountsAsFunds,
    spendOrder: given.spendOrder ?? DEFAULT_POLICY.spendOrder,
    afterShortfall: given.afterShortfall ?? DEFAULT_POLICY.afterShortfall,
    lockUnfunded: given.lockUnfunded ?? DEFAULT_POLICY.lockUnfunded,
    lockDays: given.lockDays ?? DEFAULT_POLICY.lockDays,
    relockCooldownDays: given.relockCooldownDays ?? DEFAULT_POLICY.relockCooldownDays,
    regionOrder: {
      SS: given.regionOrder?.SS ?? DEFAULT_POLICY.regionOrder.SS,
      AW: given.regionOrder?.AW ?? DEFAULT_POLICY.regionOrder.AW,
    },
    seasonCalendar: {
      SS: given.seasonCalendar?.SS ?? DEFAULT_POLICY.seasonCalendar.SS,
      AW: given.seasonCalendar?.AW ?? DEFAULT_POLICY.seasonCalendar.AW,
    },
    storeClassOrder: given.storeClassOrder ?? DEFAULT_POLICY.storeClassOrder,
  };
  for (const season of ["SS", "AW"] as const) {
    const list = policy.regionOrder[season];
    const seen = new Set<string>();
    list.forEach((region, index) => {
      if (seen.has(region)) {
        issues.push({
          path: ["policy", "regionOrder", season, index],
          message: `region ${JSON.stringify(region)} is listed twice`,
        });
      }
      seen.add(region);
    });
  }
  const months = [...policy.seasonCalendar.SS, ...policy.seasonCalendar.AW];
  for (let month = 1; month <= 12; month++) {
    const count = months.filter((m) => m === month).length;
    if (count !== 1) {
      issues.push({
        path: ["policy", "seasonCalendar"],
        message: `month ${month} must belong to exactly one season, but is in ${count}`,
      });
    }
  }
  const classes = [...policy.storeClassOrder].sort().join("");
  if (classes !== "ABC") {
    issues.push({ path: ["policy", "storeClassOrder"], message: "must list A, B and C once each" });
  }
  return policy;
}
