import type { AccountBalances } from "./balances.js";
import type { DepositEvent, RefundEvent, ShipmentEvent, SnapshotEvent } from "./events.js";

/*
 * The ledger's journal (可追溯): one entry per accepted event, in posting order.
 * An entry is its event in canonical form, plus its number, what the posting
 * moved, and the account's balances just before and just after it.
 */

/** What every entry has besides its event. */
export interface EntryTrail {
  /** 1, 2, 3, … in posting order, over the whole ledger. */
  readonly sequence: number;
  readonly before: AccountBalances;
  readonly after: AccountBalances;
}

/** Seed 6.4.1: finance's balances replaced the account's. `before` is `null` when it opened the account. */
export interface SnapshotEntry extends SnapshotEvent, Omit<EntryTrail, "before"> {
  readonly before: AccountBalances | null;
}

/** Cash paid in. */
export interface DepositEntry extends DepositEvent, EntryTrail {}

/** R-POST-1: a posted shipment, and where its amount was actually taken from. */
export interface ShipmentEntry extends ShipmentEvent, EntryTrail {
  /** Taken from cash: the cash part, or all the cash there was if that was less. */
  readonly fromCash: string;
  /** Drawn on credit: the credit part plus the shortfall. */
  readonly fromCredit: string;
  /** The part of the cash part that cash could not cover and credit took over. */
  readonly shortfallToCredit: string;
  /** Whether this posting drew more credit than was available (only with `allowOverLimit`). */
  readonly overLimit: boolean;
}

/** R-POST-2: a refund, and where it went. */
export interface RefundEntry extends RefundEvent, EntryTrail {
  /** Given back to credit: min(amount, credit used). */
  readonly toCredit: string;
  /** The rest, to cash. */
  readonly toCash: string;
}

/** One line of the journal: an accepted event and its effect on one account. */
export type LedgerEntry = SnapshotEntry | DepositEntry | ShipmentEntry | RefundEntry;
