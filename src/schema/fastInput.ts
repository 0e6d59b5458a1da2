import type { IsoDate } from "../domain/dates.js";
import { isCurrencyCode } from "../domain/money.js";
import { ALLOCATION_POLICY_FIELDS, DEFAULT_CURRENCY } from "../domain/policy.js";
import type { AllocationRequest, Lock, Order, OrderLine } from "../domain/types.js";
import { checkCommitments } from "./commitments.js";
import {
  fieldsOf,
  isDate,
  isId,
  readAll,
  readFranchisee,
  readProduct,
  readRegion,
  readRegionNeed,
  readStore,
  readStoreNeed,
  readSupply,
} from "./fastRows.js";
import { checkHoldback } from "./holdback.js";
import type { Issue } from "./issues.js";
import { AmountReader, readSoundLine } from "./orderLines.js";
import { completePolicy } from "./policyWire.js";
import { checkLocks, fitsCalendar, References } from "./references.js";
import { parseRows } from "./rows.js";
import { commitmentWire, holdbackWire, inputWire, lockWire } from "./wire.js";
import { check } from "./zodIssues.js";

/*
 * Issue 11: the fast path of parseAllocationInput. A sound input — every
 * input of a day's run, and a million lines of it — is read once, by hand,
 * row by row in input order, straight into the request, with every check of
 * the full parser (shapes, ids given once, references, locks, R-RUN-1
 * commitments) made on numbers and Maps of ids. At the first sign of any
 * problem it gives up (`undefined`), and the full parser, unchanged, reads
 * the input again and lists every problem. So it may refuse a sound input
 * (the full parser then accepts it), never accept an unsound one, and what it
 * accepts it builds exactly as the full parser does.
 */

/** The sections a request always has, even when the input leaves them out. */
const SECTIONS = [
  "products",
  "supply",
  "franchisees",
  "orders",
  "locks",
  "commitments",
  "regions",
  "stores",
  "storeNeeds",
  "regionNeeds",
  "holdback",
] as const;

type Sections = Record<(typeof SECTIONS)[number], readonly unknown[]>;

const NONE: readonly unknown[] = Object.freeze([]);

/**
 * The request the full parser would return for `input`, when the input is
 * sound through and through; `undefined` at the first doubt (then only the
 * full parser can say what is wrong). Never mutates `input`.
 */
export function fastAllocationInput(input: unknown): AllocationRequest | undefined {
  const top = fieldsOf(input);
  if (top === undefined) return undefined;
  // inputWire is strict: an unknown top-level key is a problem.
  for (const key of Object.keys(top)) if (!Object.hasOwn(inputWire.shape, key)) return undefined;
  const { asOf, currency = DEFAULT_CURRENCY } = top;
  if (!isDate(asOf) || typeof currency !== "string" || !isCurrencyCode(currency)) return undefined;
  const sections = {} as Sections;
  for (const name of SECTIONS) {
    const raw = top[name];
    if (raw === undefined) sections[name] = NONE;
    else if (Array.isArray(raw)) sections[name] = raw;
    else return undefined;
  }

  const issues: Issue[] = [];
  const given = check(inputWire.shape.policy, top.policy);
  if (!given.ok) return undefined;
  const policy = completePolicy(ALLOCATION_POLICY_FIELDS, given.value, ["policy"], issues);
  if (issues.length > 0 || !fitsCalendar(asOf, policy.lockDays + policy.relockCooldownDays)) {
    return undefined;
  }

  const products = readAll(sections.products, readProduct);
  const productIndex = products && indexOf(products.map((product) => product.sku));
  const supply = readAll(sections.supply, readSupply);
  const franchisees = readAll(sections.franchisees, readFranchisee);
  const regions = readAll(sections.regions, readRegion);
  const regionIndex = regions && indexOf(regions.map((region) => region.id));
  const stores = readAll(sections.stores, readStore);
  const storeIndex = stores && indexOf(stores.map((store) => store.id));
  if (!productIndex || !supply || !franchisees || !regionIndex || !stores || !storeIndex) {
    return undefined;
  }
  const supplied = new Uint8Array(productIndex.size);
  for (const { sku } of supply) {
    const at = productIndex.get(sku);
    if (at === undefined || supplied[at] === 1) return undefined;
    supplied[at] = 1;
  }
  const franchiseeIds = indexOf(franchisees.map((franchisee) => franchisee.id));
  if (franchiseeIds === undefined) return undefined;
  for (const store of stores) if (!regionIndex.has(store.region)) return undefined;

  const storeNeeds = readAll(sections.storeNeeds, readStoreNeed);
  const regionNeeds = readAll(sections.regionNeeds, readRegionNeed);
  if (!storeNeeds || !regionNeeds) return undefined;
  if (!uniquePairs(storeNeeds, storeIndex, (need) => need.store, productIndex)) return undefined;
  if (!uniquePairs(regionNeeds, regionIndex, (need) => need.region, productIndex)) {
    return undefined;
  }

  const orderById = readOrders(sections.orders, franchiseeIds, productIndex);
  if (orderById === undefined) return undefined;

  // Locks and commitments are few: read and checked by the full parser's own code.
  const locks = parseRows(lockWire, sections.locks, ["locks"], issues);
  if (issues.length > 0 || indexOf(locks.map((lock) => lock.value.id)) === undefined) {
    return undefined;
  }
  const broken = new Set<string>();
  const context = { refs: new References(issues, broken), broken, issues };
  checkLocks(locks, orderById, { asOf, cooldown: policy.relockCooldownDays }, context);
  const commitmentRows = parseRows(commitmentWire, sections.commitments, ["commitments"], issues);
  if (issues.length > 0) return undefined;
  const commitments = checkCommitments(commitmentRows, orderById, asOf, context);
  if (issues.length > 0) return undefined;
  // R-HOLD: a few rows, read and checked by the full parser's own code.
  const holdbackRows = parseRows(holdbackWire, sections.holdback, ["holdback"], issues);
  if (issues.length > 0) return undefined;
  const holdback =
    holdbackRows.length === 0
      ? []
      : checkHoldback(
          holdbackRows,
          { products: new Set(productIndex.keys()), regions: new Set(regionIndex.keys()) },
          context,
        );
  if (issues.length > 0) return undefined;

  const request = {
    asOf,
    currency,
    policy,
    products,
    supply,
    franchisees,
    orders: [...orderById.values()],
    locks: locks.map((row) => row.value as Lock),
    commitments,
    regions,
    stores,
    storeNeeds,
    regionNeeds,
    holdback,
  };
  return request as unknown as AllocationRequest;
}

