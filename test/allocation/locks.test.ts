import { describe, expect, it } from "vitest";
import {
  addDays,
  isIsoDate,
  isLockExpired,
  lockBlockedUntil,
  lockExpiresOn,
  parseIsoDate,
} from "../../src/index.js";

describe("R-LOCK-EXPIRE: lock dates", () => {
  it("expires a lock placed on D on D + 15, across month ends", () => {
    expect(lockExpiresOn(parseIsoDate("2026-02-20"), 15)).toBe("2026-03-07");
    expect(lockExpiresOn(parseIsoDate("2028-02-20"), 15)).toBe("2028-03-06");
    expect(lockExpiresOn(parseIsoDate("2026-12-25"), 15)).toBe("2027-01-09");
  });

  it("keeps a lock active on its last day and releases it on its expiry date", () => {
    const lock = { expiresOn: lockExpiresOn(parseIsoDate("2026-02-20"), 15) };
    expect(isLockExpired(lock, "2026-03-06")).toBe(false);
    expect(isLockExpired(lock, "2026-03-07")).toBe(true);
    expect(isLockExpired(lock, "2026-04-01")).toBe(true);
  });

  it("bars relocking until expiresOn + relockCooldownDays", () => {
    expect(lockBlockedUntil(parseIsoDate("2026-03-07"), 15)).toBe("2026-03-22");
    expect(lockBlockedUntil(parseIsoDate("2026-03-07"), 0)).toBe("2026-03-07");
  });
});

describe("R-UNIT-3: calendar dates", () => {
  it("knows which dates exist", () => {
    expect(isIsoDate("2026-02-28")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2100-02-29")).toBe(false);
    expect(isIsoDate("2000-02-29")).toBe(true);
    expect(isIsoDate("2026-04-31")).toBe(false);
    expect(isIsoDate("2026-00-10")).toBe(false);
    expect(isIsoDate("2026-1-10")).toBe(false);
    expect(() => parseIsoDate("2026-02-30")).toThrow(RangeError);
  });

  it("adds and subtracts calendar days", () => {
    expect(addDays(parseIsoDate("2026-03-01"), -1)).toBe("2026-02-28");
    expect(addDays(parseIsoDate("2026-03-29"), 7)).toBe("2026-04-05");
    expect(addDays(parseIsoDate("2026-01-01"), 0)).toBe("2026-01-01");
  });
});

describe("R-UNIT-3: the edges of the calendar", () => {
  it("adds days in the first century and refuses to leave year 9999", () => {
    expect(addDays(parseIsoDate("0050-03-01"), 15)).toBe("0050-03-16");
    expect(addDays(parseIsoDate("9999-12-16"), 15)).toBe("9999-12-31");
    expect(() => addDays(parseIsoDate("9999-12-20"), 15)).toThrow(RangeError);
  });
});
