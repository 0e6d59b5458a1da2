import { beforeEach, describe, expect, it } from "vitest";
import { assembleBundle } from "../../src/bundle/bundle.js";
import { problemLines } from "../../src/cli/input.js";
import {
  accountOf,
  addHours,
  addWorkingDays,
  allocate,
  allocationDemand,
  applyPlan,
  availableCreditOf,
  daysBetween,
  explain,
  InputError,
  type Issue,
  inCalendarZone,
  indicators,
  isFulfilled,
  isWorkingDay,
  ledgerEventOf,
  localDateOf,
  lockPhase,
  openLedger,
  orderSla,
  parseAllocationInput,
  pickLists,
  planIdOf,
  post,
  postAll,
  postPickList,
  runAllocation,
  safeAllocate,
  safeOpenLedger,
  safeParseWorkCalendar,
  safePreviewAllocation,
  safeSupplyNotices,
  shippedAt,
  slaBreaches,
  spendableOf,
  transition,
  verifyOrder,
} from "../../src/index.js";
import { franchisee, order, springCalendar, t100, t100Wave } from "../support/fixtures.js";
import { planner, so1 } from "../support/lifecycle.js";

/** The issues as `code path` strings. */
function codes(issues: readonly Issue[] | undefined): string[] {
  return (issues ?? []).map((found) => `${found.code} ${found.path.join(".")}`);
}

/** What a call threw: its InputError's issues; fails the test for any other throw or none. */
function thrown(call: () => unknown): readonly Issue[] {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).issues;
  }
  throw new Error("expected an InputError, got a value");
}

// Made afresh before each test, inside it, so that mutation testing knows which test ran them.
let ledger: ReturnType<typeof openLedger>;
let received: ReturnType<typeof so1.received>;
let plan: ReturnType<typeof allocate>;
beforeEach(() => {
  ledger = openLedger({
    accounts: [{ franchisee: "F01", cash: "100", creditLimit: "50", asOf: "2026-03-01" }],
  });
  received = so1.received();
  plan = allocate(
    t100Wave(4, {
      franchisees: [franchisee("F01", 1, "1000")],
      orders: [order("SO-1", "F01", "2026-02-10", [t100(3)])],
    }),
  );
});

describe("§7 edition 2: every problem at once, inside a row", () => {
  it("§7: a bad orderedOn hides neither the bad quantity nor the bad unitPrice of the order's line", () => {
    const result = parseAllocationInput(
      t100Wave(4, {
        franchisees: [franchisee("F01", 1, "1000")],
        orders: [order("SO-1", "F01", "2026-02-30", [t100(-1, "ninety")])],
      }),
    );
    expect(codes(result.issues)).toEqual([
      "invalid_date orders.0.orderedOn",
      "too_small orders.0.lines.0.quantity",
      "invalid_amount orders.0.lines.0.unitPrice",
    ]);
  });

  it("§7: the lines of a broken order are still checked against the products and each other; its franchisee too", () => {
    const result = parseAllocationInput(
      t100Wave(4, {
        franchisees: [franchisee("F01", 1, "1000")],
        orders: [
          order("SO-1", "F09", "not a date", [
            t100(2),
            { sku: "NOPE", quantity: 1, unitPrice: "1", line: 1 },
          ]),
        ],
      }),
    );
    expect(codes(result.issues)).toEqual([
      "invalid_date orders.0.orderedOn",
      "unknown_reference orders.0.franchisee",
      "unknown_reference orders.0.lines.1.sku",
      "duplicate_key orders.0.lines.1.line",
    ]);
  });

  it("§7: a lock on a line of a broken order is not reported again as naming nothing", () => {
    const result = parseAllocationInput(
      t100Wave(4, {
        franchisees: [franchisee("F01", 1, "1000")],
        orders: [order("SO-1", "F01", "2026-02-30", [t100(3)])],
        locks: [
          {
            id: "L1",
            order: "SO-1",
            line: 1,
            franchisee: "F01",
            sku: "T100",
            quantity: 1,
            lockedOn: "2026-02-20",
            expiresOn: "2026-03-07",
          },
        ],
      }),
    );
    expect(codes(result.issues)).toEqual(["invalid_date orders.0.orderedOn"]);
  });

  it("§7: a ledger's bad currency hides no bad account or entry", () => {
    const result = safeOpenLedger({
      currency: "yen",
      accounts: [{ franchisee: "F01", cash: "-1", asOf: "2026-03-01" }],
      entries: [null],
    });
    expect(codes(result.issues)).toEqual([
      "invalid_currency currency",
      "invalid_amount accounts.0.cash",
      "invalid_type entries.0",
    ]);
  });
});

