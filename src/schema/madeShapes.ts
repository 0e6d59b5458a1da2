import { Decimal } from "decimal.js";
import * as z from "zod";
import { readAmount } from "../domain/money.js";
import { BUCKETS, HEADER_STATES } from "../domain/vocabulary.js";
import { calendarWire, timestamp } from "./calendarWire.js";
import { planWire } from "./planWire.js";
import { isoDate } from "./primitives.js";

/*
 * The shapes of the objects fenhuo makes and takes back :
 * a sales order, a plan, a ledger, a calendar, a pick list, an effect, a
 * parsed request. A function given one checks it with `guarded` (guard.ts)
 * against the shape here before it works: a shape asks for every field the
 * function reads, with its JSON type — cheap, never the whole contract of a
 * big object (a plan's or a request's rows are checked to be objects, not
 * field by field). Where a shape is shallow, the full contract is named too,
 * and read only if the work fails, to say what was wrong.
 */

const text = z.string();
const whole = z.int();
const count = z.int().min(0);

/** A JSON object (not null, not a list). */
const record = z.custom<Readonly<Record<string, unknown>>>(
  (value) => typeof value === "object" && value !== null && !Array.isArray(value),
  {
    error: (issue) => (issue.input === undefined ? "is required" : "must be an object"),
    params: { code: "invalid_type" },
  },
);

/** A list, its items not read (zod's own array would copy it: a check must stay O(1)). */
const list = z.custom<readonly unknown[]>((value) => Array.isArray(value), {
  error: (issue) => (issue.input === undefined ? "is required" : "must be a list"),
  params: { code: "invalid_type" },
});

/** A list of objects, each checked to be one and nothing more. */
const rows = z.array(record);

const state = z.enum(HEADER_STATES);

const buckets = z.looseObject(
  Object.fromEntries(BUCKETS.map((bucket) => [bucket, count])) as Record<
    (typeof BUCKETS)[number],
    typeof count
  >,
);

/** A sales order as the lifecycle makes it (receiveOrder, transition). */
export const salesOrderShape = z.looseObject({
  id: text,
  franchisee: text,
  orderedOn: text,
  currency: text,
  state,
  lines: z.array(
    z.looseObject({
      line: whole,
      sku: text,
      quantity: count,
      unitPrice: text,
      buckets,
      paid: z.looseObject({ cash: text, credit: text }),
      locks: z.array(z.looseObject({ id: text, quantity: count, lockedOn: text, expiresOn: text })),
    }),
  ),
  audit: z.array(
    z.looseObject({ seq: whole, at: text, by: text, event: text, from: state, to: state }),
  ),
});

/** Sales orders, each as {@link salesOrderShape}. */
export const salesOrdersShape = z.array(salesOrderShape);

/** Lines as `isFulfilled` reads them: a quantity and its buckets. */
export const fulfilmentLinesShape = z.array(z.looseObject({ quantity: count, buckets }));

/** The lists of a plan, in the contract's order. */
export const PLAN_LISTS = [
  "franchiseeAllocations",
  "locks",
  "releasedLocks",
  "storeAllocations",
  "regionAllocations",
  "unfilled",
  "remaining",
  "balances",
  "paymentRequests",
  "warnings",
  "trace",
] as const;

/** A plan, shallow: its date, currency and every list, each row an object. */
export const planShape = z.looseObject({
  asOf: text,
  currency: text,
  ...(Object.fromEntries(PLAN_LISTS.map((list) => [list, rows])) as Record<
    (typeof PLAN_LISTS)[number],
    typeof rows
  >),
});

/**
 * {@link planShape} without its trace: for a plan the engine has just made,
 * whose trace is made only when read (the engine wrote it; reading it to check
 * its shape would make every decision).
 */
export const freshPlanShape = z.object(planShape.omit({ trace: true }).shape);

/** A plan in full: the plan's contract (the JSON contract), extra fields let through. */
export const planContract = planWire.loose();

/** A pick list as `pickLists` makes it. */
export const pickListShape = z.looseObject({
  destination: z.looseObject({ kind: z.enum(["franchisee", "store", "region"]) }),
  lines: z.array(
    z.looseObject({
      sku: text,
      quantity: count,
      orders: z.array(z.looseObject({ order: text, line: whole, quantity: count })).optional(),
    }),
  ),
  units: count,
});

