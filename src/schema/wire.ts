import * as z from "zod";
import { ALLOCATION_POLICY_FIELDS } from "../domain/policy.js";
import type { PolicyInput } from "../domain/policyField.js";
import { SEASONS, STORE_CLASSES, STORE_OPERATIONS } from "../domain/vocabulary.js";
import type {
  AllocationInput,
  AllocationPolicyInput,
  CommitmentInput,
  FranchiseeInput,
  HoldbackInput,
  LockInput,
  OrderInput,
  OrderLineInput,
  ProductInput,
  RegionInput,
  RegionNeedInput,
  StoreInput,
  StoreNeedInput,
  SupplyInput,
} from "./inputTypes.js";
import { policySchema } from "./policyWire.js";
import { amount, currency, id, isoDate, lineNumber, quantity } from "./primitives.js";

export { MAX_QUANTITY } from "./primitives.js";

/*
 * The JSON contract of the JSON contract as zod schemas: the shape of each row.
 * Cross-row rules (references, uniqueness, lock sizes) live in references.ts.
 */

const season = z.enum(SEASONS);
const storeClass = z.enum(STORE_CLASSES);

export const productWire = z.object({
  sku: id,
  style: z.string().optional(),
  season,
  launchDate: isoDate.optional(),
  launchRank: z.int().optional(),
  /** R-PACK (箱规 / 配比包): units per carton or prepack; every grant is whole packs unless it completes its demand. */
  packSize: z
    .int("must be a whole number of units per pack")
    .min(1, "a pack holds at least one unit")
    .max(1_000_000, "must be at most 1000000 units per pack")
    .optional(),
});

export const supplyWire = z.object({ sku: id, quantity });

export const franchiseeWire = z.object({
  id,
  priority: z.int({
    error: (issue) =>
      issue.input === undefined ? "is required" : "must be an integer (1 = highest)",
  }),
  cash: amount,
  creditLimit: amount.prefault("0"),
  creditUsed: amount.prefault("0"),
  region: z.string().optional(),
});

export const orderLineWire = z.object({
  line: lineNumber,
  sku: id,
  quantity,
  unitPrice: amount,
  allocated: quantity.default(0),
  lockBlockedUntil: isoDate.nullable().optional(),
});

export const orderWire = z.object({
  id,
  franchisee: id,
  orderedOn: isoDate,
  /** R-COMPLETE (整单发货): the order ships whole in a run, or not at all. */
  shipComplete: z.boolean({ error: "must be true or false" }).optional(),
  // Lines are read one by one (orderLines.ts): a million of them must not be copied twice.
  lines: z.custom<unknown[]>(Array.isArray, {
    error: (issue) =>
      issue.input === undefined ? "is required" : "must be an array of order lines",
    params: { code: "invalid_type" },
  }),
});

export const lockWire = z.object({
  id,
  order: id,
  line: lineNumber,
  franchisee: id,
  sku: id,
  quantity: quantity.min(1, "a lock holds at least one unit"),
  lockedOn: isoDate,
  expiresOn: isoDate,
});

/** R-RUN-1: money an earlier run committed to an order line and shipping has not posted. */
export const commitmentWire = z.object({
  plan: id.optional(),
  committedOn: isoDate.optional(),
  order: id,
  line: lineNumber,
  franchisee: id,
  sku: id,
  quantity: quantity.min(1, "a commitment is for at least one unit"),
  cash: amount,
  credit: amount,
});

export const regionWire = z.object({ id, name: z.string().optional() });

export const storeWire = z.object({
  id,
  region: id,
  class: storeClass,
  operation: z.enum(STORE_OPERATIONS),
});

export const storeNeedWire = z.object({
  store: id,
  sku: id,
  safetyStock: quantity,
  onHand: quantity.default(0),
  inTransit: quantity.default(0),
});

export const regionNeedWire = z.object({ region: id, sku: id, quantity });

