import type { Decimal } from "decimal.js";
import { Sha256 } from "../domain/digest.js";
import { ALLOCATION_POLICY_FIELDS, type AllocationPolicy } from "../domain/policy.js";
import type { PolicyField } from "../domain/policyField.js";
import type { AllocationRequest, OrderLine } from "../domain/types.js";
import { compareIds } from "../ranking/compare.js";
import { guarded } from "../schema/guard.js";
import { holdKey } from "../schema/holdback.js";
import { requestShape } from "../schema/madeShapes.js";

/*
 * R-RUN-3: a plan's identity is the SHA-256 of its run's parsed input in one
 * canonical form: every section in a fixed order, its rows sorted by their
 * key, every field in a fixed order, every amount as its exact value (so
 * "500" and "500.00" are the same input) and the complete policy. Values are
 * written length-prefixed, so no two inputs write the same bytes.
 */

type Value = string | number | Decimal | undefined;

/**
 * Writes values length-prefixed into a digest: a value is `~` when missing,
 * else `${text.length}:${text}` with `text` its type tag and its text
 * ("string", "number" or "d" for a Decimal), as a field of the
 * hash (`Sha256.field`): straight into it, never through a template string.
 */
class Writer {
  readonly hash = new Sha256();
  /** Each Decimal's text: the parser shares one Decimal per distinct price, so most are formatted once. */
  private readonly decimals = new Map<Decimal, string>();

  value(value: Value): this {
    switch (typeof value) {
      case "undefined":
        this.hash.text("~");
        break;
      case "string":
        this.hash.field("string", value);
        break;
      case "number":
        this.number(value);
        break;
      default:
        this.hash.field("d", this.decimalText(value));
    }
    return this;
  }

  /** A section: its name, its row count, then each row's values in `order`. */
  rows<T>(
    name: string,
    rows: readonly T[],
    order: (a: T, b: T) => number,
    write: (row: T) => void,
  ): void {
    this.value(name).value(rows.length);
    for (const row of sortedBy(rows, order)) write(row);
  }

  /** A count, a rank or a line number: its digits written directly when it is a safe integer ≥ 0. */
  private number(value: number): void {
    // -0 is written "0", as String(-0) is.
    if (Number.isSafeInteger(value) && value >= 0) this.hash.integerField("number", value);
    else this.hash.field("number", String(value));
  }

  private decimalText(value: Decimal): string {
    let text = this.decimals.get(value);
    if (text === undefined) {
      text = value.toString();
      this.decimals.set(value, text);
    }
    return text;
  }
}

/**
 * `rows` in `order`: the array itself when it already is (the parser keeps
 * the caller's order, and a generated or exported input is mostly sorted),
 * else a sorted copy. Array sort is stable, so both give the same sequence.
 */
