import { describe, expect, it } from "vitest";
import { allocate, formatPath, InputError, safeAllocate } from "../../src/index.js";
import { order, products, wave } from "../support/fixtures.js";

/** The issues `allocate` throws for `input`, as "path: message" strings. */
function issuesOf(input: unknown): string[] {
  try {
    allocate(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).issues.map(
      (issue) => `${formatPath(issue.path)}: ${issue.message}`,
    );
  }
  throw new Error("expected an InputError");
}

const sound = () =>
  wave({
    products: products("SS", "T100", "T200"),
    supply: [{ sku: "T100", quantity: 10 }],
    franchisees: [{ id: "F1", priority: 1, cash: "100" }],
    orders: [order("SO-1", "F1", "2026-02-01", [{ sku: "T100", quantity: 5, unitPrice: "10" }])],
    regions: [{ id: "shenzhen" }],
    stores: [{ id: "SZ-1", region: "shenzhen", class: "A", operation: "direct" }],
    storeNeeds: [{ store: "SZ-1", sku: "T100", safetyStock: 3 }],
    regionNeeds: [{ region: "shenzhen", sku: "T100", quantity: 3 }],
  });

describe("§7 bad input: one InputError listing every problem with its path", () => {
  it("rejects what is not an object, and a missing asOf", () => {
    expect(issuesOf(null)[0]).toMatch(/^\(input\): /);
    expect(issuesOf({})).toEqual([expect.stringMatching(/^asOf: /)]);
  });

  it("R-UNIT-3: rejects impossible dates such as 2026-02-30", () => {
    const input = sound();
    input.asOf = "2026-02-30";
    expect(issuesOf(input)).toEqual(["asOf: must be an existing calendar date written YYYY-MM-DD"]);
    const badOrder = sound();
    badOrder.orders = [order("SO-1", "F1", "2026-13-01", [])];
    expect(issuesOf(badOrder)).toEqual([
      "orders[0].orderedOn: must be an existing calendar date written YYYY-MM-DD",
    ]);
    expect(issuesOf({ ...sound(), asOf: "2026-3-1" })[0]).toMatch(/^asOf/);
    expect(safeAllocate({ ...sound(), asOf: "2028-02-29" }).ok).toBe(true);
  });

  it("R-UNIT-1: rejects negative, fractional, non-finite and non-numeric quantities", () => {
    const input = sound();
    input.supply = [
      { sku: "T100", quantity: -1 },
      { sku: "T200", quantity: 1.5 },
    ];
    input.storeNeeds = [{ store: "SZ-1", sku: "T100", safetyStock: Number.POSITIVE_INFINITY }];
    input.regionNeeds = [{ region: "shenzhen", sku: "T100", quantity: "3" as unknown as number }];
    const issues = issuesOf(input);
    expect(issues).toEqual([
      "supply[0].quantity: must not be negative",
      "supply[1].quantity: must be a whole number of units",
      expect.stringMatching(/^storeNeeds\[0\]\.safetyStock: /),
      expect.stringMatching(/^regionNeeds\[0\]\.quantity: /),
    ]);
  });

  it("R-UNIT-2: rejects amounts that are not plain non-negative decimals", () => {
    const input = sound();
    input.franchisees = [
      { id: "F1", priority: 1, cash: "1,000.00", creditLimit: -5, creditUsed: "abc" },
    ];
    input.orders = [
      order("SO-1", "F1", "2026-02-01", [{ sku: "T100", quantity: 5, unitPrice: "1e3" }]),
    ];
    expect(issuesOf(input)).toEqual([
      'franchisees[0].cash: must be a non-negative decimal such as "1299.50" (at most 28 integer and 12 fraction digits), got "1,000.00"',
      'franchisees[0].creditLimit: must be a non-negative decimal such as "1299.50" (at most 28 integer and 12 fraction digits), got -5',
      'franchisees[0].creditUsed: must be a non-negative decimal such as "1299.50" (at most 28 integer and 12 fraction digits), got "abc"',
      'orders[0].lines[0].unitPrice: must be a non-negative decimal such as "1299.50" (at most 28 integer and 12 fraction digits), got "1e3"',
    ]);
  });

  it("R-UNIT-2: rejects amounts with more digits than are computed exactly", () => {
    const input = sound();
    input.franchisees = [
      { id: "F1", priority: 1, cash: `1${"0".repeat(28)}` },
      { id: "F2", priority: 1, cash: "0.0000000000001" },
      { id: "F3", priority: 1, cash: `${"9".repeat(28)}.${"9".repeat(12)}` },
    ];
    expect(issuesOf(input).map((issue) => issue.split(":")[0])).toEqual([
      "franchisees[0].cash",
      "franchisees[1].cash",
    ]);
  });

  it("reports a bad top-level field and bad rows together", () => {
    expect(
      issuesOf({ asOf: "2026-02-30", supply: [{ sku: "X", quantity: -1 }], suply: [] }),
    ).toEqual([
      "asOf: must be an existing calendar date written YYYY-MM-DD",
      'suply: unknown field "suply"',
      "supply[0].quantity: must not be negative",
    ]);
    expect(issuesOf({ asOf: "2026-03-01", policy: { lockDay: 3 } })).toEqual([
      'policy.lockDay: unknown field "lockDay"',
    ]);
  });

  it("rejects a currency that is not ISO 4217, and unknown top-level keys", () => {
    expect(issuesOf({ ...sound(), currency: "RMB", franchisee: [] })).toEqual([
      "currency: must be an ISO 4217 currency code such as CNY",
      'franchisee: unknown field "franchisee"',
    ]);
  });

  it("rejects unknown references of every kind, all at once", () => {
    const input = sound();
    input.supply = [{ sku: "NOPE", quantity: 1 }];
    input.orders = [order("SO-1", "F9", "2026-02-01", [{ sku: "X", quantity: 1, unitPrice: "1" }])];
    input.stores = [{ id: "SZ-1", region: "mars", class: "A", operation: "direct" }];
    input.storeNeeds = [{ store: "SZ-9", sku: "Y", safetyStock: 1 }];
    input.regionNeeds = [{ region: "venus", sku: "T100", quantity: 1 }];
    input.locks = [
      {
        id: "L1",
        order: "SO-9",
        line: 1,
        franchisee: "F1",
        sku: "T100",
        quantity: 1,
        lockedOn: "2026-02-20",
        expiresOn: "2026-03-07",
      },
      {
        id: "L2",
        order: "SO-1",
        line: 7,
        franchisee: "F9",
        sku: "X",
        quantity: 1,
        lockedOn: "2026-02-20",
        expiresOn: "2026-03-07",
      },
    ];
    expect(issuesOf(input)).toEqual([
      'supply[0].sku: unknown product "NOPE": not in products',
      'stores[0].region: unknown region "mars": not in regions',
      'storeNeeds[0].store: unknown store "SZ-9": not in stores',
      'storeNeeds[0].sku: unknown product "Y": not in products',
      'regionNeeds[0].region: unknown region "venus": not in regions',
      'orders[0].franchisee: unknown franchisee "F9": not in franchisees',
      'orders[0].lines[0].sku: unknown product "X": not in products',
      'locks[0].order: unknown order "SO-9": not in orders',
      'locks[1].line: order "SO-1" has no line 7',
    ]);
  });

  it("rejects duplicate ids and keys", () => {
    const input = sound();
    input.products = [...products("SS", "T100", "T100")];
    input.supply = [
      { sku: "T100", quantity: 1 },
      { sku: "T100", quantity: 2 },
    ];
    input.franchisees = [
      { id: "F1", priority: 1, cash: "1" },
      { id: "F1", priority: 2, cash: "1" },
    ];
    input.orders = [
      order("SO-1", "F1", "2026-02-01", [
        { sku: "T100", quantity: 1, unitPrice: "1", line: 1 },
        { sku: "T100", quantity: 1, unitPrice: "1", line: 1 },
      ]),
      order("SO-1", "F1", "2026-02-01", [{ sku: "T100", quantity: 1, unitPrice: "1" }]),
    ];
    input.regions = [{ id: "shenzhen" }, { id: "shenzhen" }];
    input.stores = [
      { id: "SZ-1", region: "shenzhen", class: "A", operation: "direct" },
      { id: "SZ-1", region: "shenzhen", class: "B", operation: "joint" },
    ];
    input.storeNeeds = [
      { store: "SZ-1", sku: "T100", safetyStock: 1 },
      { store: "SZ-1", sku: "T100", safetyStock: 2 },
    ];
    input.regionNeeds = [
      { region: "shenzhen", sku: "T100", quantity: 1 },
      { region: "shenzhen", sku: "T100", quantity: 2 },
    ];
    const lock = {
      order: "SO-1",
      line: 1,
      franchisee: "F1",
      sku: "T100",
      quantity: 1,
      lockedOn: "2026-02-20",
      expiresOn: "2026-03-07",
    };
    input.locks = [
      { id: "L1", ...lock },
      { id: "L1", ...lock, line: 99 },
    ];
    const issues = issuesOf(input);
    expect(issues).toEqual(
      expect.arrayContaining([
        'products[1].sku: duplicate product "T100"',
        'supply[1].sku: duplicate supply row "T100"',
        'franchisees[1].id: duplicate franchisee "F1"',
        'regions[1].id: duplicate region "shenzhen"',
        'stores[1].id: duplicate store "SZ-1"',
        'locks[1].id: duplicate lock "L1"',
        'storeNeeds[1].sku: duplicate need for this (store, sku) ["SZ-1","T100"]',
        'regionNeeds[1].sku: duplicate need for this (region, sku) ["shenzhen","T100"]',
        'orders[0].lines[1].line: duplicate line number 1 in order "SO-1"',
        'orders[1].id: duplicate order id "SO-1"',
      ]),
    );
  });

  it("rejects allocated above quantity, and locks that do not fit or do not match their line", () => {
    const input = sound();
    input.orders = [
      order("SO-1", "F1", "2026-02-01", [
        { sku: "T100", quantity: 5, unitPrice: "10", allocated: 6 },
        { sku: "T100", quantity: 5, unitPrice: "10", allocated: 2 },
        { sku: "T100", quantity: 5, unitPrice: "10" },
      ]),
    ];
    input.franchisees = [
      { id: "F1", priority: 1, cash: "1" },
      { id: "F2", priority: 1, cash: "1" },
    ];
    const lock = {
      franchisee: "F1",
      sku: "T100",
      lockedOn: "2026-02-20",
      expiresOn: "2026-03-07",
      order: "SO-1",
    };
    input.locks = [
      { id: "L1", ...lock, line: 2, quantity: 2 },
      { id: "L2", ...lock, line: 2, quantity: 2 },
      { id: "L3", ...lock, line: 3, quantity: 1, franchisee: "F2", sku: "T200" },
      { id: "L4", ...lock, line: 3, quantity: 1, lockedOn: "2026-03-07" },
      { id: "L5", ...lock, line: 3, quantity: 1, lockedOn: "2026-03-02", expiresOn: "2026-03-09" },
    ];
    expect(issuesOf(input)).toEqual([
      "orders[0].lines[0].allocated: allocated (6) exceeds the ordered quantity (5)",
      'locks[2].franchisee: franchisee "F2" differs from its order\'s ("F1")',
      'locks[2].sku: sku "T200" differs from its line\'s ("T100")',
      "locks[3].expiresOn: expires on 2026-03-07, not after it was locked (2026-03-07)",
      "locks[3].lockedOn: locked on 2026-03-07, after the run's asOf 2026-03-01",
      "locks[4].lockedOn: locked on 2026-03-02, after the run's asOf 2026-03-01",
      "locks[1].quantity: locks on this line hold 4 units but only 3 are outstanding (ordered 5, allocated 2)",
    ]);
  });

  it("rejects bad policy values with their paths", () => {
    const input = {
      ...sound(),
      policy: {
        franchiseeRanking: "wealth",
        lockDays: 0,
        seasonCalendar: { SS: [2, 3, 4, 5, 6, 7, 8] },
        storeClassOrder: ["A", "A", "C"],
        regionOrder: { AW: ["beijing", "beijing"] },
      },
    };
    const issues = issuesOf(input);
    expect(issues).toEqual([
      expect.stringMatching(/^policy\.franchiseeRanking: /),
      "policy.lockDays: a lock lasts at least one day",
    ]);
    const second = issuesOf({
      ...sound(),
      policy: { ...input.policy, franchiseeRanking: "funds", lockDays: 3 },
    });
    expect(second).toEqual([
      'policy.regionOrder.AW[1]: region "beijing" is listed twice',
      "policy.seasonCalendar: month 8 must belong to exactly one season, but is in 2",
      "policy.storeClassOrder: must list A, B and C once each",
    ]);
  });

  it("reports problems in several rows and sections at once, and nothing is applied", () => {
    const input = sound();
    input.supply = [{ sku: "T100", quantity: -1 }];
    input.franchisees = [{ id: "F1", priority: 1.5, cash: "1" }];
    input.orders = [
      order("SO-1", "F1", "2026-02-01", [
        { sku: "T100", quantity: 5, unitPrice: "10", allocated: 9 },
      ]),
    ];
    const result = safeAllocate(input);
    expect(result.ok).toBe(false);
    expect(result.plan).toBeUndefined();
    expect(result.issues?.map((issue) => issue.path)).toEqual([
      ["supply", 0, "quantity"],
      ["franchisees", 0, "priority"],
      ["orders", 0, "lines", 0, "allocated"],
    ]);
  });

  it("does not report references to a malformed row as unknown", () => {
    const input = sound();
    input.franchisees = [{ id: "F1", priority: "first" as unknown as number, cash: "1" }];
    input.orders = [
      order("SO-1", "F1", "2026-02-01", [{ sku: "T100", quantity: -1, unitPrice: "10" }]),
    ];
    input.locks = [
      {
        id: "L1",
        order: "SO-1",
        line: 1,
        franchisee: "F1",
        sku: "T100",
        quantity: 1,
        lockedOn: "2026-02-20",
        expiresOn: "2026-03-07",
      },
    ];
    expect(issuesOf(input)).toEqual([
      expect.stringMatching(/^franchisees\[0\]\.priority: /),
      "orders[0].lines[0].quantity: must not be negative",
    ]);
  });

  it("summarises the issues in the error message", () => {
    expect(() => allocate({ asOf: "x", currency: "xx" })).toThrowError(
      /^invalid input: 2 problems\n {2}asOf: .*\n {2}currency: /,
    );
  });
});

