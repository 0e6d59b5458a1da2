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

  it("counts only orders placed by the notice's date: a later order is not yet open demand", () => {
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
        n.purchaseOrder,
        n.needed,
        n.lines.map((l) => l.order),
      ]),
    ).toEqual([
      ["2026-04-05", "PO-A", "10.00", ["SO-EARLY"]],
      ["2026-05-05", "PO-B", "60.00", ["SO-EARLY", "SO-LATE"]],
    ]);
  });

  it("tells each franchisee with open demand what it needs and lacks, with cash and credit", () => {
    const range = notices("2026-04-05", "2026-04-05", base());
    expect(range).toEqual([
      {
        id: "fund-preparation:PO-1:F1",
        kind: "fund-preparation",
        date: "2026-04-05",
        purchaseOrder: "PO-1",
        supplier: "ACME",
        expectedArrival: "2026-04-20",
        franchisee: "F1",
        currency: "CNY",
        needed: "597.00",
        spendable: "600.00",
        lacking: "0.00",
        lines: [
          {
            order: "SO-1",
            line: 1,
            sku: "T100",
            outstanding: 5,
            unitPrice: "99.00",
            amount: "495.00",
          },
          {
            order: "SO-1",
            line: 2,
            sku: "T200",
            outstanding: 4,
            unitPrice: "25.50",
            amount: "102.00",
          },
        ],
      },
      {
        id: "fund-preparation:PO-1:F2",
        kind: "fund-preparation",
        date: "2026-04-05",
        purchaseOrder: "PO-1",
        supplier: "ACME",
        expectedArrival: "2026-04-20",
        franchisee: "F2",
        currency: "CNY",
        needed: "297.00",
        spendable: "100.00",
        lacking: "197.00",
        lines: [
          {
            order: "SO-2",
            line: 1,
            sku: "T100",
            outstanding: 3,
            unitPrice: "99.00",
            amount: "297.00",
          },
        ],
      },
    ]);
  });

  it("leaves out a franchisee whose units are all under active locks: no open demand", () => {
    const ids = notices("2026-04-05", "2026-04-05", base()).map((n) => n.id);
    expect(ids).not.toContain("fund-preparation:PO-1:F3");
    expect(ids).not.toContain("fund-preparation:PO-1:F4");
  });

  it("counts the units of a lock expired by the notice's date, its payment grace over, as outstanding again (R-LOCK-EXPIRE, R-LOCK-GRACE)", () => {
    // Arriving 04-25: dated 04-10, the day after both locks expire (grace 1 day, over).
    const input = base();
    input.purchaseOrders = [po({ expectedArrival: "2026-04-25" })];
    const range = fundNotices(notices("2026-04-10", "2026-04-10", input));
    expect(range.map((n) => [n.franchisee, n.needed, n.lacking])).toEqual([
      ["F1", "792.00", "192.00"], // (10 − 2) × 99.00
      ["F2", "297.00", "197.00"],
      ["F3", "198.00", "198.00"], // its lock of 2 released
    ]);
    // Arriving 04-24: dated 04-09, the day both locks expire — in their payment grace a
    // payment still converts them, so their units are not open demand; nor on 04-08.
    for (const [arrival, on] of [
      ["2026-04-24", "2026-04-09"],
      ["2026-04-23", "2026-04-08"],
    ] as const) {
      input.purchaseOrders = [po({ expectedArrival: arrival })];
      const before = fundNotices(notices(on, on, input));
      expect(before.map((n) => [n.franchisee, n.needed])).toEqual([
        ["F1", "495.00"],
        ["F2", "297.00"],
      ]);
    }
  });

  it("writes money with the currency's minor digits and never rounds", () => {
    const yen = fundNotices(notices("2026-04-05", "2026-04-05", { ...base(), currency: "JPY" }));
    expect(yen.map((n) => [n.needed, n.spendable, n.lacking])).toEqual([
      ["597", "600", "0"],
      ["297", "100", "197"],
    ]);
    const input = base();
    input.franchisees = [{ id: "F1", priority: 1, cash: "0.125" }];
    input.orders = [
      order("SO-1", "F1", "2026-02-10", [{ sku: "T100", quantity: 3, unitPrice: "0.333" }]),
    ];
    input.locks = [];
    const [notice] = fundNotices(notices("2026-04-05", "2026-04-05", input));
    expect(notice).toMatchObject({ needed: "0.999", spendable: "0.125", lacking: "0.874" });
    expect(notice?.lines[0]).toMatchObject({ unitPrice: "0.333", amount: "0.999" });
  });

  it("lists a franchisee's lines in R-RANK-LINE order", () => {
    const input = base();
    input.products = [
      { sku: "T100", season: "SS", launchDate: "2026-05-01" },
      { sku: "T200", season: "SS", launchDate: "2026-04-01" },
      { sku: "T300", season: "SS" },
    ];
    input.locks = [];
    const [f1] = fundNotices(notices("2026-04-05", "2026-04-05", input));
    expect(f1?.lines.map((l) => l.sku)).toEqual(["T200", "T100"]);
  });

  it("is dated on issuedOn when the order is issued less than 15 days before arrival", () => {
    const input = base();
    input.purchaseOrders = [po({ issuedOn: "2026-04-10", expectedArrival: "2026-04-20" })];
    input.locks = [];
    const range = notices("2026-04-01", "2026-04-30", input);
    expect(range.map((n) => [n.date, n.id])).toEqual([
      ["2026-04-10", "fund-preparation:PO-1:F1"],
      ["2026-04-10", "fund-preparation:PO-1:F2"],
      ["2026-04-10", "fund-preparation:PO-1:F3"],
      ["2026-04-13", "warehouse-receiving:PO-1"],
      ["2026-04-25", "supplier-confirmation-overdue:PO-1"],
    ]);
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

  it("orders by date, then kind (R-SUP-1, 2, 3), then purchase order, then franchisee", () => {
    expect(notices("2026-03-01", "2026-04-30", input()).map((n) => `${n.date} ${n.id}`)).toEqual([
      "2026-03-16 supplier-confirmation-overdue:PO-3",
      "2026-03-16 fund-preparation:PO-1:F1",
      "2026-03-16 fund-preparation:PO-1:F2",
      "2026-03-16 fund-preparation:PO-2:F1",
      "2026-03-16 fund-preparation:PO-2:F2",
      "2026-03-24 fund-preparation:PO-3:F1",
      "2026-03-24 fund-preparation:PO-3:F2",
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
    const range = notices("2026-03-16", "2026-03-16", {
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
      "fund-preparation:P:%25",
      "fund-preparation:P:1%3AF",
      "fund-preparation:P:F",
      "fund-preparation:P%3A1:%25",
      "fund-preparation:P%3A1:1%3AF",
      "fund-preparation:P%3A1:F",
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
    expect(range.map((n) => n.id)).toEqual(["fund-preparation:__proto__:constructor"]);
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
