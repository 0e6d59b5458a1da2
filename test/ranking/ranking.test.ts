import { describe, expect, it } from "vitest";
import {
  compareByPriority,
  compareFranchisees,
  compareLines,
  compareProducts,
  compareStores,
  DEFAULT_POLICY,
  isFunded,
  Money,
  parseIsoDate,
  productPriority,
  regionServingOrder,
  seasonInForce,
} from "../../src/index.js";

describe("R-RANK-PRODUCT: the launch plan orders products", () => {
  it("puts an earlier launch date first, a missing date last", () => {
    const rank = productPriority([
      { sku: "NO-DATE" },
      { sku: "APRIL", launchDate: "2026-04-01" },
      { sku: "MARCH", launchDate: "2026-03-01" },
    ]);
    expect([...rank.entries()]).toEqual([
      ["MARCH", 0],
      ["APRIL", 1],
      ["NO-DATE", 2],
    ]);
  });

  it("breaks a date tie by launchRank (missing last), then by sku", () => {
    const sorted = [
      { sku: "C", launchDate: "2026-03-01" },
      { sku: "B", launchDate: "2026-03-01", launchRank: 2 },
      { sku: "A", launchDate: "2026-03-01", launchRank: 2 },
      { sku: "D", launchDate: "2026-03-01", launchRank: 1 },
    ].sort(compareProducts);
    expect(sorted.map((p) => p.sku)).toEqual(["D", "A", "B", "C"]);
  });

  it("compares skus by code unit, not by locale", () => {
    const sorted = [{ sku: "a" }, { sku: "B" }, { sku: "__proto__" }].sort(compareProducts);
    expect(sorted.map((p) => p.sku)).toEqual(["B", "__proto__", "a"]);
  });

  it("puts a ranked product before an unranked one whose SKU sorts first, both ways round", () => {
    const ranked = { sku: "B", launchRank: 1 };
    const unranked = { sku: "A" };
    expect(compareProducts(unranked, ranked)).toBe(1);
    expect(compareProducts(ranked, unranked)).toBe(-1);
    expect([...productPriority([unranked, ranked])]).toEqual([
      ["B", 0],
      ["A", 1],
    ]);
  });
});

describe("R-RANK-LINE: a franchisee's lines follow product priority, date, order, line", () => {
  it("orders by product rank before the order date", () => {
    const lines = [
      { productRank: 1, orderedOn: "2026-01-01", order: "SO-1", line: 1 },
      { productRank: 0, orderedOn: "2026-02-01", order: "SO-2", line: 1 },
    ].sort(compareLines);
    expect(lines.map((l) => l.order)).toEqual(["SO-2", "SO-1"]);
  });

  it("breaks ties by orderedOn, then order id, then line number", () => {
    const lines = [
      { productRank: 0, orderedOn: "2026-02-02", order: "A", line: 1 },
      { productRank: 0, orderedOn: "2026-02-01", order: "B", line: 2 },
      { productRank: 0, orderedOn: "2026-02-01", order: "B", line: 1 },
      { productRank: 0, orderedOn: "2026-02-01", order: "A", line: 9 },
    ].sort(compareLines);
    expect(lines.map((l) => `${l.order}${l.line}`)).toEqual(["A9", "B1", "B2", "A1"]);
  });
});

