/** R-LIFE-2, verification (核对), on hand-written orders: each required field, each boundary. */
import { describe, expect, it } from "vitest";
import { type SalesOrder, verifyOrder } from "../../src/index.js";
import { bucketsWith } from "../support/lifecycle.js";

const buckets = (open: number) => bucketsWith({ open });

/** A received order that passes verification: 2 × 12.50 + 1 × 5 = 30. */
const sound: SalesOrder = {
  id: "SO-V",
  franchisee: "F09",
  orderedOn: "2026-02-20",
  currency: "CNY",
  deliveryDate: "2026-02-21",
  contact: { name: "Qian", phone: "137" },
  total: "30",
  state: "received",
  lines: [
    {
      line: 1,
      sku: "A1",
      quantity: 2,
      unitPrice: "12.50",
      amount: "25.00",
      buckets: buckets(2),
      paid: { cash: "0", credit: "0" },
      locks: [],
    },
    {
      line: 2,
      sku: "B2",
      quantity: 1,
      unitPrice: "5",
      amount: "5",
      buckets: buckets(1),
      paid: { cash: "0", credit: "0" },
      locks: [],
    },
  ],
  audit: [],
};

const problems = (order: SalesOrder) =>
  verifyOrder(order).map((issue) => [issue.path, issue.message]);

describe("R-LIFE-2: verification, one field at a time", () => {
  it("passes a sound order, delivery the day after ordering", () => {
    expect(verifyOrder(sound)).toEqual([]);
  });

  it("accepts delivery on the order date itself; refuses the day before", () => {
    expect(verifyOrder({ ...sound, deliveryDate: "2026-02-20" })).toEqual([]);
    expect(problems({ ...sound, deliveryDate: "2026-02-19" })).toEqual([
      [["deliveryDate"], "delivery date 2026-02-19 is before the order date 2026-02-20"],
    ]);
  });

  it("requires the delivery date", () => {
    const { deliveryDate: _, ...undated } = sound;
    expect(problems(undated)).toEqual([[["deliveryDate"], "the delivery date is required"]]);
  });

  it("requires a contact name and phone: missing, empty, or no contact at all", () => {
    const { contact: _, ...anonymous } = sound;
    expect(problems(anonymous)).toEqual([
      [["contact", "name"], "the contact name is required"],
      [["contact", "phone"], "the contact phone is required"],
    ]);
    expect(problems({ ...sound, contact: { name: "", phone: "137" } })).toEqual([
      [["contact", "name"], "the contact name is required"],
    ]);
    expect(problems({ ...sound, contact: { name: "Qian", phone: "" } })).toEqual([
      [["contact", "phone"], "the contact phone is required"],
    ]);
    expect(problems({ ...sound, contact: { phone: "137" } })).toEqual([
      [["contact", "name"], "the contact name is required"],
    ]);
  });

  it("requires the total, and reads amounts that are no decimals as wrong", () => {
    const { total: _, ...untotalled } = sound;
    expect(problems(untotalled)).toEqual([[["total"], "the order total is required"]]);
    const [first, second] = sound.lines;
    const garbled = {
      ...sound,
      total: "thirty",
      lines: [{ ...first, amount: "25,00" }, second] as SalesOrder["lines"],
    };
    expect(problems(garbled)).toEqual([
      [["lines", 0, "amount"], "amount 25,00 is not quantity × unitPrice = 2 × 12.50 = 25"],
      [["total"], "total thirty is not the sum of the line amounts, 30"],
    ]);
  });
});

describe("R-LIFE-2: each verification failure has its code", () => {
  it("says required for what is missing and inconsistent for what does not add up", () => {
    const { deliveryDate: _date, ...undated } = sound;
    const line = sound.lines[0] as SalesOrder["lines"][number];
    const { amount: _amount, ...noAmount } = line;
    const issues = verifyOrder({
      ...undated,
      total: "31",
      lines: [noAmount, { ...(sound.lines[1] as typeof line), amount: "6" }],
    });
    expect(issues.map((issue) => `${issue.code} ${issue.path.join(".")}`)).toEqual([
      "required deliveryDate",
      "required lines.0.amount",
      "inconsistent lines.1.amount",
      "inconsistent total",
    ]);
    const early = verifyOrder({ ...sound, deliveryDate: "2026-02-19" });
    expect(early.map((issue) => issue.code)).toEqual(["inconsistent"]);
  });
});
