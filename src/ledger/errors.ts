import type { Issue } from "../schema/issues.js";
import type { LedgerEventKind } from "./events.js";

/*
 * Why a posting was refused. Each error is data: a `code` to branch on, a
 * `message` for people, and the facts that decided it. A refused posting
 * changes nothing.
 */

/** The event is malformed; `issues` lists every problem with its path inside the event. */
export interface InvalidEventError {
  readonly code: "INVALID_EVENT";
  readonly message: string;
  readonly issues: readonly Issue[];
}

/** Only a snapshot (seed 6.4.1) may open an account; any other event needs one. */
export interface UnknownFranchiseeError {
  readonly code: "UNKNOWN_FRANCHISEE";
  readonly message: string;
  readonly franchisee: string;
  readonly kind: LedgerEventKind;
}

/** The event is dated before the account's `asOf`: the ledger only moves forward in time. */
export interface BackdatedEventError {
  readonly code: "BACKDATED_EVENT";
  readonly message: string;
  readonly franchisee: string;
  readonly on: string;
  readonly asOf: string;
}

/**
 * The same event (kind, franchisee, reference — and order and line for a
 * shipment) is already in the ledger: posting it again would count it twice.
 */
export interface DuplicateEventError {
  readonly code: "DUPLICATE_EVENT";
  readonly message: string;
  readonly franchisee: string;
  readonly kind: LedgerEventKind;
  readonly reference: string;
  /** The entry that already records it. */
  readonly sequence: number;
}

/**
 * R-POST-1: the shipment would draw more credit than the account has available,
 * and the caller did not pass `allowOverLimit: true`.
 */
export interface CreditLimitExceededError {
  readonly code: "CREDIT_LIMIT_EXCEEDED";
  readonly message: string;
  readonly franchisee: string;
  readonly order: string;
  readonly line: number;
  readonly creditLimit: string;
  readonly creditUsed: string;
  readonly availableCredit: string;
  /** The credit the shipment needs: its credit part plus the cash shortfall. */
  readonly creditNeeded: string;
  /** The part of the cash part that cash could not cover. */
  readonly shortfallToCredit: string;
  /** creditNeeded − availableCredit. */
  readonly excess: string;
}

/** Why `post` refused an event. */
export type PostingError =
  | InvalidEventError
  | UnknownFranchiseeError
  | BackdatedEventError
  | DuplicateEventError
  | CreditLimitExceededError;

/** The codes of {@link PostingError}. */
export type PostingErrorCode = PostingError["code"];
