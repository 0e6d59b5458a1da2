import type { Decimal } from "decimal.js";
import { Sha256 } from "../domain/digest.js";
import { ALLOCATION_POLICY_FIELDS, type AllocationPolicy } from "../domain/policy.js";
import type { PolicyField } from "../domain/policyField.js";
import type { AllocationRequest } from "../domain/types.js";
import { compareIds } from "../ranking/compare.js";
import { guarded } from "../schema/guard.js";
import { requestShape } from "../schema/madeShapes.js";

/*
 * R-RUN-3: a plan's identity is the SHA-256 of its run's parsed input in one
 * canonical form: every section in a fixed order, its rows sorted by their
 * key, every field in a fixed order, every amount as its exact value (so
 * "500" and "500.00" are the same input) and the complete policy. Values are
 * written length-prefixed, so no two inputs write the same bytes.
 */

type Value = string | number | boolean | Decimal | undefined;

/** Writes values length-prefixed into a digest. */
class Writer {
  readonly hash = new Sha256();

  value(value: Value): void {
    if (value === undefined) {
      this.hash.text("~");
      return;
    }
    const text = typeof value === "object" ? `d${value.toString()}` : `${typeof value}${value}`;
    this.hash.text(`${text.length}:`).text(text);
  }

  /** A section: its name, its row count, then each row's values. */
  rows<T>(
    name: string,
    rows: readonly T[],
    order: (a: T, b: T) => number,
    fields: (row: T) => Value[],
  ): void {
    this.value(name);
    this.value(rows.length);
    const sorted = [...rows].sort(order);
    for (const row of sorted) for (const field of fields(row)) this.value(field);
  }
}

/**
 * R-RUN-3: the `planId` of the plan of `request`: a 64-digit hex SHA-256 of
 * the parsed input and policy, the same for the same input in any array order.
 *
 * @throws {@link InputError} when `request` is not a parsed request (see `parseAllocationInput`)
 * @example
 * ```ts
 * import { parseAllocationInput, planIdOf } from "fenhuo";
 * const a = parseAllocationInput({ asOf: "2026-03-01", products: [{ sku: "A", season: "SS" }, { sku: "B", season: "SS" }] });
 * const b = parseAllocationInput({ asOf: "2026-03-01", products: [{ sku: "B", season: "SS" }, { sku: "A", season: "SS" }] });
 * a.ok && b.ok && planIdOf(a.value) === planIdOf(b.value); // true
 * ```
 */
export function planIdOf(request: AllocationRequest): string {
  return guarded([{ name: "request", value: request, shape: requestShape }], () =>
    digestOf(request),
  );
}

/** {@link planIdOf} of a request that has its shape (the run's own). */
export function digestOf(request: AllocationRequest): string {
  const out = new Writer();
  out.value("fenhuo-plan-1");
  out.value(request.asOf);
  out.value(request.currency);
  out.value(canonicalJson(canonicalPolicy(request.policy)));
  out.rows(
    "products",
    request.products,
    (a, b) => compareIds(a.sku, b.sku),
    (p) => [p.sku, p.style, p.season, p.launchDate, p.launchRank],
  );
  out.rows(
    "supply",
    request.supply,
    (a, b) => compareIds(a.sku, b.sku),
    (s) => [s.sku, s.quantity],
  );
  out.rows(
    "franchisees",
    request.franchisees,
    (a, b) => compareIds(a.id, b.id),
    (f) => [f.id, f.priority, f.cash, f.creditLimit, f.creditUsed, f.region],
  );
  out.value("orders");
  out.value(request.orders.length);
  for (const order of [...request.orders].sort((a, b) => compareIds(a.id, b.id))) {
    out.value(order.id);
    out.value(order.franchisee);
    out.value(order.orderedOn);
    out.rows(
      "lines",
      order.lines,
      (a, b) => a.line - b.line,
      (l) => [l.line, l.sku, l.quantity, l.unitPrice, l.allocated, l.lockBlockedUntil],
    );
  }
  out.rows(
    "locks",
    request.locks,
    (a, b) => compareIds(a.id, b.id),
    (l) => [l.id, l.order, l.line, l.franchisee, l.sku, l.quantity, l.lockedOn, l.expiresOn],
  );
  out.rows(
    "commitments",
    request.commitments,
    (a, b) =>
      compareIds(a.order, b.order) ||
      a.line - b.line ||
      compareIds(a.committedOn ?? "", b.committedOn ?? "") ||
      compareIds(a.plan ?? "", b.plan ?? ""),
    (c) => [
      c.plan,
      c.committedOn,
      c.order,
      c.line,
      c.franchisee,
      c.sku,
      c.quantity,
      c.cash,
      c.credit,
    ],
  );
  out.rows(
    "regions",
    request.regions,
    (a, b) => compareIds(a.id, b.id),
    (r) => [r.id, r.name],
  );
  out.rows(
    "stores",
    request.stores,
    (a, b) => compareIds(a.id, b.id),
    (s) => [s.id, s.region, s.class, s.operation],
  );
  out.rows(
    "storeNeeds",
    request.storeNeeds,
    (a, b) => compareIds(a.store, b.store) || compareIds(a.sku, b.sku),
    (n) => [n.store, n.sku, n.safetyStock, n.onHand, n.inTransit],
  );
  out.rows(
    "regionNeeds",
    request.regionNeeds,
    (a, b) => compareIds(a.region, b.region) || compareIds(a.sku, b.sku),
    (n) => [n.region, n.sku, n.quantity],
  );
  return out.hash.hex();
}

/**
 * The policy with its sets in one order: a season's months are a set (any
 * order means the same calendar), a region order is a serving order and kept.
 */
function canonicalPolicy(policy: AllocationPolicy): Record<string, unknown> {
  const fields: Readonly<Record<string, PolicyField>> = ALLOCATION_POLICY_FIELDS;
  const out: Record<string, unknown> = { ...policy };
  for (const [name, field] of Object.entries(fields)) {
    if (field.kind !== "seasonal" || field.item !== "months") continue;
    const seasons = policy[name as keyof AllocationPolicy] as Record<string, readonly number[]>;
    out[name] = Object.fromEntries(
      Object.entries(seasons).map(([season, months]) => [
        season,
        [...months].sort((a, b) => a - b),
      ]),
    );
  }
  return out;
}

/** JSON with every object's keys sorted: the policy is small, so one string is fine. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => compareIds(a, b));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