describe("R-RANK-FUNDED: funded franchisees first, then by policy", () => {
  const standing = (id: string, priority: number, spendable: string, funded = true) => ({
    id,
    priority,
    spendable: new Money(spendable),
    funded,
  });

  it("puts a funded franchisee before an unfunded one of higher priority (6.4.2.2)", () => {
    const sorted = [standing("F1", 1, "0", false), standing("F2", 5, "10")].sort(
      compareFranchisees("priority"),
    );
    expect(sorted.map((f) => f.id)).toEqual(["F2", "F1"]);
  });

  it('"priority" orders by priority, then spendable descending, then id', () => {
    const sorted = [
      standing("F3", 2, "100"),
      standing("F2", 1, "50"),
      standing("F1", 1, "50"),
      standing("F0", 1, "900"),
    ].sort(compareFranchisees("priority"));
    expect(sorted.map((f) => f.id)).toEqual(["F0", "F1", "F2", "F3"]);
  });

  it('"funds" orders by spendable descending, then priority, then id', () => {
    const sorted = [
      standing("F1", 1, "50"),
      standing("F2", 3, "900.5"),
      standing("F3", 2, "900.5"),
      standing("F4", 1, "900.49"),
    ].sort(compareFranchisees("funds"));
    expect(sorted.map((f) => f.id)).toEqual(["F3", "F2", "F4", "F1"]);
  });

  it("counts credit as funds by default, cash only when creditCountsAsFunds is false", () => {
    expect(isFunded(new Money(0), new Money("0.01"), true)).toBe(true);
    expect(isFunded(new Money(0), new Money("0.01"), false)).toBe(false);
    expect(isFunded(new Money("0.01"), new Money(0), false)).toBe(true);
    expect(isFunded(new Money(0), new Money(0), true)).toBe(false);
  });

  it("orders locks' franchisees by priority, then id", () => {
    const sorted = [
      { id: "F2", priority: 1 },
      { id: "F1", priority: 2 },
      { id: "F0", priority: 1 },
    ].sort(compareByPriority);
    expect(sorted.map((f) => f.id)).toEqual(["F0", "F2", "F1"]);
  });
});

describe("R-RANK-REGION: regions follow the season's order", () => {
  const all = [...DEFAULT_POLICY.regionOrder.SS].reverse();

  it("serves SS south to north, airport first and nanning last", () => {
    const { order, unlisted } = regionServingOrder(all, "SS", DEFAULT_POLICY.regionOrder);
    expect(order).toEqual([
      "airport",
      "shenzhen",
      "dongguan",
      "guangzhou",
      "shanghai",
      "beijing",
      "chengdu",
      "shenyang",
      "guiyang",
      "nanning",
    ]);
    expect(unlisted).toEqual([]);
  });

  it("serves AW north to south and puts nanning, unlisted, after every listed region", () => {
    const { order, unlisted } = regionServingOrder(all, "AW", DEFAULT_POLICY.regionOrder);
    expect(order).toEqual([
      "airport",
      "beijing",
      "shanghai",
      "guangzhou",
      "dongguan",
      "shenzhen",
      "chengdu",
      "shenyang",
      "guiyang",
      "nanning",
    ]);
    expect(unlisted).toEqual(["nanning"]);
  });

  it("puts a caller's unlisted regions last, by id, and ignores listed ids that are absent", () => {
    const { order, unlisted } = regionServingOrder(
      ["zhuhai", "beijing", "xiamen"],
      "SS",
      DEFAULT_POLICY.regionOrder,
    );
    expect(order).toEqual(["beijing", "xiamen", "zhuhai"]);
    expect(unlisted).toEqual(["xiamen", "zhuhai"]);
  });

  it("takes the season in force from the calendar for a NONE product", () => {
    const calendar = DEFAULT_POLICY.seasonCalendar;
    expect(seasonInForce("NONE", parseIsoDate("2026-02-01"), calendar)).toBe("SS");
    expect(seasonInForce("NONE", parseIsoDate("2026-07-31"), calendar)).toBe("SS");
    expect(seasonInForce("NONE", parseIsoDate("2026-08-01"), calendar)).toBe("AW");
    expect(seasonInForce("NONE", parseIsoDate("2026-01-31"), calendar)).toBe("AW");
    expect(seasonInForce("AW", parseIsoDate("2026-05-01"), calendar)).toBe("AW");
  });
});

describe("R-RANK-STORE: class A before B before C, then id", () => {
  it("orders stores by the policy's class order", () => {
    const stores = [
      { id: "S3", class: "C" as const },
      { id: "S2", class: "A" as const },
      { id: "S1", class: "B" as const },
      { id: "S0", class: "A" as const },
    ];
    expect([...stores].sort(compareStores(["A", "B", "C"])).map((s) => s.id)).toEqual([
      "S0",
      "S2",
      "S1",
      "S3",
    ]);
    expect([...stores].sort(compareStores(["C", "B", "A"])).map((s) => s.id)).toEqual([
      "S3",
      "S1",
      "S0",
      "S2",
    ]);
  });
});
