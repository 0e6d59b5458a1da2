import type { Decimal } from "decimal.js";
import { z } from "zod";
import { type IsoDate, isIsoDate } from "../domain/dates.js";
import { isCurrencyCode, readAmount, ZERO } from "../domain/money.js";
import type { Issue, ParseResult } from "./issues.js";
import { MAX_QUANTITY } from "./wire.js";

/*
 * The ledger's JSON contract as zod schemas, and the trusted shapes they turn
 * into: amounts become Decimals (R-UNIT-2), dates existing calendar dates
 * (R-UNIT-3). Cross-field rules (a shipment's split, an entry's consistency)
 * are checked in code over what passed its schema.
 */

type Path = (string | number)[];

/** The header every trusted event has. */
interface TrustedHeader {
  readonly franchisee: string;
  readonly on: IsoDate;
  readonly reference: string;
}

/** Seed 6.4.1, trusted. */
interface TrustedSnapshot extends TrustedHeader {
  readonly kind: "snapshot";
  readonly cash: Decimal;
  readonly creditLimit: Decimal;
  readonly creditUsed: Decimal;
}

/** A deposit, trusted: `amount` > 0. */
interface TrustedDeposit extends TrustedHeader {
  readonly kind: "deposit";
  readonly amount: Decimal;
}

/** R-POST-1, trusted: `cash + credit = amount`. */
interface TrustedShipment extends TrustedHeader {
  readonly kind: "shipment";
  readonly order: string;
  readonly line: number;
  readonly quantity: number;
  readonly amount: Decimal;
  readonly cash: Decimal;
  readonly credit: Decimal;
}

/** R-POST-2, trusted: `amount` > 0. */
interface TrustedRefund extends TrustedHeader {
  readonly kind: "refund";
  readonly amount: Decimal;
  readonly order?: string;
  readonly line?: number;
  readonly quantity?: number;
}

/** An event that passed {@link parseEvent}: the engine never checks it again. */
export type TrustedEvent = TrustedSnapshot | TrustedDeposit | TrustedShipment | TrustedRefund;

/** An account row of the ledger input, trusted. */
export interface TrustedAccount {
  readonly franchisee: string;
  readonly cash: Decimal;
  readonly creditLimit: Decimal;
  readonly creditUsed: Decimal;
  readonly asOf: string;
}

const KINDS = ["snapshot", "deposit", "shipment", "refund"] as const;

/** "is required" when the field is missing, else `expected`. */
const required =
  (expected: string) =>
  (issue: { readonly input?: unknown }): string =>
    issue.input === undefined ? "is required" : expected;

const id = z.string({ error: required("must be a string") }).min(1, "must be a non-empty id");
const reference = z
  .string({ error: required("must be a string") })
  .min(1, "must be a non-empty reference");
const isoDate = z
  .string({ error: required("must be a date written YYYY-MM-DD") })
  .refine(isIsoDate, { message: "must be an existing calendar date written YYYY-MM-DD" });
const line = z
  .int({ error: required("must be a positive integer") })
  .min(1, "must be a positive integer");
const quantity = z
  .int({ error: required("must be a whole number of units") })
  .min(1, "a shipment carries at least one unit")
  .max(MAX_QUANTITY, `must be at most ${MAX_QUANTITY}`);

/** An amount through the same rules as the allocation input (R-UNIT-2), read with `readAmount`. */
const amountOf = (positive: boolean) =>
  z
    .union([z.string(), z.number()], {
      error: required('must be a decimal string such as "1299.50" or a finite number'),
    })
    .transform((value, ctx): Decimal => {
      const amount = readAmount(value);
      if (amount === undefined) {
        const shown = typeof value === "number" ? String(value) : JSON.stringify(value);
        ctx.issues.push({
          code: "custom",
          input: value,
          message: `must be a non-negative decimal such as "1299.50", got ${shown}`,
        });
        return z.NEVER;
      }
      if (positive && amount.isZero()) {
        ctx.issues.push({ code: "custom", input: value, message: "must be more than zero" });
        return z.NEVER;
      }
      return amount;
    });
const amount = amountOf(false);
const positiveAmount = amountOf(true);

const header = { franchisee: id, on: isoDate, reference };

const snapshotWire = z.object({
  kind: z.literal("snapshot"),
  ...header,
  cash: amount,
  creditLimit: amount,
  creditUsed: amount,
});
const depositWire = z.object({ kind: z.literal("deposit"), ...header, amount: positiveAmount });
const shipmentWire = z.object({
  kind: z.literal("shipment"),
  ...header,
  order: id,
  line,
  quantity,
  amount,
  cash: amount.optional(),
  credit: amount.optional(),
});
const refundWire = z.object({
  kind: z.literal("refund"),
  ...header,
  amount: positiveAmount,
  order: id.optional(),
  line: line.optional(),
  quantity: quantity.optional(),
});

/** The messages of a union on `kind`: an unknown kind, or not an object at all. */
const kindError =
  (what: string) =>
  (issue: { readonly code?: string }): string | undefined => {
    if (issue.code === "invalid_union") return `must be one of ${KINDS.join(", ")}`;
    return issue.code === "invalid_type" ? `${what} must be an object` : undefined;
  };

const eventWire = z.discriminatedUnion(
  "kind",
  [snapshotWire, depositWire, shipmentWire, refundWire],
  {
    error: kindError("an event"),
  },
);

const balancesWire = z.object(
  {
    cash: amount,
    creditLimit: amount,
    creditUsed: amount,
    availableCredit: amount,
    spendable: amount,
  },
  { error: required("must be an object of balances") },
);
const trail = {
  sequence: z.int({ error: required("must be a positive integer") }).min(1),
  before: balancesWire,
  after: balancesWire,
};

