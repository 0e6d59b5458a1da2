/**
 * R-RUN-3: the first formulation of `digestOf` (src/allocation/planId.ts),
 * kept verbatim as the reference the fast one is held to: a template string
 * per value, an array of fields per row, a sorted copy of every section, the
 * bytes hashed by node:crypto. Slow and obviously right; never change it, or
 * every planId ever issued changes with it.
 */
import { createHash } from "node:crypto";
import type { Decimal } from "decimal.js";
import { ALLOCATION_POLICY_FIELDS, type AllocationPolicy } from "../../src/domain/policy.js";
import type { PolicyField } from "../../src/domain/policyField.js";
import type { AllocationRequest } from "../../src/domain/types.js";
import { compareIds } from "../../src/ranking/compare.js";

type Value = string | number | boolean | Decimal | undefined;

/** Writes values length-prefixed into a node:crypto SHA-256. */
class ReferenceWriter {
  readonly hash = createHash("sha256");

  value(value: Value): void {
    if (value === undefined) {
      this.hash.update("~", "utf8");
      return;
    }
    const text = typeof value === "object" ? `d${value.toString()}` : `${typeof value}${value}`;
    this.hash.update(`${text.length}:`, "utf8").update(text, "utf8");
  }

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

/** The planId of `request` as the first formulation computed it. */
export function referenceDigestOf(request: AllocationRequest): string {
  const out = new ReferenceWriter();
  out.value("fenhuo-plan-1");
  out.value(request.asOf);
  out.value(request.currency);
  out.value(canonicalJson(canonicalPolicy(request.policy)));
  out.rows(
    "products",
    request.products,
    (a, b) => compareIds(a.sku, b.sku),
    (p) => [
      p.sku,
      p.style,
      p.season,
      p.launchDate,
      p.launchRank,
      ...(p.packSize !== undefined && p.packSize > 1 ? ["packSize", p.packSize] : []),
    ],
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
    if (order.shipComplete === true) out.value("shipComplete");
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
  // R-HOLD: only when there is one.
  if (request.holdback.length > 0) {
    const channel = (h: (typeof request.holdback)[number]) =>
      typeof h.for === "string" ? h.for : `region:${h.for.region}`;
    out.rows(
      "holdback",
      request.holdback,
      (a, b) => compareIds(a.sku, b.sku) || compareIds(channel(a), channel(b)),
      (h) => [h.sku, channel(h), h.quantity],
    );
  }
  return out.hash.digest("hex");
}

function canonicalPolicy(policy: AllocationPolicy): Record<string, unknown> {
  const fields: Readonly<Record<string, PolicyField>> = ALLOCATION_POLICY_FIELDS;
  const out: Record<string, unknown> = { ...policy };
  for (const [name, field] of Object.entries(fields)) {
    // Edition 2's levers (R-SHARE … R-PRIO-FACTORS) at their defaults are not written: old planIds stand.
    if (field.lever && JSON.stringify(out[name]) === JSON.stringify(field.default))
      delete out[name];
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
