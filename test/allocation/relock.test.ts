/**
 * R-LOCK-EXPIRE's bar on relocking, at its edges: a stored bar on the run's own
 * date no longer bars, and of two locks released on one line the later bar holds.
 */
import { describe, expect, it } from "vitest";
import { allocate } from "../../src/index.js";
import { carriedLock, franchisee, order, t100, t100Wave } from "../support/fixtures.js";

describe("R-LOCK-EXPIRE: the relock bar at its edges", () => {
  it("R-LOCK-EXPIRE: a lockBlockedUntil equal to asOf no longer bars a new lock", () => {
    const plan = allocate(
      t100Wave(2, {
        franchisees: [franchisee("F01", 1, "0")],
        orders: [
          order("SO-1", "F01", "2026-02-10", [t100(2, "100", { lockBlockedUntil: "2026-03-01" })]),
        ],
      }),
    );
    expect(plan.locks.map((lock) => lock.quantity)).toEqual([2]);
    expect(plan.unfilled).toEqual([]);
  });

  it("R-LOCK-EXPIRE: two locks released on one line both carry the later of their bars", () => {
    // LA (locked first) expires 2026-02-25, LB (locked later) 2026-02-20: both are released.
    const la = carriedLock("LA", "2026-02-10", "2026-02-25", { franchisee: "F01" });
    const lb = carriedLock("LB", "2026-02-12", "2026-02-20", { franchisee: "F01" });
    const wave = (locks: ReturnType<typeof carriedLock>[]) =>
      t100Wave(0, {
        franchisees: [franchisee("F01", 1, "0")],
        orders: [order("SO-1", "F01", "2026-02-10", [t100(2)])],
        locks,
      });
    const barOf = (locks: ReturnType<typeof carriedLock>[]) =>
      allocate(wave(locks)).releasedLocks.map((lock) => [lock.id, lock.lockBlockedUntil]);
    const [[, alone]] = barOf([la]) as [[string, string]];
    const [[, earlier]] = barOf([lb]) as [[string, string]];
    expect(earlier < alone).toBe(true);
    expect(barOf([la, lb])).toEqual([
      ["LA", alone],
      ["LB", alone],
    ]);
  });
});
