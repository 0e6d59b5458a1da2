import { addDays, type IsoDate } from "../domain/dates.js";

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
 * on it is released. So a lock placed on 02-20 for 15 days is still active on
 * 03-06, its last active day, and released by a run on 03-07.
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