/** An amount as a ledger account holds it: a decimal string, or a Decimal. */
const heldAmount = z.custom<string | Decimal>(
  (value) =>
    (typeof value === "string" && readAmount(value) !== undefined) || Decimal.isDecimal(value),
  {
    error: (issue) =>
      issue.input === undefined ? "is required" : 'must be a decimal amount such as "1299.50"',
    params: { code: "invalid_amount" },
  },
);

/** An account's cash and credit (balances.ts reads these three). */
export const fundsShape = z.looseObject({
  cash: heldAmount,
  creditLimit: heldAmount,
  creditUsed: heldAmount,
});

/**
 * A ledger as openLedger and post make it, in full as far as posting reads
 * it: every account; the journal as a list (its entries are openLedger's to
 * check). Read only when posting fails; before, {@link ledgerListsShape}.
 */
export const ledgerShape = z.looseObject({
  currency: text,
  accounts: z.array(fundsShape.extend({ franchisee: text, asOf: text })),
  entries: list,
});

/** A calendar, shallow: a zone name and two lists of dates. */
export const calendarShape = z.looseObject({
  timeZone: text,
  holidays: z.array(text),
  workdays: z.array(text),
});

/** A calendar in full: a known zone, existing dates (its contract). */
export const calendarContract = calendarWire;

/** An effect of a transition, as `ledgerEventOf` reads it. */
export const effectShape = z.looseObject({
  kind: z.enum(["post-shipment", "post-refund", "notice"]),
  franchisee: text,
  order: text,
});

/** What `explain` is asked about: an order line, a store's SKU or a region's SKU. */
export const explainRefShape = z.discriminatedUnion("kind", [
  z.looseObject({ kind: z.literal("order-line"), order: text, line: whole }),
  z.looseObject({ kind: z.literal("store"), store: text, sku: text }),
  z.looseObject({ kind: z.literal("region"), region: text, sku: text }),
]);

/** A parsed request (parseAllocationInput), shallow: its date, currency, policy and sections. */
export const requestShape = z.looseObject({
  asOf: text,
  currency: text,
  policy: record,
  products: rows,
  supply: rows,
  franchisees: rows,
  orders: rows,
  locks: rows,
  regions: rows,
  stores: rows,
  storeNeeds: rows,
  regionNeeds: rows,
  holdback: rows,
});

/** What `indicators` is given besides the orders and the SLA options (which it checks itself). */
export const indicatorSourcesShape = z.looseObject({
  orders: list,
  plans: z.array(planShape).optional(),
  regionOf: z
    .custom<ReadonlyMap<string, string>>((value) => value instanceof Map, {
      error: "must be a Map from franchisee id to region id",
      params: { code: "invalid_type" },
    })
    .optional(),
  sla: record.optional(),
});

/** Any object with a `type`, read only to name an event in a refusal. */
export const eventTypeShape = z.looseObject({ type: z.unknown() });

/** A reference text (a delivery note, a refund note): a non-empty string. */
export const referenceShape = z.string().min(1, "must be a non-empty reference");

/** An id argument: a string. */
export const idShape = z.string();

/** A ledger, shallow: its currency and lists, not their rows (a lookup or a posting stays cheap). */
export const ledgerListsShape = z.looseObject({
  currency: text,
  accounts: list,
  entries: list,
});

/** Posting options: an object, when given. */
export const postOptionsShape = z.looseObject({}).optional();

/** A list of events (each is checked as an event when it is posted). */
export const eventListShape = list;

/** An instant or a date argument, shallow: a string (its contract is read only if the work fails). */
export const instantShape = z.string();

/** Working days to add (R-SLA-2): a whole number ≥ 0. */
export const workingDaysShape = z.int().min(0);

/** Hours to add: a whole number. */
export const hoursShape = z.int();

/** An instant in full: an ISO 8601 date-time with an offset (R-UNIT-3). */
export const instantContract = timestamp;

/** A date in full: an existing date written YYYY-MM-DD. */
export const dateContract = isoDate;
