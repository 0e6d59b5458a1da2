import type { Decimal } from "decimal.js";
import type { IsoDate } from "../domain/dates.js";
import type { Lock, Order, OrderLine } from "../domain/types.js";
import type { UnfilledReason } from "../domain/vocabulary.js";
import { compareIds } from "../ranking/compare.js";
import type { Amount, AmountColumn, RunMoney } from "./runMoney.js";

/*
 * The franchisee order lines of one run, as columns. A wave holds millions of
 * lines: one object per line per pass is what made the first engine slow, so
 * a line here is an index `i` into typed arrays, in canonical order (orders by
 * id, then lines by number — the order of every per-line list of the plan).
 */

/**
 * What one source (lock conversion, or the funded pass) served each line, as
 * columns: units (0: none), and the cash that paid them — credit paid the
 * rest, units × unit price − cash (see {@link creditPaid}).
 */
export interface Served {
  readonly quantity: Int32Array;
  readonly cash: AmountColumn;
}

/** What credit paid of what `served` gave line `i` at `price` a unit: the amount less the cash. */
export function creditPaid(served: Served, i: number, price: Amount, money: RunMoney): Amount {
  const amount = money.times(price, served.quantity[i] as number);
  return money.minus(amount, served.cash[i] as Amount);
}

/** Empty {@link Served} columns for `count` lines, in the run's money. */
export function servedColumns(count: number, money: RunMoney): Served {
  return {
    quantity: new Int32Array(count),
    cash: money.column(count),
  };
}

/** A lock carried in from an earlier run. */
export interface LockState {
  readonly source: Lock;
  /** Its line's index in the {@link LineTable}. */
  readonly line: number;
  converted: number;
  /** Past its expiry date but in its payment grace (R-LOCK-GRACE): converted, then released. */
  expiring: boolean;
  /** Its units not converted went back to free stock in this run. */
  released: boolean;
}

/** R-LOCK-PLACE left part of the line outstanding although stock was free: it was barred (R-LOCK-EXPIRE). */
export const LOCK_BLOCKED = 1;
/** R-ALLOC-FUNDED: money, not stock, held the line below what free stock allowed. */
export const MONEY_SHORT = 2;
/** R-MINFILL: the funded or lock pass refused the part of the line it was offered. */
export const MIN_FILL = 4;
/** R-COMPLETE: the line's ship-complete order was held back whole in a pass. */
export const SHIP_COMPLETE = 8;
/** R-HOLD: stock held the line short while units of its SKU were held back for another channel. */
export const HELD_BACK = 16;

/**
 * Why a line left open stays open, from its facts: a bar on locking first, then
 * its ship-complete order held back (R-COMPLETE), then R-MINFILL's refusal,
 * then money; then a holdback (R-HOLD) out of its reach; else stock.
 */
export function unfilledReason(facts: number): UnfilledReason {
  if ((facts & LOCK_BLOCKED) !== 0) return "lock-blocked";
  if ((facts & SHIP_COMPLETE) !== 0) return "ship-complete";
  if ((facts & MIN_FILL) !== 0) return "min-fill";
  if ((facts & MONEY_SHORT) !== 0) return "funds";
  return (facts & HELD_BACK) !== 0 ? "holdback" : "stock";
}

/** The franchisee lines of a run as columns, each indexed by line (see the file's note). */
export interface LineTable {
  readonly count: number;
  /** Orders sorted by id. */
  readonly orders: readonly Order[];
  /** Each line's order, as an index into `orders`. */
  readonly order: Int32Array;
  /** Each order's first line (its lines follow in number order). */
  readonly first: Int32Array;
  /** The parsed lines themselves. */
  readonly source: readonly OrderLine[];
  /** Each line's franchisee, as an index into the run's franchisees. */
  readonly franchisee: Int32Array;
  /** Each line's SKU, as an index into the run's SKUs. */
  readonly sku: Int32Array;
  /** Each line's unit price, as an index into `prices`. */
  readonly price: Int32Array;
  /** The wave's distinct unit prices (the parser shares one Decimal per price text). */
  readonly prices: readonly Decimal[];
  /** Σ quantity over every line (a bound of what the run can serve). */
  readonly units: number;
  /** The lines that carry a `lockBlockedUntil`, and that date (R-LOCK-EXPIRE). */
  readonly barred: ReadonlyMap<number, IsoDate>;
  /**
   * Units this run may still serve: quantity − allocated − units under carried
   * locks at the start; every serve, lock and release keeps it current, so at
   * the end it is what is left unfilled.
   */
  readonly open: Int32Array;
  /** Units of the line's new lock (R-LOCK-PLACE), 0 when none. */
  readonly locked: Int32Array;
  /** {@link LOCK_BLOCKED}, {@link MONEY_SHORT}, {@link MIN_FILL}, {@link SHIP_COMPLETE}: why what is open stays open. */
  readonly facts: Uint8Array;
  /** What lock conversion served (R-LOCK-CONVERT), by line; most lines have none. */
  readonly converted: Served;
  /** What the funded pass served (R-ALLOC-FUNDED), by line. */
  readonly funded: Served;
  /** Carried locks of a line, oldest first (lockedOn, then id). */
  readonly carried: ReadonlyMap<number, readonly LockState[]>;
  /** Lines a lock of which was released in this run: no new lock before this date. */
  readonly relockFrom: Map<number, IsoDate>;
}