describe("§7 edition 2: every bad cell of a CSV bundle", () => {
  const files = new Map([
    ["wave.json", '{ "asOf": "2026-03-01" }'],
    ["products.csv", "sku,season\nT100,SS\n"],
    ["supply.csv", "sku,quantity\nT100,5\n"],
    ["franchisees.csv", "id,priority,cash\nF01,first,1000\n"],
    [
      "orders.csv",
      "order,franchisee,orderedOn,line,sku,quantity,unitPrice\nSO-1,F01,2026-02-30,1,T100,-2,100\n",
    ],
  ]);

  it("§7: three bad cells in two files are three issues, each with its file, line and column", () => {
    const bundle = assembleBundle(files);
    expect(bundle.problems).toEqual([]);
    const result = parseAllocationInput(bundle.input);
    expect(codes(result.issues)).toEqual([
      "invalid_type franchisees.0.priority",
      "invalid_date orders.0.orderedOn",
      "too_small orders.0.lines.0.quantity",
    ]);
    expect(
      problemLines(bundle, result.issues ?? []).map((line) =>
        line.slice(line.lastIndexOf(" (") + 2),
      ),
    ).toEqual([
      "franchisees.csv line 2, column priority)",
      "orders.csv line 2, column orderedOn)",
      "orders.csv line 2, column quantity)",
    ]);
  });

  it("§7: a file that cannot be read hides no bad cell of another file, and adds no consequential issue", () => {
    const broken = new Map(files);
    broken.set("products.csv", "sku,colour\nT100,red\n");
    const bundle = assembleBundle(broken);
    const result = parseAllocationInput(bundle.input);
    const lines = problemLines(bundle, result.issues ?? []);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^products\.csv line 1: unknown column "colour"/);
    expect(lines[1]).toMatch(/^products\.csv line 1: missing column "season"/);
    expect(lines.slice(2).map((line) => line.split(":")[0])).toEqual([
      "franchisees[0].priority",
      "orders[0].orderedOn",
      "orders[0].lines[0].quantity",
    ]);
  });
});

/** Garbage a caller may pass where fenhuo expects one of its own objects. */
const GARBAGE: readonly [string, unknown][] = [
  ["null", null],
  ["undefined", undefined],
  ["{}", {}],
  ["a number", 42],
  ["a string", "plan"],
  ["a list", [1]],
  ["an object with wrong types", { id: 7, lines: "none", accounts: {}, trace: 3, timeZone: 9 }],
];

/** Every entry point that takes an object fenhuo made, called with garbage `g` in that place. */
const THROWING: readonly [string, (g: never) => unknown][] = [
  ["applyPlan (orders)", (g) => applyPlan(g, plan, planner)],
  ["applyPlan (plan)", (g) => applyPlan([received], g, planner)],
  ["allocationDemand", (g) => allocationDemand(g)],
  ["pickLists", (g) => pickLists(g)],
  ["postPickList (orders)", (g) => postPickList(g, pickLists(plan)[0] as never, planner)],
  ["postPickList (pickList)", (g) => postPickList([received], g, planner)],
  ["isFulfilled", (g) => isFulfilled(g)],
  ["ledgerEventOf", (g) => ledgerEventOf(g, "DN-1")],
  ["explain (plan)", (g) => explain(g, { kind: "order-line", order: "SO-1", line: 1 })],
  ["explain (ref)", (g) => explain(plan, g)],
  ["runAllocation", (g) => runAllocation(g)],
  ["post (ledger)", (g) => post(g, { kind: "deposit" })],
  ["postAll (ledger)", (g) => postAll(g, [])],
  ["postAll (events)", (g) => postAll(ledger, g)],
  ["accountOf", (g) => accountOf(g, "F01")],
  ["availableCreditOf", (g) => availableCreditOf(g)],
  ["spendableOf", (g) => spendableOf(g)],
  [
    "orderSla (order)",
    (g) => orderSla(g, { at: "2026-02-10T09:00:00+08:00", calendar: springCalendar }),
  ],
  ["orderSla (options)", (g) => orderSla(received, g)],
  [
    "slaBreaches (orders)",
    (g) => slaBreaches(g, { at: "2026-02-10T09:00:00+08:00", calendar: springCalendar }),
  ],
  ["shippedAt", (g) => shippedAt(g)],
  ["indicators", (g) => indicators(g)],
  ["isWorkingDay", (g) => isWorkingDay(g, "2026-02-10" as never)],
  ["localDateOf (calendar)", (g) => localDateOf(g, "2026-02-10T09:00:00+08:00")],
  ["localDateOf (instant)", (g) => localDateOf(springCalendar, g)],
  ["addWorkingDays (calendar)", (g) => addWorkingDays(g, "2026-02-10T09:00:00+08:00", 1)],
  ["addWorkingDays (days)", (g) => addWorkingDays(springCalendar, "2026-02-10T09:00:00+08:00", g)],
  ["addHours (calendar)", (g) => addHours(g, "2026-02-10T09:00:00+08:00", 1)],
  ["inCalendarZone (instant)", (g) => inCalendarZone(springCalendar, g)],
];

