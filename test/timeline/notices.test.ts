import { describe, expect, it } from "vitest";
import {
  type FundPreparationNotice,
  formatPath,
  InputError,
  type SupplyNotice,
  type SupplyNoticesInput,
  safeSupplyNotices,
  supplyNotices,
} from "../../src/index.js";
import { deepFreeze } from "../support/arbitraries.js";
import { order, products } from "../support/fixtures.js";

type PurchaseOrderIn = NonNullable<SupplyNoticesInput["purchaseOrders"]>[number];

/** A purchase order of T100 × 50, issued 2026-03-01, arriving 2026-04-20, unconfirmed. */
function po(parts: Partial<PurchaseOrderIn> = {}): PurchaseOrderIn {
  return {
    id: "PO-1",
    supplier: "ACME",
    issuedOn: "2026-03-01",
    expectedArrival: "2026-04-20",
    lines: [{ sku: "T100", quantity: 50 }],
    ...parts,
  };
}

function notices(
  from: string,
  to: string,
  parts: Partial<SupplyNoticesInput> = {},
): readonly SupplyNotice[] {
  return supplyNotices({ from, to, products: products("SS", "T100", "T200", "T300"), ...parts });
}

function fundNotices(notices: readonly SupplyNotice[]): FundPreparationNotice[] {
  return notices.filter((n): n is FundPreparationNotice => n.kind === "fund-preparation");
}

/** The issues `supplyNotices` throws for `input`, as "path: message" strings. */
function issuesOf(input: unknown): string[] {
  try {
    supplyNotices(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).issues.map(
      (issue) => `${formatPath(issue.path)}: ${issue.message}`,
    );
  }
  throw new Error("expected an InputError");
}

describe("R-SUP-1 supplier confirmation overdue", () => {
  // Issued 03-01: due 03-15 (issuedOn + 14), overdue from 03-16.
  it("is dated the first overdue day, issuedOn + 15, with its due date", () => {
    expect(notices("2026-03-16", "2026-03-16", { purchaseOrders: [po()] })).toEqual([
      {
        id: "supplier-confirmation-overdue:PO-1",
        kind: "supplier-confirmation-overdue",
        date: "2026-03-16",
        purchaseOrder: "PO-1",
        supplier: "ACME",
        issuedOn: "2026-03-01",
        due: "2026-03-15",
      },
    ]);
  });

  it("is not due on the due date itself: the supplier may still confirm that day", () => {
    expect(notices("2026-03-01", "2026-03-15", { purchaseOrders: [po()] })).toEqual([]);
  });

  it("is emitted once, not again on the later overdue days", () => {
    expect(notices("2026-03-17", "2026-03-31", { purchaseOrders: [po()] })).toEqual([]);
    const month = notices("2026-03-01", "2026-03-31", { purchaseOrders: [po()] });
    expect(month.map((n) => n.id)).toEqual(["supplier-confirmation-overdue:PO-1"]);
  });

  it("is not emitted for an order confirmed on or before its due date", () => {
    for (const confirmedOn of ["2026-03-01", "2026-03-15"]) {
      const range = notices("2026-03-01", "2026-03-31", { purchaseOrders: [po({ confirmedOn })] });
      expect(range).toEqual([]);
    }
  });

  it("is emitted for an order confirmed late, with the late confirmation", () => {
    for (const confirmedOn of ["2026-03-16", "2026-03-20"]) {
      const [notice] = notices("2026-03-16", "2026-03-16", {
        purchaseOrders: [po({ confirmedOn })],
      });
      expect(notice).toMatchObject({
        kind: "supplier-confirmation-overdue",
        date: "2026-03-16",
        due: "2026-03-15",
        confirmedOn,
      });
    }
  });

  it("reads a null confirmedOn as not confirmed", () => {
    const range = notices("2026-03-16", "2026-03-16", {
      purchaseOrders: [po({ confirmedOn: null })],
    });
    expect(range.map((n) => n.kind)).toEqual(["supplier-confirmation-overdue"]);
    expect(range[0]).not.toHaveProperty("confirmedOn");
  });

  it("counts the 14 days across a month end and a leap day", () => {
    const range = notices("2028-03-01", "2028-03-31", {
      purchaseOrders: [po({ issuedOn: "2028-02-20", expectedArrival: "2028-06-01" })],
    });
    expect(range).toEqual([expect.objectContaining({ due: "2028-03-05", date: "2028-03-06" })]);
  });
});

