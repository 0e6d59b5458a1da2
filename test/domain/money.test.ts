import { describe, expect, it } from "vitest";
import { affordableUnits, formatAmount, Money, splitSpend } from "../../src/index.js";

describe("R-UNIT-2: money is exact decimal", () => {
  it("splits a spend cash first by default, credit first on request (R-ALLOC-FUNDED)", () => {
    const cashFirst = splitSpend("700", "500", "1000");
    expect([cashFirst.cash.toString(), cashFirst.credit.toString()]).toEqual(["500", "200"]);
    const creditFirst = splitSpend("700", "500", "1000", "credit-first");
    expect([creditFirst.cash.toString(), creditFirst.credit.toString()]).toEqual(["0", "700"]);
    const both = splitSpend("1200", "500", "1000", "credit-first");
    expect([both.cash.toString(), both.credit.toString()]).toEqual(["200", "1000"]);
  });

  it("refuses to spend more than both purses hold, or a negative amount", () => {
    expect(() => splitSpend("1500.01", "500", "1000")).toThrow(RangeError);
    expect(() => splitSpend("-1", "500", "1000")).toThrow(RangeError);
  });

  it("counts the units money buys without binary rounding", () => {
    expect(affordableUnits(10, "0.1", "0.3")).toBe(3);
    expect(affordableUnits(10, "99.00", "500")).toBe(5);
    expect(affordableUnits(10, "99.00", "98.99")).toBe(0);
    expect(affordableUnits(3, "99.00", "10000")).toBe(3);
    expect(affordableUnits(7, "0", "0")).toBe(7);
    expect(affordableUnits(0, "1", "100")).toBe(0);
    expect(affordableUnits(5, "33.33", "99.99")).toBe(3);
  });

  it("multiplies and adds huge amounts exactly", () => {
    const price = new Money("123456789012345.678901");
    expect(price.times(2_000_000_000).toString()).toBe("246913578024691357802000");
    expect(new Money("0.1").plus("0.2").toString()).toBe("0.3");
  });

  it("formats with the currency's minor digits, never rounding", () => {
    expect(formatAmount(new Money("3960"), 2)).toBe("3960.00");
    expect(formatAmount(new Money("1299.5"), 2)).toBe("1299.50");
    expect(formatAmount(new Money("0.125"), 2)).toBe("0.125");
    expect(formatAmount(new Money("450"), 0)).toBe("450");
    expect(formatAmount(new Money("1e21"), 2)).toBe("1000000000000000000000.00");
    expect(formatAmount(new Money("-0"), 2)).toBe("0.00");
  });
});
