/** R-POST-1 and R-POST-2: the ledger event `ledgerEventOf` makes of each lifecycle effect. */
import { describe, expect, it } from "vitest";
import { ledgerEventOf } from "../../src/index.js";

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
