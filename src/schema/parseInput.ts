import type { z } from "zod";
import type { IsoDate } from "../domain/dates.js";
import { ALLOCATION_POLICY_FIELDS, type AllocationPolicy } from "../domain/policy.js";
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
import { checkCommitments } from "./commitments.js";
import { fastAllocationInput } from "./fastInput.js";
import { checkHoldback } from "./holdback.js";
import type { Issue, Path, Result } from "./issues.js";
import { AmountReader, readLines } from "./orderLines.js";
import { completePolicy } from "./policyWire.js";
import { readSafely } from "./readable.js";
import { brokenIds, checkLocks, fitsCalendar, References, uniqueKeys } from "./references.js";
import { parseFields, parseRows, type Row } from "./rows.js";
import {
  commitmentWire,
  franchiseeWire,
  holdbackWire,
  inputWire,
  lockWire,
  orderWire,
  productWire,
  regionNeedWire,
  regionWire,
  storeNeedWire,
  storeWire,
  supplyWire,
} from "./wire.js";

/*
 * The allocation input, from untrusted JSON to a trusted request: the top
 * level field by field, each section row by row (rows.ts; order lines by the
 * fast path of orderLines.ts), the policy from its definitions
 * (policyWire.ts), then the checks across rows (references.ts, and the locks
 * against their lines below).
 */

/**
 * Turns untrusted JSON into an {@link AllocationRequest}, or lists every problem
 * with its JSON path. Never throws, never mutates `input`.
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
export function parseAllocationInput(input: unknown): Result<AllocationRequest> {
  return readSafely(input, parseReadable);
}

/**
 * Issue 11: a sound input is read by the fast path (fastInput.ts); only when
 * it doubts does the full parser read the input again, to list every problem.
 */
function parseReadable(input: unknown): Result<AllocationRequest> {
  const fast = fastAllocationInput(input);
  return fast === undefined ? parseFully(input) : { ok: true, value: fast };
}

/**
 * {@link parseAllocationInput} without its fast path: the full parser, which
 * lists every problem (what the fast path is held to, in the tests).
 *
 * @example
 * ```ts
 * import { parseFully } from "./parseInput.js";
 * parseFully({ asOf: "2026-03-01" }).ok; // true
 * ```
 */
export function parseFully(input: unknown): Result<AllocationRequest> {
  return readSafely(input, parseReadableFully);
}

