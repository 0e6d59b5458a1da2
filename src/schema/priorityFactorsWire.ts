import * as z from "zod";
import { currencyMinorDigits, ZERO } from "../domain/money.js";
import {
  type FactorFranchisee,
  PRIORITY_FACTORS,
  type PriorityFactor,
  type PriorityFactors,
  SAME_SCORE,
  type SameScore,
} from "../domain/priorityFactors.js";
import type { Issue, Result } from "./issues.js";
import { amount, currency, id, isoDate, quantity } from "./primitives.js";
import { check } from "./zodIssues.js";

/*
 * R-PRIO-FACTORS: the input of `franchiseePriorities` as zod schemas, and its
 * cross-row checks. Rows keep only the fields the factors read, so an
 * AllocationInput's franchisees and orders can be passed as they are.
 */

const tier = z.int("must be a whole number (1 = most important)").min(1, "tiers start at 1");

const franchiseeWire = z.object({ id, region: id.optional(), tier: tier.optional() });

const orderWire = z.object({
  franchisee: id,
  orderedOn: isoDate,
  lines: z.array(z.object({ quantity, unitPrice: amount })),
});

/** The input of `franchiseePriorities`, as a caller writes it. */
export const priorityFactorsWire = z.strictObject({
  franchisees: z.array(franchiseeWire),
  orders: z.array(orderWire).default([]),
  period: z.strictObject({ from: isoDate, to: isoDate }).optional(),
  regionRank: z.array(id).default([]),
  weights: z.strictObject(
    Object.fromEntries(PRIORITY_FACTORS.map((factor) => [factor, amount.optional()])) as Record<
      (typeof PRIORITY_FACTORS)[number],
      z.ZodOptional<typeof amount>
    >,
  ),
  sameScore: z.enum(SAME_SCORE).default("next"),
  currency,
});

/**
 * The input of `franchiseePriorities` (R-PRIO-FACTORS), as a caller writes it.
 * Rows may carry more fields (an AllocationInput's franchisees and orders pass
 * as they are); amounts are decimal strings or numbers.
 */
export interface PriorityFactorsInput {
  /** The franchisees to rank, each once, with the region and tier the factors read. */
  franchisees: { id: string; region?: string; tier?: number }[];
  /** The orders whose units and value the `orderedUnits` / `orderedValue` factors sum. */
  orders?: {
    franchisee: string;
    orderedOn: string;
    lines: { quantity: number; unitPrice: string | number }[];
  }[];
  /** Only orders placed on these days (both ends included) count; all orders when left out. */
  period?: { from: string; to: string };
  /** Regions from most to least important, for the `region` factor. */
  regionRank?: string[];
  /** The weight of each factor; at least one above zero. */
  weights: Partial<Record<PriorityFactor, string | number>>;
  /** What equal scores get: the next priority each (`"next"`), or one priority (`"share"`). */
  sameScore?: SameScore;
  /** The currency of the order values. */
  currency: string;
}

/** Compile-time proof that {@link PriorityFactorsInput} is something the schema accepts. */
type Fits<A, B> = [A] extends [B] ? true : false;
const inputMatchesSchema: Fits<PriorityFactorsInput, z.input<typeof priorityFactorsWire>> = true;
void inputMatchesSchema;

/**
 * Turns untrusted JSON into {@link PriorityFactors}, or lists every problem
 * with its JSON path: besides each field's shape, franchisee ids unique, every
 * order's franchisee listed, each region ranked once, a period that does not
 * end before it starts, and at least one weight above zero. Never throws.
 */
export function parsePriorityFactors(input: unknown): Result<PriorityFactors> {
  const parsed = check(priorityFactorsWire, input);
  if (!parsed.ok) return parsed;
  const { franchisees, orders, period, regionRank, weights, sameScore } = parsed.value;
  const issues: Issue[] = [];
  const known = new Set<string>();
  franchisees.forEach((franchisee, index) => {
    if (known.has(franchisee.id))
      issues.push({
        path: ["franchisees", index, "id"],
        code: "duplicate_key",
        message: `franchisee ${JSON.stringify(franchisee.id)} is listed twice`,
      });
    known.add(franchisee.id);
  });
  orders.forEach((order, index) => {
    if (!known.has(order.franchisee))
      issues.push({
        path: ["orders", index, "franchisee"],
        code: "unknown_reference",
        message: `franchisee ${JSON.stringify(order.franchisee)} is not in franchisees`,
      });
  });
  regionRank.forEach((region, index) => {
    if (regionRank.indexOf(region) !== index)
      issues.push({
        path: ["regionRank", index],
        code: "duplicate_key",
        message: `region ${JSON.stringify(region)} is ranked twice`,
      });
  });
  if (period !== undefined && period.to < period.from)
    issues.push({
      path: ["period", "to"],
      code: "inconsistent",
      message: `the period ends (${period.to}) before it starts (${period.from})`,
    });
  if (PRIORITY_FACTORS.every((factor) => weights[factor] === undefined || weights[factor].isZero()))
    issues.push({
      path: ["weights"],
      code: "required",
      message: `must give at least one of ${PRIORITY_FACTORS.join(", ")} a weight above 0`,
    });
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: {
      franchisees: franchisees as FactorFranchisee[],
      orders,
      period,
      regionRank,
      weights: Object.fromEntries(
        PRIORITY_FACTORS.map((factor) => [factor, weights[factor] ?? ZERO]),
      ) as PriorityFactors["weights"],
      sameScore,
      minorDigits: currencyMinorDigits(parsed.value.currency),
    },
  };
}
