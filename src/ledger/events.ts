/*
 * What can happen to a franchisee's money (seed 6.4.1, 6.4.4), as
 * plain JSON. `LedgerEventInput` is what a caller may pass (amounts as decimal
 * strings or finite numbers, the shipment split optional); `LedgerEvent` is the
 * canonical form an entry records (amounts as decimal strings with the
 * currency's minor digits, the split filled in).
 */

/** A decimal string (`"1299.50"`) or a finite JSON number, read exactly (R-UNIT-2). */
export type AmountInput = string | number;

/** The fields every event has: whose account, on which day, and the source document. */
export interface EventHeader {
  /** The franchisee (加盟商) id; the account's key. */
  readonly franchisee: string;
  /** The business date, `YYYY-MM-DD` (R-UNIT-3). Never before the account's `asOf`. */
  readonly on: string;
  /** The source document (finance report, bank slip, delivery note, return note). */
  readonly reference: string;
}

/** Seed 6.4.1: the balances finance reported for the day; they replace the account's. */
export interface SnapshotEvent extends EventHeader {
  readonly kind: "snapshot";
  readonly cash: string;
  readonly creditLimit: string;
  readonly creditUsed: string;
}

/** Cash paid in by the franchisee (打款), for instance after a payment request. */
export interface DepositEvent extends EventHeader {
  readonly kind: "deposit";
  /** More than zero. */
  readonly amount: string;
}

/**
 * R-POST-1 (seed 6.4.4): a shipment of an order line was posted (发货过账); its
 * amount is deducted from cash, then credit, by the split chosen at allocation.
 */
export interface ShipmentEvent extends EventHeader {
  readonly kind: "shipment";
  readonly order: string;
  readonly line: number;
  /** Units shipped, at least one. */
  readonly quantity: number;
  /** What the shipped units cost; always `cash + credit`. */
  readonly amount: string;
  /** The part the allocation took from cash. */
  readonly cash: string;
  /** The part the allocation took from credit. */
  readonly credit: string;
}

/** R-POST-2: money given back for returned goods (退货); restores credit used first, then cash. */
export interface RefundEvent extends EventHeader {
  readonly kind: "refund";
  /** More than zero. */
  readonly amount: string;
  /**
   * The returned order line, with `line` (both or neither): one return note may
   * refund several lines, so a refund that names its line is told apart by it.
   */
  readonly order?: string;
  readonly line?: number;
  /** Units returned. */
  readonly quantity?: number;
}

/** An event in canonical form, as its ledger entry records it. */
export type LedgerEvent = SnapshotEvent | DepositEvent | ShipmentEvent | RefundEvent;

/** The kinds of {@link LedgerEvent}. */
export type LedgerEventKind = LedgerEvent["kind"];

type Loose<T, Amounts extends keyof T> = Omit<T, Amounts> & {
  readonly [K in Amounts]: AmountInput;
};

/**
 * An event as a caller passes it to `post`. A shipment's `cash` and `credit`
 * come together or not at all; without them the whole amount is asked of cash
 * first, and what cash cannot cover moves to credit.
 *
 * Each kind is its {@link LedgerEvent} counterpart with the amounts loosened
 * (`Loose<T, Amounts>`: the `Amounts` fields of `T` accept any
 * {@link AmountInput}, a decimal string or a finite number).
 */
export type LedgerEventInput =
  | Loose<SnapshotEvent, "cash" | "creditLimit" | "creditUsed">
  | Loose<DepositEvent, "amount">
  | (Omit<ShipmentEvent, "amount" | "cash" | "credit"> & {
      readonly amount: AmountInput;
      readonly cash?: AmountInput;
      readonly credit?: AmountInput;
    })
  | Loose<RefundEvent, "amount">;