/** Where a run's lines and SKUs are numbered from. */
export interface Numbering {
  readonly skuIndex: ReadonlyMap<string, number>;
  readonly franchiseeIndex: ReadonlyMap<string, number>;
}

/** The line table of `orders`, with `locks` taken out of each line's open units. */
export function buildLineTable(
  orders: readonly Order[],
  locks: readonly Lock[],
  { skuIndex, franchiseeIndex }: Numbering,
): { readonly table: Omit<LineTable, "converted" | "funded">; readonly locks: LockState[] } {
  const sorted = isSortedBy(orders, (a, b) => compareIds(a.id, b.id))
    ? orders
    : [...orders].sort((a, b) => compareIds(a.id, b.id));
  let count = 0;
  for (const order of sorted) count += order.lines.length;

  const source: OrderLine[] = new Array(count);
  const orderOf = new Int32Array(count);
  const franchisee = new Int32Array(count);
  const sku = new Int32Array(count);
  const open = new Int32Array(count);
  const price = new Int32Array(count);
  const prices: Decimal[] = [];
  const priceIndex = new Map<Decimal, number>();
  const barred = new Map<number, IsoDate>();
  let units = 0;
  const first = new Int32Array(sorted.length);
  let i = 0;
  sorted.forEach((order, orderIndex) => {
    const lines = isSortedBy(order.lines, byNumber) ? order.lines : [...order.lines].sort(byNumber);
    const owner = franchiseeIndex.get(order.franchisee) as number;
    first[orderIndex] = i;
    for (const line of lines) {
      source[i] = line;
      orderOf[i] = orderIndex;
      franchisee[i] = owner;
      sku[i] = skuIndex.get(line.sku) as number;
      open[i] = line.quantity - line.allocated;
      units += line.quantity;
      let p = priceIndex.get(line.unitPrice);
      if (p === undefined) {
        p = prices.length;
        prices.push(line.unitPrice);
        priceIndex.set(line.unitPrice, p);
      }
      price[i] = p;
      if (line.lockBlockedUntil !== undefined) barred.set(i, line.lockBlockedUntil);
      i++;
    }
  });

  const partial = { orders: sorted, first, source };
  const carried = new Map<number, LockState[]>();
  const lockStates: LockState[] = [];
  for (const lock of locks) {
    const line = lineIndex(partial, lock.order, lock.line);
    open[line] = (open[line] as number) - lock.quantity;
    const state: LockState = { source: lock, line, converted: 0, expiring: false, released: false };
    const list = carried.get(line);
    if (list === undefined) carried.set(line, [state]);
    else list.push(state);
    lockStates.push(state);
  }
  lockStates.sort(byAge);
  for (const list of carried.values()) if (list.length > 1) list.sort(byAge);

  const table: Omit<LineTable, "converted" | "funded"> = {
    count,
    orders: sorted,
    order: orderOf,
    first,
    source,
    franchisee,
    sku,
    price,
    prices,
    units,
    barred,
    open,
    locked: new Int32Array(count),
    facts: new Uint8Array(count),
    carried,
    relockFrom: new Map(),
  };
  return { table, locks: lockStates };
}

/**
 * The line-table index of line `number` of order `id`, or -1 when the run
 * has no such line (orders are sorted by id: a binary search).
 */