describe("§7 ids such as __proto__ and constructor are ordinary ids", () => {
  it("allocates to them and pollutes nothing", () => {
    const plan = allocate(
      wave({
        products: products("SS", "__proto__", "constructor"),
        supply: [
          { sku: "__proto__", quantity: 2 },
          { sku: "constructor", quantity: 2 },
        ],
        franchisees: [{ id: "__proto__", priority: 1, cash: "100" }],
        orders: [
          order("constructor", "__proto__", "2026-02-01", [
            { sku: "__proto__", quantity: 1, unitPrice: "10" },
            { sku: "constructor", quantity: 1, unitPrice: "10" },
          ]),
        ],
        regions: [{ id: "hasOwnProperty" }],
        stores: [{ id: "toString", region: "hasOwnProperty", class: "A", operation: "direct" }],
        storeNeeds: [{ store: "toString", sku: "__proto__", safetyStock: 1 }],
      }),
    );
    expect(
      plan.franchiseeAllocations.map((r) => [r.order, r.franchisee, r.sku, r.quantity]),
    ).toEqual([
      ["constructor", "__proto__", "__proto__", 1],
      ["constructor", "__proto__", "constructor", 1],
    ]);
    expect(plan.storeAllocations).toEqual([
      { store: "toString", region: "hasOwnProperty", sku: "__proto__", quantity: 1 },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(Object.prototype, "T100")).toBe(false);
  });

  it("survives JSON with a __proto__ key and a deep-frozen input", () => {
    const input = JSON.parse(
      '{"asOf":"2026-03-01","__proto__":{"polluted":true},"products":[{"sku":"P","season":"SS","__proto__":{"x":1}}]}',
    );
    expect(issuesOf(input)).toEqual(['__proto__: unknown field "__proto__"']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const frozen = deepFreeze(sound());
    expect(() => allocate(frozen)).not.toThrow();
  });
});

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe("§7 dates at the end of the calendar", () => {
  it("rejects an asOf whose locks would end after 9999-12-31", () => {
    expect(safeAllocate({ asOf: "9999-12-20" }).issues?.map((issue) => issue.path)).toEqual([
      ["asOf"],
    ]);
    expect(safeAllocate({ asOf: "9999-11-01" }).ok).toBe(true);
  });
});