describe("§7 edition 2: every entry point answers garbage with its own typed error", () => {
  it("§7: the other arguments of the table are sound: each call works with sound values", () => {
    const sounds: readonly unknown[] = [
      applyPlan([received], plan, planner),
      pickLists(plan),
      explain(plan, { kind: "order-line", order: "SO-1", line: 1 }),
      postAll(ledger, []),
      accountOf(ledger, "F01"),
      orderSla(received, { at: "2026-02-10T09:00:00+08:00", calendar: springCalendar }),
      localDateOf(springCalendar, "2026-02-10T09:00:00+08:00"),
      addWorkingDays(springCalendar, "2026-02-10T09:00:00+08:00", 1),
      postPickList([received], pickLists(plan)[0] as never, planner),
    ];
    expect(sounds).toHaveLength(9);
  });

  // 42 is a sound number of working days, and a list of events is refused event by event.
  const fits = (name: string, g: unknown) =>
    (name.endsWith("(days)") && g === 42) || (name === "postAll (events)" && Array.isArray(g));
  const cases = THROWING.flatMap(([name, call]) =>
    GARBAGE.filter(([, g]) => !fits(name, g)).map(([what, g]) => [name, what, call, g] as const),
  );
  it.each(cases)("§7: %s given %s throws an InputError, never a TypeError", (_n, _w, call, g) => {
    const issues = thrown(() => call(g as never));
    expect(issues.length).toBeGreaterThan(0);
    for (const found of issues) expect(typeof found.code).toBe("string");
  });

  it.each(GARBAGE)(
    "§7: transition of %s is refused with INVALID_EVENT, issues under (order)",
    (_w, g) => {
      const result = transition(g as never, { type: "verify" }, planner);
      expect(result.ok).toBe(false);
      expect(result.error?.code).toBe("INVALID_EVENT");
      expect(result.error?.issues[0]?.path[0]).toBe("(order)");
    },
  );

  it.each(GARBAGE)("§7: verifyOrder of %s answers with the problems, under (order)", (_w, g) => {
    const issues = verifyOrder(g as never);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((found) => found.path[0] === "(order)")).toBe(true);
  });

  it("§7: a garbage argument is reported at its path under its name", () => {
    expect(codes(thrown(() => pickLists({ ...plan, locks: [null] } as never)))).toEqual([
      "invalid_type (plan).locks.0",
    ]);
    expect(
      codes(thrown(() => addWorkingDays(springCalendar, "2026-02-10T09:00:00+08:00", -1))),
    ).toEqual(["too_small (days)"]);
    // A string that is no instant passes the cheap check; the work fails, and the contract says why.
    expect(codes(thrown(() => localDateOf(springCalendar, "2026-02-10T09:00:00")))).toEqual([
      "invalid_date (instant)",
    ]);
    expect(
      codes(
        thrown(() =>
          localDateOf(
            { ...springCalendar, timeZone: "Mars/Olympus" } as never,
            "2026-02-10T09:00:00+08:00",
          ),
        ),
      ),
    ).toEqual(["invalid_value (calendar).timeZone"]);
    expect(codes(thrown(() => postAll(ledger, [], null as never)))).toEqual([
      "invalid_type (options)",
    ]);
  });
});

/** Inputs no JSON can be: throwing getters, throwing Proxy traps, a revoked Proxy, a cycle, exotic values. */
function hostile(): readonly [string, unknown][] {
  const boom = () => {
    throw new Error("boom");
  };
  const revocable = Proxy.revocable({}, {});
  revocable.revoke();
  const cycle: Record<string, unknown> = { asOf: "2026-03-01" };
  cycle.orders = [cycle];
  const traps = (["get", "ownKeys", "has", "getOwnPropertyDescriptor"] as const).map(
    (trap) =>
      [
        `a Proxy whose ${trap} throws`,
        new Proxy({ asOf: "2026-03-01", from: "2026-03-01" }, { [trap]: boom }),
      ] as [string, unknown],
  );
  return [
    [
      "a throwing getter at the top",
      Object.defineProperty({ asOf: "2026-03-01" }, "orders", { get: boom, enumerable: true }),
    ],
    [
      "a throwing getter in a row",
      {
        asOf: "2026-03-01",
        orders: [Object.defineProperty({ id: "SO-1" }, "lines", { get: boom, enumerable: true })],
      },
    ],
    ["a revoked Proxy", revocable.proxy],
    [
      "a revoked Proxy in a list",
      { asOf: "2026-03-01", accounts: [revocable.proxy], products: [revocable.proxy] },
    ],
    ...traps,
    ["a cycle", cycle],
    [
      "huge numbers",
      { asOf: 1e308, lockDays: Number.MAX_VALUE, orders: [{ lines: [{ quantity: 2 ** 80 }] }] },
    ],
    [
      "a symbol, a function and a BigInt",
      { asOf: Symbol("d"), currency: () => "CNY", orders: 10n },
    ],
    [
      "a Proxy whose every trap throws",
      new Proxy(
        {},
        {
          get: boom,
          ownKeys: boom,
          has: boom,
          getOwnPropertyDescriptor: boom,
          getPrototypeOf: boom,
        },
      ),
    ],
  ];
}

