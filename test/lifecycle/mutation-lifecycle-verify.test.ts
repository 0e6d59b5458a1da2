/**
 * R-LIFE-2 (verification, 核对) and R-POST-1 / R-POST-2 (the ledger events of
 * lifecycle effects) on hand-written orders and effects: each required field,
 * each boundary, each effect kind. Written to kill the surviving mutants of
 * src/lifecycle/verify.ts and src/lifecycle/postings.ts (npm run mutation).
 */
import { describe, expect, it } from "vitest";
import { ledgerEventOf, type SalesOrder, verifyOrder } from "../../src/index.js";
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

describe("R-POST-1 and R-POST-2: the ledger event of each effect", () => {
  it("a shipment posts with its split and the date of the actor's own offset", () => {
    expect(
      ledgerEventOf(
        {
          kind: "post-shipment",
          franchisee: "F09",
          order: "SO-V",
          line: 2,
          quantity: 1,
          amount: "5.00",
          cash: "3.00",
          credit: "2.00",
          at: "2026-03-03T23:30:00-05:00",
        },
        "DN-1",
      ),
    ).toEqual({
      kind: "shipment",
      franchisee: "F09",
      on: "2026-03-03",
      reference: "DN-1",
      order: "SO-V",
      line: 2,
      quantity: 1,
      amount: "5.00",
      cash: "3.00",
      credit: "2.00",
    });
  });

  it("a refund posts its amount and names its order line; a notice posts nothing", () => {
    expect(
      ledgerEventOf(
        {
          kind: "post-refund",
          franchisee: "F09",
          order: "SO-V",
          line: 1,
          quantity: 1,
          amount: "12.50",
          at: "2026-03-05T08:00:00+08:00",
        },
        "RN-2",
      ),
    ).toEqual({
      kind: "refund",
      franchisee: "F09",
      on: "2026-03-05",
      reference: "RN-2",
      amount: "12.50",
      order: "SO-V",
      line: 1,
      quantity: 1,
    });
    expect(
      ledgerEventOf(
        {
          kind: "notice",
          notice: "lock-released",
          franchisee: "F09",
          order: "SO-V",
          message: "m",
        },
        "X",
      ),
    ).toBeUndefined();
  });
});