export function lineIndex(
  table: Pick<LineTable, "orders" | "first" | "source">,
  id: string,
  number: number,
): number {
  const { orders, first, source } = table;
  let low = 0;
  let high = orders.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const order = orders[middle] as Order;
    if (order.id === id) {
      const start = first[middle] as number;
      for (let i = start; i < start + order.lines.length; i++)
        if ((source[i] as OrderLine).line === number) return i;
      return -1;
    }
    if (order.id < id) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

function byNumber(a: OrderLine, b: OrderLine): number {
  return a.line - b.line;
}

/** Carried locks oldest first: lockedOn, then id. */
function byAge(a: LockState, b: LockState): number {
  return compareIds(a.source.lockedOn, b.source.lockedOn) || compareIds(a.source.id, b.source.id);
}

function isSortedBy<T>(items: readonly T[], order: (a: T, b: T) => number): boolean {
  for (let k = 1; k < items.length; k++)
    if (order(items[k - 1] as T, items[k] as T) > 0) return false;
  return true;
}

/**
 * R-RANK-LINE for every franchisee at once: the lines with something to
 * decide (units open, or a carried lock), grouped by franchisee, each group
 * ordered by product priority, then orderedOn, then order id, then line
 * number. Returns the groups back to back and where each begins (`start[f]`
 * to `start[f + 1]`).
 */
export function rankLines(
  table: Omit<LineTable, "converted" | "funded">,
  productRank: Int32Array,
  franchiseeCount: number,
): { readonly ranked: Int32Array; readonly start: Int32Array } {
  const { count, open, carried, orders, order, sku, franchisee } = table;
  // orderedOn as a rank among the wave's order dates: one number per line.
  const dates = [...new Set(orders.map((o) => o.orderedOn))].sort(compareIds);
  const dateRank = new Map(dates.map((date, index) => [date, index]));
  const orderDate = new Int32Array(orders.length);
  orders.forEach((o, index) => {
    orderDate[index] = dateRank.get(o.orderedOn) as number;
  });

  let candidates = 0;
  for (let i = 0; i < count; i++) if ((open[i] as number) > 0 || carried.has(i)) candidates++;
  const lines = new Int32Array(candidates);
  let next = 0;
  for (let i = 0; i < count; i++) if ((open[i] as number) > 0 || carried.has(i)) lines[next++] = i;

  // Lines are in canonical (order id, line number) order: stable sorts by
  // date, then product, order them by (product, date, order id, line number),
  // and a last one by franchisee groups them.
  const byDate = byKey(lines, (i) => orderDate[order[i] as number] as number, dates.length);
  const byProduct = byKey(
    byDate.sorted,
    (i) => productRank[sku[i] as number] as number,
    productRank.length,
  );
  const byFranchisee = byKey(byProduct.sorted, (i) => franchisee[i] as number, franchiseeCount);
  return { ranked: byFranchisee.sorted, start: byFranchisee.begin };
}

/**
 * `items` stably reordered by `key` (an integer in [0, range)), and where
 * each key's items begin (`begin[k]` to `begin[k + 1]`): a counting sort,
 * O(items + range), no comparator. Applied key by key from the last to the
 * first, it sorts by all of them (an LSD radix sort).
 */
export function byKey(
  items: Int32Array,
  key: (item: number) => number,
  range: number,
): { readonly sorted: Int32Array; readonly begin: Int32Array } {
  const begin = new Int32Array(range + 1);
  for (const item of items) {
    const k = key(item) + 1;
    begin[k] = (begin[k] as number) + 1;
  }
  for (let k = 0; k < range; k++) begin[k + 1] = (begin[k + 1] as number) + (begin[k] as number);
  const next = begin.slice(0, range);
  const sorted = new Int32Array(items.length);
  for (const item of items) {
    const k = key(item);
    const at = next[k] as number;
    sorted[at] = item;
    next[k] = at + 1;
  }
  return { sorted, begin };
}

/**
 * Records `quantity` units served to line `i`, `cash` of their cost paid in
 * cash and the rest in credit: by
 * the funded pass out of its open units (R-ALLOC-FUNDED), or by lock
 * conversion out of a carried lock's (R-LOCK-CONVERT, never open in this
 * run; several locks of a line add up).
 */
export function recordServed(
  table: LineTable,
  i: number,
  from: "funded" | "lock",
  quantity: number,
  cash: Amount,
  money: RunMoney,
): void {
  const served = from === "funded" ? table.funded : table.converted;
  served.quantity[i] = (served.quantity[i] as number) + quantity;
  served.cash[i] = money.plus(served.cash[i] as Amount, cash);
  if (from === "funded") table.open[i] = (table.open[i] as number) - quantity;
}

/** R-LOCK-PLACE: `quantity` of line `i`'s open units go under its new lock. */
export function lockUnits(table: LineTable, i: number, quantity: number): void {
  table.locked[i] = quantity;
  table.open[i] = (table.open[i] as number) - quantity;
}

/** R-LOCK-EXPIRE: released lock units are open again, the line barred from a new lock before `until`. */
export function reopen(table: LineTable, i: number, quantity: number, until: IsoDate): void {
  table.open[i] = (table.open[i] as number) + quantity;
  const barred = table.relockFrom.get(i);
  if (barred === undefined || until > barred) table.relockFrom.set(i, until);
}

/**
 * R-LOCK-EXPIRE: the date before which line `i` may not be locked, if it is
 * barred in this run — released now (then never in this run), or carrying a
 * `lockBlockedUntil` after `asOf`. The later of the two when both apply.
 */
export function barredUntil(lines: LineTable, i: number, asOf: IsoDate): IsoDate | undefined {
  const until = lines.barred.get(i);
  const stored = until !== undefined && until > asOf ? until : undefined;
  const released = lines.relockFrom.get(i);
  if (released === undefined) return stored;
  return stored !== undefined && stored > released ? stored : released;
}
