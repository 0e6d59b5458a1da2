import * as z from "zod";
import { addDays, daysBetween, type IsoDate } from "../domain/dates.js";
import { guarded } from "../schema/guard.js";
import { dateContract, workingDaysShape } from "../schema/madeShapes.js";

/**
 * R-LOCK-EXPIRE: a lock placed on day D lasts `lockDays` days and expires on
 * D + lockDays (seed 6.4.2.5: 15 days).
 *
 * @example
 * ```ts
 * import { lockExpiresOn, parseIsoDate } from "fenhuo";
 * lockExpiresOn(parseIsoDate("2026-02-20"), 15); // "2026-03-07"
 * ```
 */
export function lockExpiresOn(lockedOn: IsoDate, lockDays: number): IsoDate {
  return addDays(lockedOn, lockDays);
}

/**
 * R-LOCK-EXPIRE: a lock is active while `asOf < expiresOn`; from its expiry date
 * on it is no longer active. So a lock placed on 02-20 for 15 days is still
 * active on 03-06, its last active day, and has expired by a run on 03-07 —
 * which, in its payment grace (R-LOCK-GRACE, see {@link lockPhase}), may still
 * convert it before releasing the rest.
 *
 * @example
 * ```ts
 * import { isLockExpired } from "fenhuo";
 * isLockExpired({ expiresOn: "2026-03-07" }, "2026-03-06"); // false
 * isLockExpired({ expiresOn: "2026-03-07" }, "2026-03-07"); // true
 * ```
 */
export function isLockExpired(lock: { readonly expiresOn: string }, asOf: string): boolean {
  return asOf >= lock.expiresOn;
}

/**
 * R-LOCK-EXPIRE: the first date a released line may be locked again:
 * `expiresOn + relockCooldownDays`.
 *
 * @example
 * ```ts
 * import { lockBlockedUntil, parseIsoDate } from "fenhuo";
 * lockBlockedUntil(parseIsoDate("2026-03-07"), 15); // "2026-03-22"
 * ```
 */
export function lockBlockedUntil(expiresOn: IsoDate, relockCooldownDays: number): IsoDate {
  return addDays(expiresOn, relockCooldownDays);
}

/** Where a carried lock stands at a run: see {@link lockPhase}. */
export type LockPhase = "active" | "expiring" | "expired";

/**
 * R-LOCK-EXPIRE with R-LOCK-GRACE: where a carried lock stands at a run on
 * `asOf` — `"active"` while `asOf < expiresOn`; `"expiring"` from its expiry
 * date for `paymentGraceDays` days (offered for conversion, the rest released
 * in the same run); `"expired"` from `expiresOn + paymentGraceDays` on
 * (released before anything is allocated). With `paymentGraceDays` 0 no lock
 * is ever expiring: edition 1's reading.
 *
 * @param lock - a carried lock (its `expiresOn` is enough)
 * @param asOf - the run's date
 * @param paymentGraceDays - policy `paymentGraceDays` (default 1)
 * @throws {@link InputError} when `lock.expiresOn` or `asOf` is not an existing date, or `paymentGraceDays` not a whole number ≥ 0
 * @example
 * ```ts
 * import { lockPhase } from "fenhuo";
 * lockPhase({ expiresOn: "2026-03-16" }, "2026-03-15", 1); // "active"
 * lockPhase({ expiresOn: "2026-03-16" }, "2026-03-16", 1); // "expiring"
 * lockPhase({ expiresOn: "2026-03-16" }, "2026-03-17", 1); // "expired"
 * lockPhase({ expiresOn: "2026-03-16" }, "2026-03-16", 0); // "expired"
 * ```
 */
export function lockPhase(
  lock: { readonly expiresOn: string },
  asOf: string,
  paymentGraceDays: number,
): LockPhase {
  return guarded(
    [
      { name: "lock", value: lock, shape: z.looseObject({ expiresOn: dateContract }) },
      { name: "asOf", value: asOf, shape: dateContract },
      { name: "paymentGraceDays", value: paymentGraceDays, shape: workingDaysShape },
    ],
    () => phaseOf(lock, asOf, paymentGraceDays),
  );
}

/** {@link lockPhase} of a parsed lock and date: the run's own, unchecked. */
export function phaseOf(
  lock: { readonly expiresOn: string },
  asOf: string,
  paymentGraceDays: number,
): LockPhase {
  if (asOf < lock.expiresOn) return "active";
  // Days counted, not expiresOn + grace computed: that date may lie past 9999-12-31.
  const late = daysBetween(lock.expiresOn as IsoDate, asOf as IsoDate);
  return late < paymentGraceDays ? "expiring" : "expired";
}