const SAFE = [
  ["safeAllocate", safeAllocate],
  ["parseAllocationInput", parseAllocationInput],
  ["safeOpenLedger", safeOpenLedger],
  ["safeParseWorkCalendar", safeParseWorkCalendar],
  ["safeSupplyNotices", safeSupplyNotices],
  ["safePreviewAllocation (input)", (input: unknown) => safePreviewAllocation(input, [])],
  [
    "safePreviewAllocation (arrivals)",
    (input: unknown) => safePreviewAllocation({ asOf: "2026-03-01" }, input),
  ],
] as const;

describe("§7 edition 2: a safe… function never throws", () => {
  const cases = SAFE.flatMap(([name, safe]) =>
    hostile().map(([what, input]) => [name, what, safe, input] as const),
  );
  it.each(cases)("§7: %s of %s returns a result", (_n, _w, safe, input) => {
    const result = (safe as (input: unknown) => { ok: boolean; issues?: readonly Issue[] })(input);
    expect(typeof result.ok).toBe("boolean");
    if (!result.ok) expect(result.issues?.length).toBeGreaterThan(0);
  });

  it("§7: a throw while reading is an unreadable issue at its path; the other problems are still found", () => {
    const input: unknown = {
      asOf: "2026-03-01",
      products: [{ sku: "T100", season: "SS" }],
      orders: [
        Object.defineProperty({ id: "SO-1", franchisee: "F01", orderedOn: "2026-02-30" }, "lines", {
          get: () => {
            throw new TypeError("no");
          },
          enumerable: true,
        }),
      ],
    };
    expect(codes(safeAllocate(input).issues)).toEqual([
      "unreadable orders.0.lines",
      "invalid_date orders.0.orderedOn",
      "unknown_reference orders.0.franchisee",
    ]);
    expect(safeAllocate(input).issues?.[0]?.message).toBe(
      "cannot be read: reading it threw TypeError",
    );
  });

  it("§7: under an argument's name, a throwing getter is unreadable at its full path and nothing else is reported there", () => {
    const plan = allocate({ asOf: "2026-03-01" });
    const broken = Object.defineProperty({ ...plan }, "locks", {
      get: () => {
        throw new TypeError("no");
      },
      enumerable: true,
    });
    const actor = { by: "planner", at: "2026-03-01T10:00:00+08:00" };
    expect(codes(thrown(() => applyPlan([], broken, actor)))).toEqual(["unreadable (plan).locks"]);
    const options = Object.defineProperty({}, "money", {
      get: () => {
        throw new TypeError("no");
      },
      enumerable: true,
    });
    expect(
      codes(
        safePreviewAllocation({ asOf: "2026-03-01" }, [], options as { money: "as-given" }).issues,
      ),
    ).toEqual(["unreadable options.money"]);
  });

  it("§7: planIdOf and lockPhase answer garbage with an InputError; daysBetween with the date helpers' RangeError", () => {
    expect(codes(thrown(() => planIdOf(null as never)))).toEqual(["invalid_type (request)"]);
    expect(codes(thrown(() => lockPhase(undefined as never, "2026-03-01", 1)))).toEqual([
      "required (lock)",
    ]);
    expect(
      codes(thrown(() => lockPhase({ expiresOn: "2026-02-30" }, "zzz", -1))).map((c) =>
        c.split(" ").at(-1),
      ),
    ).toEqual(["(lock).expiresOn", "(asOf)", "(paymentGraceDays)"]);
    expect(() => daysBetween("x" as never, "2026-03-01" as never)).toThrow(RangeError);
  });

  it("§7: the throwing twins throw an InputError, never the getter's error", () => {
    const getter = (key: string): unknown =>
      Object.defineProperty({}, key, {
        get: () => {
          throw new RangeError("getter");
        },
        enumerable: true,
      });
    expect(codes(thrown(() => allocate(getter("asOf"))))).toEqual(["unreadable asOf"]);
    expect(codes(thrown(() => openLedger(getter("currency"))))).toEqual(["unreadable currency"]);
  });
});