/** A journal entry as stored: its event in canonical form, its number, its effect and balances. */
export const entryWire = z.discriminatedUnion(
  "kind",
  [
    snapshotWire.extend({ ...trail, before: balancesWire.nullable() }),
    depositWire.extend(trail),
    shipmentWire.extend({
      ...trail,
      cash: amount,
      credit: amount,
      fromCash: amount,
      fromCredit: amount,
      shortfallToCredit: amount,
      overLimit: z.boolean({ error: required("must be true or false") }),
    }),
    refundWire.extend({ ...trail, toCredit: amount, toCash: amount }),
  ],
  { error: kindError("an entry") },
);

/** A stored entry that passed {@link entryWire}. */
export type WireEntry = z.output<typeof entryWire>;

/** An account row: finance's balances for one franchisee, as of a date (seed 6.4.1). */
export const accountWire = z.object({
  franchisee: id,
  cash: amount,
  creditLimit: amount.default(ZERO),
  creditUsed: amount.default(ZERO),
  asOf: isoDate,
});

/** The top level of a ledger: unknown keys are refused, so a misspelt list is never silently empty. */
export const ledgerWire = z.strictObject(
  {
    currency: z
      .string()
      .refine(isCurrencyCode, { message: "must be an ISO 4217 currency code such as CNY" })
      .default("CNY"),
    accounts: z.array(z.unknown(), { error: "must be an array of accounts" }).default([]),
    entries: z.array(z.unknown(), { error: "must be an array of entries" }).default([]),
  },
  { error: (issue) => (issue.code === "invalid_type" ? "a ledger must be an object" : undefined) },
);

/**
 * Turns an untrusted event into a {@link TrustedEvent}, or lists every problem
 * with its path inside the event. A shipment's `cash` and `credit` come
 * together (and add up to `amount`) or not at all — then cash is asked for
 * the whole amount, and R-POST-1 moves what it cannot cover to credit.
 */
export function parseEvent(input: unknown): ParseResult<TrustedEvent> {
  const parsed = eventWire.safeParse(input);
  if (!parsed.success) return { ok: false, issues: issuesOf([], parsed.error) };
  const issues: Issue[] = [];
  const event = trustedEvent(parsed.data, [], issues);
  return event === undefined ? { ok: false, issues } : { ok: true, value: event };
}

/** The trusted event inside a parsed event or entry; `undefined` with issues when its split is wrong. */
export function trustedEvent(
  raw: z.output<typeof eventWire> | WireEntry,
  path: Path,
  issues: Issue[],
): TrustedEvent | undefined {
  const head = { franchisee: raw.franchisee, on: raw.on as IsoDate, reference: raw.reference };
  switch (raw.kind) {
    case "snapshot":
      return {
        kind: "snapshot",
        ...head,
        cash: raw.cash,
        creditLimit: raw.creditLimit,
        creditUsed: raw.creditUsed,
      };
    case "deposit":
      return { kind: "deposit", ...head, amount: raw.amount };
    case "refund": {
      if ((raw.order === undefined) !== (raw.line === undefined)) {
        issues.push({
          path: [...path, raw.order === undefined ? "order" : "line"],
          message: "a refund names its order line with both order and line, or neither",
        });
        return undefined;
      }
      return {
        kind: "refund",
        ...head,
        amount: raw.amount,
        ...(raw.order === undefined ? {} : { order: raw.order, line: raw.line as number }),
        ...(raw.quantity === undefined ? {} : { quantity: raw.quantity }),
      };
    }
    case "shipment": {
      const split = splitOf(raw.amount, raw.cash, raw.credit, path, issues);
      if (split === undefined) return undefined;
      return {
        kind: "shipment",
        ...head,
        order: raw.order,
        line: raw.line,
        quantity: raw.quantity,
        amount: raw.amount,
        ...split,
      };
    }
  }
}

function splitOf(
  amount: Decimal,
  cash: Decimal | undefined,
  credit: Decimal | undefined,
  path: Path,
  issues: Issue[],
): { cash: Decimal; credit: Decimal } | undefined {
  if (cash === undefined && credit === undefined) return { cash: amount, credit: ZERO };
  if (cash === undefined || credit === undefined) {
    const missing = cash === undefined ? "cash" : "credit";
    issues.push({
      path: [...path, missing],
      message: "is required with the other part: give both cash and credit, or neither",
    });
    return undefined;
  }
  if (!cash.plus(credit).eq(amount)) {
    issues.push({
      path: [...path, "amount"],
      message: `must equal cash + credit (${cash} + ${credit} = ${cash.plus(credit)}), got ${amount}`,
    });
    return undefined;
  }
  return { cash, credit };
}

/** A row that passed its schema, with where it stood in the input. */
export interface Row<T> {
  readonly index: number;
  readonly value: T;
}

/** Parses each row on its own, so that one bad row does not hide the problems of the others. */
export function parseRows<T>(
  schema: z.ZodType<T>,
  raw: readonly unknown[],
  path: Path,
  issues: Issue[],
): Row<T>[] {
  const rows: Row<T>[] = [];
  raw.forEach((item, index) => {
    const one = schema.safeParse(item);
    if (one.success) rows.push({ index, value: one.data });
    else issues.push(...issuesOf([...path, index], one.error));
  });
  return rows;
}

/** zod's issues as fenhuo {@link Issue}s, under `prefix`. */
export function issuesOf(prefix: Path, error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map((key) => (typeof key === "symbol" ? String(key) : key))],
    message: issue.message,
  }));
}