describe("R-SUP-2 fund preparation (通知加盟商准备货款)", () => {
  // Arriving 04-20: the notice is dated 04-05 (expectedArrival − 15).
  const base = (): Partial<SupplyNoticesInput> => ({
    purchaseOrders: [
      po({
        lines: [
          { sku: "T200", quantity: 10 },
          { sku: "T100", quantity: 50 },
        ],
      }),
    ],
    franchisees: [
      // spendable = 300 + (500 − 200) = 600.00
      { id: "F1", priority: 1, cash: "300", creditLimit: "500", creditUsed: "200" },
      // over its limit: no available credit, spendable = 100.00
      { id: "F2", priority: 2, cash: "100.00", creditLimit: "200", creditUsed: "300" },
      // its only line is wholly under an active lock
      { id: "F3", priority: 3, cash: "0" },
      // wants only T300, which the purchase order does not bring
      { id: "F4", priority: 4, cash: "0" },
    ],
    orders: [
      order("SO-1", "F1", "2026-02-10", [
        // 10 − 2 allocated − 3 locked = 5 outstanding × 99.00 = 495.00
        { sku: "T100", quantity: 10, allocated: 2, unitPrice: "99.00" },
        // 4 × 25.50 = 102.00
        { sku: "T200", quantity: 4, unitPrice: "25.5" },
        // not one of the order's SKUs
        { sku: "T300", quantity: 9, unitPrice: "1000" },
      ]),
      // 3 × 99.00 = 297.00
      order("SO-2", "F2", "2026-02-11", [{ sku: "T100", quantity: 3, unitPrice: "99.00" }]),
      order("SO-3", "F3", "2026-02-12", [{ sku: "T100", quantity: 2, unitPrice: "99.00" }]),
      order("SO-4", "F4", "2026-02-13", [{ sku: "T300", quantity: 1, unitPrice: "5" }]),
      // fully allocated: no open demand
      order("SO-5", "F4", "2026-02-13", [
        { sku: "T100", quantity: 1, allocated: 1, unitPrice: "5" },
      ]),
    ],
    locks: [
      {
        id: "L1",
        order: "SO-1",
        line: 1,
        franchisee: "F1",
        sku: "T100",
        quantity: 3,
        lockedOn: "2026-03-25",
        expiresOn: "2026-04-09",
      },
      {
        id: "L3",
        order: "SO-3",
        line: 1,
        franchisee: "F3",
        sku: "T100",
        quantity: 2,
        lockedOn: "2026-03-25",
        expiresOn: "2026-04-09",
      },
    ],
  });

  /** The fund notices of the day `date`, each as [franchisee, needed, spendable, lacking]. */
  const money = (date: string, input: Partial<SupplyNoticesInput>) =>
    fundNotices(notices(date, date, input)).map((n) => [
      n.franchisee,
      n.needed,
      n.spendable,
      n.lacking,
    ]);

  it("R-SUP-2: two purchase orders arriving the same date give one notice, the money counted once", () => {
    // F1 has 100.00; PO-A brings 3 × T100 (40.00 each), PO-B 2 × T200 (30.00 each): 180.00 in all.
    const input: Partial<SupplyNoticesInput> = {
      purchaseOrders: [
        po({ id: "PO-B", lines: [{ sku: "T200", quantity: 2 }] }),
        po({ id: "PO-A", lines: [{ sku: "T100", quantity: 3 }] }),
      ],
      franchisees: [{ id: "F1", priority: 1, cash: "100" }],
      orders: [
        order("SO-1", "F1", "2026-02-10", [
          { sku: "T100", quantity: 5, unitPrice: "40" },
          { sku: "T200", quantity: 5, unitPrice: "30" },
        ]),
      ],
    };
    expect(fundNotices(notices("2026-04-01", "2026-04-30", input))).toEqual([
      {
        id: "fund-preparation:2026-04-20:F1",
        kind: "fund-preparation",
        date: "2026-04-05",
        expectedArrival: "2026-04-20",
        purchaseOrders: ["PO-A", "PO-B"],
        franchisee: "F1",
        currency: "CNY",
        needed: "180.00",
        spendable: "100.00",
        lacking: "80.00",
        lines: [
          { sku: "T100", units: 3, value: "120.00" },
          { sku: "T200", units: 2, value: "60.00" },
        ],
      },
    ]);
  });

  it("R-SUP-2: a purchase order of 3 units against 10 outstanding asks for 3 × unitPrice", () => {
    const input: Partial<SupplyNoticesInput> = {
      purchaseOrders: [po({ lines: [{ sku: "T100", quantity: 3 }] })],
      franchisees: [{ id: "F1", priority: 1, cash: "0" }],
      orders: [order("SO-1", "F1", "2026-02-10", [{ sku: "T100", quantity: 10, unitPrice: "99" }])],
    };
    expect(money("2026-04-05", input)).toEqual([["F1", "297.00", "0.00", "297.00"]]);
  });

  it("R-SUP-2: scarce arriving units go by priority, then id — money does not rank (R-RANK-FUNDED, money no limit)", () => {
    // 4 units of T100 at 10.00. FB and FA share priority 1 (FB is rich): FA first by id, then FB;
    // F9 (priority 2, richest of all) gets the last unit; F10 (priority 3) gets nothing and no notice.
    // [franchisee, priority, cash, units of T100 ordered]
    const claims = [
      ["F9", 2, "9000", 3],
      ["FB", 1, "500", 2],
      ["FA", 1, "0", 1],
      ["F10", 3, "0", 5],
    ] as const;
    const input: Partial<SupplyNoticesInput> = {
      purchaseOrders: [po({ lines: [{ sku: "T100", quantity: 4 }] })],
      franchisees: claims.map(([id, priority, cash]) => ({ id, priority, cash })),
      orders: claims.map(([id, , , quantity]) =>
        order(`SO-${id}`, id, "2026-02-01", [{ sku: "T100", quantity, unitPrice: "10" }]),
      ),
    };
    expect(money("2026-04-05", input)).toEqual([
      ["F9", "10.00", "9000.00", "0.00"],
      ["FA", "10.00", "0.00", "10.00"],
      ["FB", "20.00", "500.00", "0.00"],
    ]);
  });

  it("R-SUP-2: a franchisee with enough spendable lacks 0; one without is told what it lacks", () => {
    // F1: 5 × 99.00 + 4 × 25.50 = 597.00 against 600.00; F2: 3 × 99.00 = 297.00 against 100.00.
    expect(money("2026-04-05", base())).toEqual([
      ["F1", "597.00", "600.00", "0.00"],
      ["F2", "297.00", "100.00", "197.00"],
    ]);
  });

  it("R-SUP-2: a franchisee the preview gives nothing gets no notice", () => {
    // F3's units are all under an active lock, F4 wants only T300 (not arriving), SO-5 is served.
    const ids = notices("2026-04-05", "2026-04-05", base()).map((n) => n.id);
    expect(ids).toEqual(["fund-preparation:2026-04-20:F1", "fund-preparation:2026-04-20:F2"]);
  });

  it("R-SUP-2: a lock active on the notice's date keeps its units out; one expired by then gives them back (R-LOCK-EXPIRE)", () => {
    // L1 (3 of SO-1 line 1) and L3 (2 of SO-3) expire on 04-09. Dated 04-08 (arriving 04-23) both are active.
    const input = base();
    input.purchaseOrders = [po({ expectedArrival: "2026-04-23" })];
    expect(money("2026-04-08", input)).toEqual([
      ["F1", "495.00", "600.00", "0.00"], // 10 − 2 allocated − 3 locked
      ["F2", "297.00", "100.00", "197.00"],
    ]);
    // Dated 04-10 (arriving 04-25), both have expired a day before: their units are demand again.
    input.purchaseOrders = [po({ expectedArrival: "2026-04-25" })];
    expect(money("2026-04-10", input)).toEqual([
      ["F1", "792.00", "600.00", "192.00"], // (10 − 2) × 99.00
      ["F2", "297.00", "100.00", "197.00"],
      ["F3", "198.00", "0.00", "198.00"], // its lock of 2 released
    ]);
  });

  it("R-SUP-2: counts only orders placed by the notice's date: a later order is not yet demand", () => {
    const input: Partial<SupplyNoticesInput> = {
      purchaseOrders: [
        po({ id: "PO-A" }),
        // arriving 05-20: its notice is dated 05-05, after SO-LATE was placed
        po({ id: "PO-B", expectedArrival: "2026-05-20" }),
      ],
      franchisees: [{ id: "F1", priority: 1, cash: "0" }],
      orders: [
        order("SO-EARLY", "F1", "2026-03-01", [{ sku: "T100", quantity: 1, unitPrice: "10" }]),
        order("SO-LATE", "F1", "2026-04-20", [{ sku: "T100", quantity: 5, unitPrice: "10" }]),
      ],
    };
    expect(
      fundNotices(notices("2026-04-01", "2026-05-31", input)).map((n) => [
        n.date,
        n.purchaseOrders,
        n.needed,
        n.lines,
      ]),
    ).toEqual([
      ["2026-04-05", ["PO-A"], "10.00", [{ sku: "T100", units: 1, value: "10.00" }]],
      ["2026-05-05", ["PO-B"], "60.00", [{ sku: "T100", units: 6, value: "60.00" }]],
    ]);
  });

  it("R-SUP-2: scarce units of one SKU go to the franchisee's lines in R-RANK-LINE order, each at its own price", () => {
    // 3 units: SO-OLD (ordered first) takes its 2 at 20.00, SO-NEW the last one at 10.00.
    const input: Partial<SupplyNoticesInput> = {
      purchaseOrders: [po({ lines: [{ sku: "T100", quantity: 3 }] })],
      franchisees: [{ id: "F1", priority: 1, cash: "0" }],
      orders: [
        order("SO-NEW", "F1", "2026-02-10", [{ sku: "T100", quantity: 2, unitPrice: "10" }]),
        order("SO-OLD", "F1", "2026-02-01", [{ sku: "T100", quantity: 2, unitPrice: "20" }]),
      ],
    };
    const [notice] = fundNotices(notices("2026-04-05", "2026-04-05", input));
    expect(notice?.lines).toEqual([{ sku: "T100", units: 3, value: "50.00" }]);
  });

  it("R-SUP-2: writes money with the currency's minor digits and never rounds", () => {
    expect(money("2026-04-05", { ...base(), currency: "JPY" })).toEqual([
      ["F1", "597", "600", "0"],
      ["F2", "297", "100", "197"],
    ]);
    const input = base();
    input.franchisees = [{ id: "F1", priority: 1, cash: "0.125" }];
    input.orders = [
      order("SO-1", "F1", "2026-02-10", [{ sku: "T100", quantity: 3, unitPrice: "0.333" }]),
    ];
    input.locks = [];
    const [notice] = fundNotices(notices("2026-04-05", "2026-04-05", input));
    expect(notice).toMatchObject({ needed: "0.999", spendable: "0.125", lacking: "0.874" });
    expect(notice?.lines).toEqual([{ sku: "T100", units: 3, value: "0.999" }]);
  });

  it("R-SUP-2: is dated on issuedOn when the order is issued less than 15 days before arrival", () => {
    const input = base();
    input.purchaseOrders = [po({ issuedOn: "2026-04-10", expectedArrival: "2026-04-20" })];
    input.locks = [];
    const range = notices("2026-04-01", "2026-04-30", input);
    expect(range.map((n) => [n.date, n.id])).toEqual([
      ["2026-04-10", "fund-preparation:2026-04-20:F1"],
      ["2026-04-10", "fund-preparation:2026-04-20:F2"],
      ["2026-04-10", "fund-preparation:2026-04-20:F3"],
      ["2026-04-13", "warehouse-receiving:PO-1"],
      ["2026-04-25", "supplier-confirmation-overdue:PO-1"],
    ]);
  });

  it("R-SUP-2: a notice over several orders takes the latest of their dates, never before one of them exists", () => {
    const input: Partial<SupplyNoticesInput> = {
      purchaseOrders: [
        po({ id: "PO-A", issuedOn: "2026-03-01" }),
        po({ id: "PO-B", issuedOn: "2026-04-12", lines: [{ sku: "T200", quantity: 1 }] }),
      ],
      franchisees: [{ id: "F1", priority: 1, cash: "0" }],
      orders: [
        order("SO-1", "F1", "2026-02-10", [
          { sku: "T100", quantity: 1, unitPrice: "10" },
          { sku: "T200", quantity: 1, unitPrice: "5" },
        ]),
      ],
    };
    expect(
      fundNotices(notices("2026-04-01", "2026-04-30", input)).map((n) => [
        n.date,
        n.purchaseOrders,
        n.needed,
      ]),
    ).toEqual([["2026-04-12", ["PO-A", "PO-B"], "15.00"]]);
  });
});

