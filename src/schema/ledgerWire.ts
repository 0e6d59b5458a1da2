import type { Decimal } from "decimal.js";
import * as z from "zod";
import type { IsoDate } from "../domain/dates.js";
import { ZERO } from "../domain/money.js";
import type { Issue, Path, Result } from "./issues.js";
import {
  amount,
  currency,
  id,
  isoDate,
  lineNumber as line,
  positiveAmount,
  unitsFrom,
} from "./primitives.js";
import { check } from "./zodIssues.js";

/*
 * The ledger's JSON contract as zod schemas, and the trusted shapes they turn
 * into: amounts become Decimals (R-UNIT-2), dates existing calendar dates
 * (R-UNIT-3). Cross-field rules (a shipment's split, an entry's consistency)
 * are checked in code over what passed its schema.
 */

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

const reference = z.string().min(1, "must be a non-empty reference");
const quantity = unitsFrom(1, "a shipment carries at least one unit");

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
  (issue: {
    readonly code?: string;
    readonly options?: readonly unknown[];
  }): string | undefined => {
    // The union names its kinds itself (its `options`): they are written once, in its shapes.
    if (issue.code === "invalid_union") return `must be one of ${(issue.options ?? []).join(", ")}`;
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
  { error: "must be an object of balances" },
);
const trail = {
  sequence: line,
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
      overLimit: z.boolean(),
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
export const ledgerWire = z.strictObject({
  currency,
  accounts: z.array(z.unknown(), { error: "must be an array of accounts" }).default([]),
  entries: z.array(z.unknown(), { error: "must be an array of entries" }).default([]),
});

/**
 * Turns an untrusted event into a {@link TrustedEvent}, or lists every problem
 * with its path inside the event. A shipment's `cash` and `credit` come
 * together (and add up to `amount`) or not at all — then cash is asked for
 * the whole amount, and R-POST-1 moves what it cannot cover to credit.
 */
export function parseEvent(input: unknown): Result<TrustedEvent> {
  const parsed = check(eventWire, input);
  if (!parsed.ok) return parsed;
  const issues: Issue[] = [];
  const event = trustedEvent(parsed.value, [], issues);
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
          code: "required",
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
      code: "required",
      message: "is required with the other part: give both cash and credit, or neither",
    });
    return undefined;
  }
  if (!cash.plus(credit).eq(amount)) {
    issues.push({
      path: [...path, "amount"],
      code: "inconsistent",
      message: `must equal cash + credit (${cash} + ${credit} = ${cash.plus(credit)}), got ${amount}`,
    });
    return undefined;
  }
  return { cash, credit };
}