/** {@link parseFully} of an input that reads without throwing. */
function parseReadableFully(input: unknown): Result<AllocationRequest> {
  const issues: Issue[] = [];
  // The top level field by field: a bad `asOf` hides no bad row.
  const raw = parseFields(inputWire.shape, input, "must be an object (an AllocationInput)", issues);
  if (raw === undefined) return { ok: false, issues };
  const policy: AllocationPolicy = completePolicy(
    ALLOCATION_POLICY_FIELDS,
    raw.policy,
    ["policy"],
    issues,
  );
  if (
    raw.asOf !== undefined &&
    !fitsCalendar(raw.asOf as IsoDate, policy.lockDays + policy.relockCooldownDays)
  ) {
    issues.push({
      path: ["asOf"],
      code: "too_large",
      message: `a lock placed on ${raw.asOf} and its cool-down (${policy.lockDays} + ${policy.relockCooldownDays} days) would end after 9999-12-31`,
    });
  }
  const amounts = new AmountReader();

  const products = section("products", raw.products, productWire, issues);
  const supply = section("supply", raw.supply, supplyWire, issues);
  const franchiseeRows = section("franchisees", raw.franchisees, franchiseeWire, issues);
  const orderRows = section("orders", raw.orders, orderWire, issues);
  const locks = section("locks", raw.locks, lockWire, issues);
  const commitmentRows = section("commitments", raw.commitments, commitmentWire, issues);
  const regions = section("regions", raw.regions, regionWire, issues);
  const stores = section("stores", raw.stores, storeWire, issues);
  const storeNeeds = section("storeNeeds", raw.storeNeeds, storeNeedWire, issues);
  const regionNeeds = section("regionNeeds", raw.regionNeeds, regionNeedWire, issues);
  const holdbackRows = section("holdback", raw.holdback, holdbackWire, issues);

  // Ids of rows whose shape failed: references to them are not reported again.
  const broken = brokenIds(
    raw,
    { products, franchisees: franchiseeRows, orders: orderRows, regions, stores },
    { products: "sku", franchisees: "id", orders: "id", regions: "id", stores: "id" },
  );

  const productSkus = uniqueKeys("products", products, (p) => p.sku, "sku", "product", issues);
  uniqueKeys("supply", supply, (s) => s.sku, "sku", "supply row", issues);
  const franchiseeIds = uniqueKeys(
    "franchisees",
    franchiseeRows,
    (f) => f.id,
    "id",
    "franchisee",
    issues,
  );
  const regionIds = uniqueKeys("regions", regions, (r) => r.id, "id", "region", issues);
  const storeIds = uniqueKeys("stores", stores, (s) => s.id, "id", "store", issues);
  uniqueKeys("locks", locks, (l) => l.id, "id", "lock", issues);
  uniqueKeys(
    "storeNeeds",
    storeNeeds,
    (n) => JSON.stringify([n.store, n.sku]),
    "sku",
    "need for this (store, sku)",
    issues,
    (k) => k,
  );
  uniqueKeys(
    "regionNeeds",
    regionNeeds,
    (n) => JSON.stringify([n.region, n.sku]),
    "sku",
    "need for this (region, sku)",
    issues,
    (k) => k,
  );

  const refs = new References(issues, broken);
  const context = { refs, broken, issues };
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

  const franchisees: Franchisee[] = franchiseeRows.map(({ value }) => {
    return {
      id: value.id,
      priority: value.priority,
      cash: value.cash,
      creditLimit: value.creditLimit,
      creditUsed: value.creditUsed,
      ...(value.region === undefined ? {} : { region: value.region }),
    };
  });

  // Orders and their lines.
  const orders: Order[] = [];
  const orderById = new Map<string, Order>();
  const lineChecks = { productSkus, refs, amounts, broken, issues };
  for (const { index, value } of orderRows) {
    const path: Path = ["orders", index];
    refs.check(franchiseeIds, "franchisees", value.franchisee, [...path, "franchisee"]);
    const lines = checkedLines(value.id, value.lines, path, lineChecks);
    const order: Order = {
      id: value.id,
      franchisee: value.franchisee,
      orderedOn: value.orderedOn as IsoDate,
      lines,
      ...(value.shipComplete === true ? { shipComplete: true as const } : {}),
    };
    orders.push(order);
    if (orderById.has(value.id)) {
      issues.push({
        path: [...path, "id"],
        code: "duplicate_key",
        message: `duplicate order id ${JSON.stringify(value.id)}`,
      });
    } else {
      orderById.set(value.id, order);
    }
  }
  // An order whose own fields failed still has its lines and
  // its franchisee checked, so a bad orderedOn hides no bad quantity.
  const soundOrders = new Set(orderRows.map((row) => row.index));
  raw.orders?.forEach((item, index) => {
    if (soundOrders.has(index) || typeof item !== "object" || item === null) return;
    const { id, franchisee, lines } = item as Record<string, unknown>;
    const path: Path = ["orders", index];
    if (typeof franchisee === "string" && franchisee !== "")
      refs.check(franchiseeIds, "franchisees", franchisee, [...path, "franchisee"]);
    const name = typeof id === "string" ? id : `orders[${index}]`;
    if (Array.isArray(lines)) checkedLines(name, lines, path, lineChecks);
  });

  checkLocks(locks, orderById, { asOf: raw.asOf, cooldown: policy.relockCooldownDays }, context);
  const commitments = checkCommitments(commitmentRows, orderById, raw.asOf, context);
  const holdback = checkHoldback(
    holdbackRows,
    { products: productSkus, regions: regionIds },
    context,
  );

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
    commitments,
    regions: values<Region>(regions),
    stores: values<Store>(stores),
    storeNeeds: values<StoreNeed>(storeNeeds),
    regionNeeds: values<RegionNeed>(regionNeeds),
    holdback,
  };
  return { ok: true, value: request as unknown as AllocationRequest };
}

function values<T>(rows: readonly Row<unknown>[]): T[] {
  return rows.map((row) => row.value as T);
}

/** A section's sound rows; every problem of the others goes to `issues`. */
function section<T>(
  name: string,
  raw: readonly unknown[] | undefined,
  schema: z.ZodType<T>,
  issues: Issue[],
): Row<T>[] {
  return raw === undefined ? [] : parseRows(schema, raw, [name], issues);
}

/** What the checks of an order's lines read of the rest of the input. */
interface LineChecks {
  readonly productSkus: ReadonlySet<string>;
  readonly refs: References;
  readonly amounts: AmountReader;
  readonly broken: Set<string>;
  readonly issues: Issue[];
}

/**
 * An order's sound lines, with each line's own problems and the checks across
 * its lines (products named, `allocated` within `quantity`, line numbers
 * unique) in `issues`.
 */
function checkedLines(
  order: string,
  raw: readonly unknown[],
  path: Path,
  { productSkus, refs, amounts, broken, issues }: LineChecks,
): OrderLine[] {
  const { lines, rawIndex } = readLines(order, raw, path, amounts, broken, issues);
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
        code: "inconsistent",
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
          code: "duplicate_key",
          message: `duplicate line number ${line.line} in order ${JSON.stringify(order)}`,
        });
      }
      seen.add(line.line);
    });
  }
  return lines;
}