describe("R-SUP-3 warehouse receiving (通知总仓收货准备)", () => {
  it("is dated expectedArrival − 7, with the SKUs and quantities expected", () => {
    const order = po({
      confirmedOn: "2026-03-05",
      lines: [
        { sku: "T200", quantity: 10 },
        { sku: "T100", quantity: 50 },
      ],
    });
    expect(notices("2026-04-13", "2026-04-13", { purchaseOrders: [order] })).toEqual([
      {
        id: "warehouse-receiving:PO-1",
        kind: "warehouse-receiving",
        date: "2026-04-13",
        purchaseOrder: "PO-1",
        supplier: "ACME",
        expectedArrival: "2026-04-20",
        lines: [
          { sku: "T100", quantity: 50 },
          { sku: "T200", quantity: 10 },
        ],
      },
    ]);
    expect(notices("2026-04-12", "2026-04-12", { purchaseOrders: [order] })).toEqual([]);
    expect(notices("2026-04-14", "2026-04-20", { purchaseOrders: [order] })).toEqual([]);
  });
});

describe("R-SUP-4 a range gives each notice due in it once, in canonical order", () => {
  const input = (): Partial<SupplyNoticesInput> => ({
    purchaseOrders: [
      po({ id: "PO-2", issuedOn: "2026-03-10", expectedArrival: "2026-03-31" }),
      po({ id: "PO-1", issuedOn: "2026-03-10", expectedArrival: "2026-03-31" }),
      po({ id: "PO-3", issuedOn: "2026-03-01", expectedArrival: "2026-04-08" }),
    ],
    franchisees: [
      { id: "F2", priority: 1, cash: "0" },
      { id: "F1", priority: 2, cash: "0" },
    ],
    orders: [
      order("SO-1", "F2", "2026-02-10", [{ sku: "T100", quantity: 1, unitPrice: "1" }]),
      order("SO-2", "F1", "2026-02-10", [{ sku: "T100", quantity: 1, unitPrice: "1" }]),
    ],
  });

  it("orders by date, then kind (R-SUP-1, 2, 3), then purchase order (R-SUP-2: arrival date, then franchisee)", () => {
    expect(notices("2026-03-01", "2026-04-30", input()).map((n) => `${n.date} ${n.id}`)).toEqual([
      "2026-03-16 supplier-confirmation-overdue:PO-3",
      // PO-1 and PO-2 arrive on one date: one notice per franchisee for both (R-SUP-2).
      "2026-03-16 fund-preparation:2026-03-31:F1",
      "2026-03-16 fund-preparation:2026-03-31:F2",
      "2026-03-24 fund-preparation:2026-04-08:F1",
      "2026-03-24 fund-preparation:2026-04-08:F2",
      "2026-03-24 warehouse-receiving:PO-1",
      "2026-03-24 warehouse-receiving:PO-2",
      "2026-03-25 supplier-confirmation-overdue:PO-1",
      "2026-03-25 supplier-confirmation-overdue:PO-2",
      "2026-04-01 warehouse-receiving:PO-3",
    ]);
  });

  it("splits into adjacent ranges without repeating or skipping a notice", () => {
    const whole = notices("2026-03-01", "2026-04-30", input());
    const first = notices("2026-03-01", "2026-03-16", input());
    const second = notices("2026-03-17", "2026-04-30", input());
    expect([...first, ...second]).toEqual(whole);
    expect(notices("2026-03-01", "2026-04-30", input())).toEqual(whole);
  });

  it("keeps ids apart when an id holds ':' or '%'", () => {
    const range = notices("2026-03-01", "2026-03-31", {
      purchaseOrders: [
        po({ id: "P", issuedOn: "2026-03-10", expectedArrival: "2026-03-31" }),
        po({ id: "P:1", issuedOn: "2026-03-10", expectedArrival: "2026-03-31" }),
      ],
      franchisees: [
        { id: "1:F", priority: 1, cash: "0" },
        { id: "F", priority: 1, cash: "0" },
        { id: "%", priority: 1, cash: "0" },
      ],
      orders: [
        order("SO-1", "1:F", "2026-02-10", [{ sku: "T100", quantity: 1, unitPrice: "1" }]),
        order("SO-2", "F", "2026-02-10", [{ sku: "T100", quantity: 1, unitPrice: "1" }]),
        order("SO-3", "%", "2026-02-10", [{ sku: "T100", quantity: 1, unitPrice: "1" }]),
      ],
    });
    expect(range.map((n) => n.id)).toEqual([
      "fund-preparation:2026-03-31:%25",
      "fund-preparation:2026-03-31:1%3AF",
      "fund-preparation:2026-03-31:F",
      "warehouse-receiving:P",
      "warehouse-receiving:P%3A1",
      "supplier-confirmation-overdue:P",
      "supplier-confirmation-overdue:P%3A1",
    ]);
  });

  it("never mutates its input", () => {
    const frozen = deepFreeze({
      from: "2026-03-01",
      to: "2026-04-30",
      ...input(),
      products: products("SS", "T100"),
    });
    expect(() => supplyNotices(frozen)).not.toThrow();
  });

  it("works with ids such as __proto__ and constructor", () => {
    const range = notices("2026-03-16", "2026-03-16", {
      purchaseOrders: [
        po({ id: "__proto__", issuedOn: "2026-03-10", expectedArrival: "2026-03-31" }),
      ],
      franchisees: [{ id: "constructor", priority: 1, cash: "0" }],
      orders: [
        order("__proto__", "constructor", "2026-02-10", [
          { sku: "T100", quantity: 1, unitPrice: "1" },
        ]),
      ],
    });
    expect(range.map((n) => n.id)).toEqual(["fund-preparation:2026-03-31:constructor"]);
  });
});