/** R-HOLD: who may use held units — the direct pass, one region, or nobody. */
export const holdForWire = z.union(
  [z.literal("direct"), z.literal("none"), z.strictObject({ region: id })],
  {
    error: (issue) =>
      issue.input === undefined ? "is required" : 'must be "direct", "none" or { "region": id }',
  },
);

/** R-HOLD: units of a SKU kept back from free stock for one channel. */
export const holdbackWire = z.object({
  sku: id,
  quantity: quantity.min(1, "a holdback holds at least one unit"),
  for: holdForWire,
});

/** The policy as a caller writes it, from its field definitions (domain/policy.ts). */
export const policyWire = policySchema(ALLOCATION_POLICY_FIELDS);

const section = z.array(z.unknown()).optional();

/** The top level: unknown keys are refused, so a misspelt section is never silently empty. */
export const inputWire = z.strictObject({
  asOf: isoDate,
  currency,
  policy: policyWire.optional(),
  products: section,
  supply: section,
  franchisees: section,
  orders: section,
  locks: section,
  commitments: section,
  regions: section,
  stores: section,
  storeNeeds: section,
  regionNeeds: section,
  holdback: section,
});

/** `true` when `A` and `B` have the same keys and each is assignable to the other. */
type Agree<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? [keyof A] extends [keyof B]
      ? [keyof B] extends [keyof A]
        ? true
        : false
      : false
    : false
  : false;

type Row<S extends z.ZodType> = z.input<S>;
type Sections = Exclude<keyof AllocationInput, "asOf" | "currency">;

/** The input as the schemas above read it, each section spelt out row by row. */
type SchemaInput = Omit<z.input<typeof inputWire>, Sections> & {
  policy?: PolicyInput<typeof ALLOCATION_POLICY_FIELDS> | undefined;
  products?: Row<typeof productWire>[] | undefined;
  supply?: Row<typeof supplyWire>[] | undefined;
  franchisees?: Row<typeof franchiseeWire>[] | undefined;
  orders?:
    | (Omit<Row<typeof orderWire>, "lines"> & { lines: Row<typeof orderLineWire>[] })[]
    | undefined;
  locks?: Row<typeof lockWire>[] | undefined;
  commitments?: Row<typeof commitmentWire>[] | undefined;
  regions?: Row<typeof regionWire>[] | undefined;
  stores?: Row<typeof storeWire>[] | undefined;
  storeNeeds?: Row<typeof storeNeedWire>[] | undefined;
  regionNeeds?: Row<typeof regionNeedWire>[] | undefined;
  holdback?: Row<typeof holdbackWire>[] | undefined;
};

/**
 * Compile-time (issue 14): the documented interfaces of inputTypes.ts are the
 * input types of these schemas — same keys, assignable both ways — so the
 * documentation and the validation cannot drift. A `false` here is a type
 * error naming the interface that no longer matches its schema.
 */
type _InputTypesAgree = Assert<
  [
    Agree<AllocationInput, SchemaInput>,
    Agree<AllocationPolicyInput, PolicyInput<typeof ALLOCATION_POLICY_FIELDS>>,
    Agree<ProductInput, Row<typeof productWire>>,
    Agree<SupplyInput, Row<typeof supplyWire>>,
    Agree<FranchiseeInput, Row<typeof franchiseeWire>>,
    Agree<Omit<OrderInput, "lines">, Omit<Row<typeof orderWire>, "lines">>,
    Agree<OrderLineInput, Row<typeof orderLineWire>>,
    Agree<LockInput, Row<typeof lockWire>>,
    Agree<CommitmentInput, Row<typeof commitmentWire>>,
    Agree<RegionInput, Row<typeof regionWire>>,
    Agree<StoreInput, Row<typeof storeWire>>,
    Agree<StoreNeedInput, Row<typeof storeNeedWire>>,
    Agree<RegionNeedInput, Row<typeof regionNeedWire>>,
    Agree<HoldbackInput, Row<typeof holdbackWire>>,
  ]
>;
type Assert<T extends readonly true[]> = T;
