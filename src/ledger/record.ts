import type { Decimal } from "decimal.js";
import { formatAmount, Money, ZERO } from "../domain/money.js";
import type { TrustedEvent } from "../schema/ledgerWire.js";
import { availableCreditOf, balancesOf } from "./balances.js";
import type { LedgerEntry } from "./entries.js";

/*
 * The arithmetic of a posting, on trusted values, and the entry that records
 * it. It never refuses: whether drawing beyond the credit limit is allowed is
 * the caller's decision (post.ts), made on the entry's `overLimit`.
 */

/** An account's three balances, exact. */
export interface Figures {
  readonly cash: Decimal;
  readonly creditLimit: Decimal;
  readonly creditUsed: Decimal;
}

/** A posting: its entry, and the account's balances after it. */
export interface Recorded {
  readonly entry: LedgerEntry;
  readonly after: Figures;
}

/**
 * Applies `event` to an account holding `before` (`undefined` only for a
 * snapshot that opens the account) and records it as entry `sequence`.
 */
export function record(
  sequence: number,
  event: TrustedEvent,
  before: Figures | undefined,
  minorDigits: number,
): Recorded {
  const money = (amount: Decimal) => formatAmount(amount, minorDigits);
  const head = { franchisee: event.franchisee, on: event.on, reference: event.reference };
  const held = before ?? { cash: ZERO, creditLimit: ZERO, creditUsed: ZERO };
  const trail = (after: Figures) => ({
    before: balancesOf(held, minorDigits),
    after: balancesOf(after, minorDigits),
  });

  switch (event.kind) {
    case "snapshot": {
      // Seed 6.4.1: finance's figures are the facts; they replace, never add.
      const after = {
        cash: event.cash,
        creditLimit: event.creditLimit,
        creditUsed: event.creditUsed,
      };
      const entry: LedgerEntry = {
        sequence,
        kind: "snapshot",
        ...head,
        cash: money(event.cash),
        creditLimit: money(event.creditLimit),
        creditUsed: money(event.creditUsed),
        before: before === undefined ? null : balancesOf(before, minorDigits),
        after: balancesOf(after, minorDigits),
      };
      return { entry, after };
    }
    case "deposit": {
      const after = { ...held, cash: held.cash.plus(event.amount) };
      const entry: LedgerEntry = {
        sequence,
        kind: "deposit",
        ...head,
        amount: money(event.amount),
        ...trail(after),
      };
      return { entry, after };
    }
    case "shipment": {
      // R-POST-1: the cash part from cash, never below zero; what cash cannot
      // cover moves to credit ("funds, then credit").
      const fromCash = Money.min(event.cash, held.cash);
      const shortfall = event.cash.minus(fromCash);
      const fromCredit = event.credit.plus(shortfall);
      const available = availableCreditOf(held);
      const after = {
        cash: held.cash.minus(fromCash),
        creditLimit: held.creditLimit,
        creditUsed: held.creditUsed.plus(fromCredit),
      };
      const entry: LedgerEntry = {
        sequence,
        kind: "shipment",
        ...head,
        order: event.order,
        line: event.line,
        quantity: event.quantity,
        amount: money(event.amount),
        cash: money(event.cash),
        credit: money(event.credit),
        fromCash: money(fromCash),
        fromCredit: money(fromCredit),
        shortfallToCredit: money(shortfall),
        overLimit: fromCredit.gt(available),
        ...trail(after),
      };
      return { entry, after };
    }
    case "refund": {
      // R-POST-2: repay credit used first, down to zero; the rest is cash.
      const toCredit = Money.min(event.amount, held.creditUsed);
      const toCash = event.amount.minus(toCredit);
      const after = {
        cash: held.cash.plus(toCash),
        creditLimit: held.creditLimit,
        creditUsed: held.creditUsed.minus(toCredit),
      };
      const entry: LedgerEntry = {
        sequence,
        kind: "refund",
        ...head,
        amount: money(event.amount),
        ...(event.order === undefined ? {} : { order: event.order, line: event.line as number }),
        ...(event.quantity === undefined ? {} : { quantity: event.quantity }),
        toCredit: money(toCredit),
        toCash: money(toCash),
        ...trail(after),
      };
      return { entry, after };
    }
  }
}

/** The fields that tell one event from another. */
interface Identity {
  readonly kind: string;
  readonly franchisee: string;
  readonly reference: string;
  readonly order?: string | undefined;
  readonly line?: number | undefined;
}

/**
 * What makes two postings the same event: kind, franchisee and reference, and
 * the order line when the event names one — a shipment always, a refund when
 * given (one delivery or return note may cover several lines).
 */
export function identityOf(event: Identity): string {
  const key = [event.kind, event.franchisee, event.reference];
  if (event.order !== undefined) key.push(event.order, String(event.line));
  return JSON.stringify(key);
}

/** Whether `a` and `b` are the same event, as {@link identityOf} tells them apart. */
export function sameEvent(a: Identity, b: Identity): boolean {
  return (
    a.kind === b.kind &&
    a.franchisee === b.franchisee &&
    a.reference === b.reference &&
    a.order === b.order &&
    a.line === b.line
  );
}