describe("the ends of the calendar", () => {
  it("dates no notice after 9999-12-31, and a lead time before year 0 on issuedOn", () => {
    const late = po({ issuedOn: "9999-12-20", expectedArrival: "9999-12-31" });
    expect(notices("9999-12-01", "9999-12-31", { purchaseOrders: [late] })).toEqual([
      expect.objectContaining({ kind: "warehouse-receiving", date: "9999-12-24" }),
    ]);
    const early = po({ issuedOn: "0000-01-01", expectedArrival: "0000-01-05" });
    const range = notices("0000-01-01", "0000-01-31", { purchaseOrders: [early] });
    expect(range.map((n) => `${n.date} ${n.kind}`)).toEqual([
      "0000-01-01 warehouse-receiving",
      "0000-01-16 supplier-confirmation-overdue",
    ]);
  });

  it("refuses a from on which an allocation run would be refused", () => {
    expect(issuesOf({ from: "9999-12-15", to: "9999-12-31" })).toEqual([
      "from: an allocation run on this date is refused: a lock placed on 9999-12-15 and its cool-down (15 + 15 days) would end after 9999-12-31",
    ]);
  });
});

describe("§7 bad input: one InputError listing every problem with its path", () => {
  it("rejects what is not an object, and a missing range", () => {
    expect(issuesOf(null)).toEqual(["(input): must be an object (a SupplyNoticesInput)"]);
    expect(issuesOf({})).toEqual([
      "from: is required: a date written YYYY-MM-DD",
      "to: is required: a date written YYYY-MM-DD",
    ]);
  });

  it("rejects impossible dates, a range that ends before it starts, and unknown fields", () => {
    expect(issuesOf({ from: "2026-02-30", to: "2026-3-1" })).toEqual([
      "from: must be an existing calendar date written YYYY-MM-DD",
      "to: must be an existing calendar date written YYYY-MM-DD",
    ]);
    expect(
      issuesOf({ from: "2026-04-02", to: "2026-04-01", asOf: "2026-04-01", supply: [] }),
    ).toEqual([
      'asOf: unknown field "asOf"',
      'supply: unknown field "supply"',
      "to: the range ends (2026-04-01) before it starts (2026-04-02)",
    ]);
  });

  it("lists every problem of the purchase orders with its path", () => {
    const input = {
      from: "2026-04-01",
      to: "2026-04-30",
      products: products("SS", "T100"),
      purchaseOrders: [
        po(),
        po({ issuedOn: "2026-03-10", expectedArrival: "2026-03-09", confirmedOn: "2026-03-09" }),
        po({
          id: "PO-2",
          lines: [
            { sku: "T100", quantity: 1 },
            { sku: "NOPE", quantity: 1 },
            { sku: "T100", quantity: 2 },
          ],
        }),
        {
          id: "",
          supplier: "ACME",
          issuedOn: "2026-02-30",
          expectedArrival: "2026-04-01",
          lines: [],
        },
        po({
          id: "PO-4",
          lines: [
            { sku: "T100", quantity: 0 },
            { sku: "T100", quantity: 1.5 },
          ],
        }),
      ],
    };
    expect(issuesOf(input)).toEqual([
      'purchaseOrders[1].id: duplicate purchase order id "PO-1"',
      "purchaseOrders[1].expectedArrival: expected to arrive on 2026-03-09, before the order was issued (2026-03-10)",
      "purchaseOrders[1].confirmedOn: confirmed on 2026-03-09, before the order was issued (2026-03-10)",
      'purchaseOrders[2].lines[1].sku: unknown product "NOPE": not in products',
      'purchaseOrders[2].lines[2].sku: duplicate sku "T100" in purchase order "PO-2"',
      "purchaseOrders[3].id: must be a non-empty id",
      "purchaseOrders[3].issuedOn: must be an existing calendar date written YYYY-MM-DD",
      "purchaseOrders[3].lines: a purchase order has at least one line",
      "purchaseOrders[4].lines[0].quantity: a purchase-order line brings at least one unit",
      "purchaseOrders[4].lines[1].quantity: must be a whole number of units",
    ]);
    expect(issuesOf({ from: "2026-04-01", to: "2026-04-30", purchaseOrders: {} })).toEqual([
      "purchaseOrders: must be an array of purchase orders",
    ]);
  });

  it("checks the allocation parts exactly as allocate does, on from", () => {
    const input = {
      from: "2026-03-01",
      to: "2026-04-30",
      currency: "XXY",
      products: products("SS", "T100"),
      franchisees: [{ id: "F1", priority: 1, cash: "-1" }],
      orders: [
        order("SO-1", "F9", "2026-02-10", [
          { sku: "T100", quantity: 2, allocated: 3, unitPrice: "1" },
        ]),
      ],
      locks: [
        {
          id: "L1",
          order: "SO-1",
          line: 1,
          franchisee: "F9",
          sku: "T100",
          quantity: 1,
          lockedOn: "2026-03-02",
          expiresOn: "2026-03-17",
        },
      ],
      purchaseOrders: [po()],
    };
    expect(issuesOf(input)).toEqual([
      "currency: must be an ISO 4217 currency code such as CNY",
      'franchisees[0].cash: must be a non-negative decimal such as "1299.50" (at most 28 integer and 12 fraction digits), got "-1"',
      'orders[0].franchisee: unknown franchisee "F9": not in franchisees',
      "orders[0].lines[0].allocated: allocated (3) exceeds the ordered quantity (2)",
      "locks[0].lockedOn: locked on 2026-03-02, after from 2026-03-01",
      "locks[0].quantity: locks on this line hold 1 units but only 0 are outstanding (ordered 2, allocated 3)",
    ]);
  });

  it("reports a malformed product once, not again on the purchase-order lines naming it", () => {
    const input = {
      from: "2026-04-01",
      to: "2026-04-30",
      products: [{ sku: "T100", season: "WINTER" }],
      purchaseOrders: [po()],
    };
    expect(issuesOf(input)).toEqual([expect.stringMatching(/^products\[0\]\.season: /)]);
  });

  it("safeSupplyNotices returns the issues instead of throwing, and the notices when sound", () => {
    const bad = safeSupplyNotices({ from: "2026-04-01", to: "2026-03-01" });
    expect(bad).toEqual({
      ok: false,
      issues: [
        {
          path: ["to"],
          code: "inconsistent",
          message: "the range ends (2026-03-01) before it starts (2026-04-01)",
        },
      ],
    });
    const good = safeSupplyNotices({
      from: "2026-04-13",
      to: "2026-04-13",
      products: products("SS", "T100"),
      purchaseOrders: [po()],
    });
    expect(good.ok && good.notices.map((n) => n.id)).toEqual(["warehouse-receiving:PO-1"]);
  });
});