function sortedBy<T>(rows: readonly T[], order: (a: T, b: T) => number): readonly T[] {
  for (let i = 1; i < rows.length; i++) {
    if (order(rows[i - 1] as T, rows[i] as T) > 0) return [...rows].sort(order);
  }
  return rows;
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
  out.value("fenhuo-plan-1").value(request.asOf).value(request.currency);
  out.value(canonicalJson(canonicalPolicy(request.policy)));
  // Each row's fields in a fixed order, written one by one (no array per row).
  out.rows(
    "products",
    request.products,
    (a, b) => compareIds(a.sku, b.sku),
    (p) => {
      out.value(p.sku).value(p.style).value(p.season).value(p.launchDate).value(p.launchRank);
      // R-PACK: written only for packs of more than one unit, so a plan without them keeps its planId.
      if (p.packSize !== undefined && p.packSize > 1) out.value("packSize").value(p.packSize);
    },
  );
  out.rows(
    "supply",
    request.supply,
    (a, b) => compareIds(a.sku, b.sku),
    (s) => out.value(s.sku).value(s.quantity),
  );
  out.rows(
    "franchisees",
    request.franchisees,
    (a, b) => compareIds(a.id, b.id),
    (f) =>
      out
        .value(f.id)
        .value(f.priority)
        .value(f.cash)
        .value(f.creditLimit)
        .value(f.creditUsed)
        .value(f.region),
  );
  const byLine = (a: OrderLine, b: OrderLine) => a.line - b.line;
  const writeLine = (l: OrderLine) =>
    out
      .value(l.line)
      .value(l.sku)
      .value(l.quantity)
      .value(l.unitPrice)
      .value(l.allocated)
      .value(l.lockBlockedUntil);
  out.rows(
    "orders",
    request.orders,
    (a, b) => compareIds(a.id, b.id),
    (o) => {
      out.value(o.id).value(o.franchisee).value(o.orderedOn);
      // R-COMPLETE: written only when set, so an order without it keeps its planId.
      if (o.shipComplete) out.value("shipComplete");
      out.rows("lines", o.lines, byLine, writeLine);
    },
  );
  out.rows(
    "locks",
    request.locks,
    (a, b) => compareIds(a.id, b.id),
    (l) =>
      out
        .value(l.id)
        .value(l.order)
        .value(l.line)
        .value(l.franchisee)
        .value(l.sku)
        .value(l.quantity)
        .value(l.lockedOn)
        .value(l.expiresOn),
  );
  out.rows(
    "commitments",
    request.commitments,
    (a, b) =>
      compareIds(a.order, b.order) ||
      a.line - b.line ||
      compareIds(a.committedOn ?? "", b.committedOn ?? "") ||
      compareIds(a.plan ?? "", b.plan ?? ""),
    (c) =>
      out
        .value(c.plan)
        .value(c.committedOn)
        .value(c.order)
        .value(c.line)
        .value(c.franchisee)
        .value(c.sku)
        .value(c.quantity)
        .value(c.cash)
        .value(c.credit),
  );
  out.rows(
    "regions",
    request.regions,
    (a, b) => compareIds(a.id, b.id),
    (r) => out.value(r.id).value(r.name),
  );
  out.rows(
    "stores",
    request.stores,
    (a, b) => compareIds(a.id, b.id),
    (s) => out.value(s.id).value(s.region).value(s.class).value(s.operation),
  );
  out.rows(
    "storeNeeds",
    request.storeNeeds,
    (a, b) => compareIds(a.store, b.store) || compareIds(a.sku, b.sku),
    (n) => out.value(n.store).value(n.sku).value(n.safetyStock).value(n.onHand).value(n.inTransit),
  );
  out.rows(
    "regionNeeds",
    request.regionNeeds,
    (a, b) => compareIds(a.region, b.region) || compareIds(a.sku, b.sku),
    (n) => out.value(n.region).value(n.sku).value(n.quantity),
  );
  // R-HOLD: written only when there is a holdback, so a run without one keeps its planId.
  if (request.holdback.length > 0) {
    out.rows(
      "holdback",
      request.holdback,
      (a, b) => compareIds(a.sku, b.sku) || compareIds(holdKey(a.for), holdKey(b.for)),
      (h) => out.value(h.sku).value(holdKey(h.for)).value(h.quantity),
    );
  }
  return out.hash.hex();
}

/**
 * The policy with its sets in one order: a season's months are a set (any
 * order means the same calendar), a region order is a serving order and kept.
 * A lever (R-SHARE … R-PRIO-FACTORS) at its default is left out, as if fenhuo had none.
 */
function canonicalPolicy(policy: AllocationPolicy): Record<string, unknown> {
  const fields: Readonly<Record<string, PolicyField>> = ALLOCATION_POLICY_FIELDS;
  const out: Record<string, unknown> = { ...policy };
  for (const [name, field] of Object.entries(fields)) {
    // A lever at its default is the run without it: its plan keeps the planId it had.
    if (field.lever && canonicalJson(out[name]) === canonicalJson(field.default)) delete out[name];
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