/** Each id's index; `undefined` when one is given twice. */
function indexOf(ids: readonly string[]): Map<string, number> | undefined {
  const index = new Map<string, number>();
  for (const id of ids) {
    const size = index.size;
    if (index.set(id, size).size === size) return undefined;
  }
  return index;
}

/**
 * Whether every row names a known owner (store or region) and a known SKU,
 * and no (owner, SKU) pair twice. A pair is one number, owner × SKUs + SKU,
 * marked in a bit set (250 KB for 400 stores × 5000 SKUs), or in a Set when
 * the pairs are too many for one.
 */
function uniquePairs<T extends { readonly sku: string }>(
  rows: readonly T[],
  owners: ReadonlyMap<string, number>,
  ownerOf: (row: T) => string,
  products: ReadonlyMap<string, number>,
): boolean {
  const width = products.size;
  const pairs = owners.size * width;
  if (pairs > Number.MAX_SAFE_INTEGER) return false;
  const bits = pairs <= MAX_BIT_SET ? new Uint32Array(Math.ceil(pairs / 32)) : undefined;
  const seen = new Set<number>();
  for (const row of rows) {
    const owner = owners.get(ownerOf(row));
    const sku = products.get(row.sku);
    if (owner === undefined || sku === undefined) return false;
    const key = owner * width + sku;
    if (bits === undefined) {
      if (seen.size === seen.add(key).size) return false;
      continue;
    }
    const word = key >>> 5;
    const bit = 1 << (key & 31);
    if (((bits[word] as number) & bit) !== 0) return false;
    bits[word] = (bits[word] as number) | bit;
  }
  return true;
}

/** The most pairs a bit set marks (2²⁷ bits: 16 MiB). */
const MAX_BIT_SET = 2 ** 27;

/**
 * The orders, by id in input order: each names a known franchisee, its id
 * once; its lines are sound, name known products, allocate no more than
 * ordered, and number each line once. `undefined` at the first problem.
 */
function readOrders(
  raw: readonly unknown[],
  franchisees: ReadonlyMap<string, number>,
  products: ReadonlyMap<string, number>,
): Map<string, Order> | undefined {
  const orderById = new Map<string, Order>();
  const amounts = new AmountReader();
  // A wave has few distinct order dates: each text is checked once.
  const dates = new Set<unknown>();
  for (let index = 0; index < raw.length; index++) {
    const row = fieldsOf(raw[index]);
    if (row === undefined) return undefined;
    const { id, franchisee, orderedOn, lines: rawLines, shipComplete } = row;
    if (!isId(id) || !isId(franchisee) || !Array.isArray(rawLines)) return undefined;
    if (shipComplete !== undefined && typeof shipComplete !== "boolean") return undefined;
    if (!dates.has(orderedOn)) {
      if (!isDate(orderedOn)) return undefined;
      dates.add(orderedOn);
    }
    if (!franchisees.has(franchisee)) return undefined;
    const lines = readOrderLines(rawLines, products, amounts);
    if (lines === undefined) return undefined;
    const size = orderById.size;
    const order: Order =
      shipComplete === true
        ? { id, franchisee, orderedOn: orderedOn as IsoDate, lines, shipComplete }
        : { id, franchisee, orderedOn: orderedOn as IsoDate, lines };
    if (orderById.set(id, order).size === size) return undefined;
  }
  return orderById;
}

/**
 * An order's lines when every one is sound, names a known product, allocates
 * no more than ordered and has its own line number; else `undefined`.
 */
function readOrderLines(
  raw: readonly unknown[],
  products: ReadonlyMap<string, number>,
  amounts: AmountReader,
): OrderLine[] | undefined {
  const count = raw.length;
  const lines = new Array<OrderLine>(count);
  let k = 0;
  let increasing = true;
  let previous = 0;
  // As readLines reads them (for…of), so that both see the same lines.
  for (const item of raw) {
    const line = readSoundLine(item, amounts);
    if (line === undefined || line.allocated > line.quantity || !products.has(line.sku)) {
      return undefined;
    }
    if (line.line <= previous) increasing = false;
    previous = line.line;
    if (k === count) return undefined;
    lines[k++] = line;
  }
  if (k !== count) return undefined;
  if (!increasing && new Set(lines.map((line) => line.line)).size !== count) return undefined;
  return lines;
}