describe("R-SUP-1..3: lead times are options with the seed's defaults", () => {
  const input = {
    from: "2026-03-01",
    to: "2026-05-31",
    purchaseOrders: [
      {
        id: "PO-9",
        supplier: "ACME",
        issuedOn: "2026-03-01",
        confirmedOn: "2026-03-02",
        expectedArrival: "2026-04-30",
        lines: [{ sku: "T100", quantity: 5 }],
      },
    ],
    products: [{ sku: "T100", season: "SS" }],
  };
  const receiving = (notices: readonly { kind: string; date: string }[]) =>
    notices.find((notice) => notice.kind === "warehouse-receiving")?.date;

  it("tells the warehouse 7 days before arrival by default, and as many days as leadTimes says", () => {
    expect(receiving(supplyNotices(input))).toBe("2026-04-23");
    expect(receiving(supplyNotices({ ...input, leadTimes: { receivingDays: 3 } }))).toBe(
      "2026-04-27",
    );
  });

  it("counts a confirmation overdue after confirmationDays", () => {
    const late = {
      ...input,
      purchaseOrders: [{ ...input.purchaseOrders[0], confirmedOn: "2026-03-10" }],
    };
    const overdue = (given: object) =>
      supplyNotices({ ...late, ...given }).filter(
        (n) => n.kind === "supplier-confirmation-overdue",
      );
    expect(overdue({})).toEqual([]);
    expect(overdue({ leadTimes: { confirmationDays: 5 } }).map((n) => n.date)).toEqual([
      "2026-03-07",
    ]);
  });
});
