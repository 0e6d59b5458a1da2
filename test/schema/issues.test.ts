import { describe, expect, it } from "vitest";
import {
  allocate,
  carryForward,
  InputError,
  ISSUE_CODES,
  type Issue,
  indicators,
  openLedger,
  orderSla,
  type ProductInput,
  parseWorkCalendar,
  post,
  receiveOrder,
  safeAllocate,
  safeOpenLedger,
  safeParseWorkCalendar,
  safePreviewAllocation,
  safeSupplyNotices,
  transition,
} from "../../src/index.js";

/** The issues of a rejected call, as `code path` strings. */
function codes(issues: readonly Issue[] | undefined): string[] {
  return (issues ?? []).map((issue) => `${issue.code} ${issue.path.join(".")}`);
}

const product: ProductInput = { sku: "T100", season: "SS" };

describe("§7 edition 2: every issue carries a stable code, in fenhuo's words", () => {
  it("codes the problems of one row's shape: required, types, integers, ranges, values, dates, amounts", () => {
    const result = safeAllocate({
      asOf: "2026-02-30",
      currency: "yen",
      products: [{ sku: "T100", season: "WINTER" }],
      supply: [{ sku: "T100", quantity: 1.5 }, { quantity: 2 }, { sku: "T100", quantity: -1 }],
      franchisees: [{ id: "F1", priority: 1, cash: "1,000" }],
      regions: [{ id: 7 }],
    } as unknown);
    expect(result.ok).toBe(false);
    expect(codes(result.issues)).toEqual([
      "invalid_date asOf",
      "invalid_currency currency",
      "invalid_value products.0.season",
      "not_integer supply.0.quantity",
      "required supply.1.sku",
      "too_small supply.2.quantity",
      "invalid_amount franchisees.0.cash",
      "invalid_type regions.0.id",
    ]);
  });

  it("codes the problems across rows: unknown references, duplicate keys, contradictions, too-large values", () => {
    const result = safeAllocate({
      asOf: "2026-03-01",
      products: [product, product],
      supply: [{ sku: "NOPE", quantity: 1 }],
      franchisees: [{ id: "F1", priority: 1, cash: "0" }],
      orders: [
        {
          id: "SO-1",
          franchisee: "F9",
          orderedOn: "2026-02-01",
          lines: [{ line: 1, sku: "T100", quantity: 1, unitPrice: "1", allocated: 2 }],
        },
      ],
      policy: { lockDays: 99999 },
    });
    expect(codes(result.issues)).toEqual([
      "too_large policy.lockDays",
      "duplicate_key products.1.sku",
      "unknown_reference supply.0.sku",
      "unknown_reference orders.0.franchisee",
      "inconsistent orders.0.lines.0.allocated",
    ]);
  });

  it("codes the problems of commitments (R-RUN-1) and of carryForward's arguments (R-RUN-2, R-RUN-3)", () => {
    const result = safeAllocate({
      asOf: "2026-03-01",
      products: [product],
      franchisees: [{ id: "F1", priority: 1, cash: "0" }],
      orders: [
        {
          id: "SO-1",
          franchisee: "F1",
          orderedOn: "2026-02-01",
          lines: [{ line: 1, sku: "T100", quantity: 2, unitPrice: "10", allocated: 1 }],
        },
      ],
      commitments: [
        {
          order: "SO-1",
          line: 1,
          franchisee: "F1",
          sku: "T100",
          quantity: 2,
          cash: "5",
          credit: "x",
        },
        {
          order: "SO-1",
          line: 1,
          franchisee: "F1",
          sku: "T100",
          quantity: 2,
          cash: "5",
          credit: "5",
        },
      ],
    });
    expect(codes(result.issues)).toEqual([
      "invalid_amount commitments.0.credit",
      "inconsistent commitments.1.cash",
      "inconsistent commitments.1.quantity",
    ]);
    const input = { asOf: "2026-03-01", products: [product] };
    const plan = allocate(input);
    let carried: readonly Issue[] = [];
    try {
      carryForward(
        input,
        { ...plan, planId: "0".repeat(64) },
        {
          asOf: "2026-02-01",
          shipped: [{ order: "SO-9", line: 1, quantity: 1 }],
        },
      );
    } catch (error) {
      if (error instanceof InputError) carried = error.issues;
    }
    expect(codes(carried)).toEqual([
      "inconsistent plan.planId",
      "inconsistent next.asOf",
      "unknown_reference next.shipped.0.line",
    ]);
    for (const found of carried) expect(ISSUE_CODES).toContain(found.code);
  });

  it("never passes on a validator's internal wording", () => {
    const inputs: unknown[] = [
      { asOf: 20260301 },
      { asOf: "2026-03-01", products: [{}], supply: "none", policy: { lockDays: "x", extra: 1 } },
      { asOf: "2026-03-01", stores: [{ id: "S", region: "R", class: "Z", operation: 3 }] },
    ];
    for (const input of inputs) {
      const result = safeAllocate(input);
      expect(result.ok).toBe(false);
      for (const found of result.issues ?? []) {
        expect(ISSUE_CODES).toContain(found.code);
        expect(found.message).not.toMatch(
          /Invalid input|Invalid option|Too small|Too big|Unrecognized key|expected \w+, received/,
        );
      }
    }
  });

  it("words the issues of events, orders, postings, SLA options and indicators in fenhuo's terms", () => {
    const actor = { by: "sales:li", at: "2026-02-10T09:00:00+08:00" };
    const order = receiveOrder(
      {
        id: "SO-1",
        franchisee: "F01",
        orderedOn: "2026-02-10",
        lines: [{ line: 1, sku: "T", quantity: 1, unitPrice: "1" }],
      },
      actor,
    );
    const found: Issue[] = [];
    for (const event of [{ type: "teleport" }, {}, { type: "ship", line: 1.5 }, null, "verify"]) {
      const result = transition(order, event as never, actor);
      if (!result.ok) found.push(...result.error.issues);
    }
    const posted = post(openLedger({}), { kind: "oops", franchisee: 7 } as never);
    if (!posted.ok && posted.error.code === "INVALID_EVENT") found.push(...posted.error.issues);
    const caught = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        if (error instanceof InputError) found.push(...error.issues);
      }
    };
    caught(() => receiveOrder({ id: 1, lines: "x", total: {} }, { by: 1, at: "now" } as never));
    caught(() =>
      orderSla(order, {
        at: "soon",
        calendar: { timeZone: 8 },
        policy: { answerHours: "x" },
      } as never),
    );
    caught(() => indicators({ orders: [{ id: "SO-1" }] } as never));
    expect(found.length).toBeGreaterThan(12);
    for (const one of found) {
      expect(ISSUE_CODES).toContain(one.code);
      expect(one.message).not.toMatch(
        /Invalid|Too small|Too big|Unrecognized key|expected \w+, received/,
      );
    }
    expect(
      found.slice(0, 3).map((one) => `${one.code} ${one.path.join(".")} ${one.message}`),
    ).toEqual([
      expect.stringMatching(/^invalid_value type must be one of "verify", "approve"/),
      "required type is required",
      "not_integer line must be a positive integer",
    ]);
  });

  it("codes the issues of the ledger, the calendar, the supply notices and the preview too", () => {
    expect(
      codes(
        safeOpenLedger({ accounts: [{ franchisee: "F1", cash: "-1", asOf: "2026-03-01" }] }).issues,
      ),
    ).toEqual(["invalid_amount accounts.0.cash"]);
    expect(
      codes(safeParseWorkCalendar({ timeZone: "Mars/Olympus", holidays: ["2026-02-30"] }).issues),
    ).toEqual(["invalid_value timeZone", "invalid_date holidays.0"]);
    expect(
      codes(safeSupplyNotices({ from: "2026-04-01", leadTimes: { receivingDays: -1 } }).issues),
    ).toEqual(["required to", "too_small leadTimes.receivingDays"]);
    expect(
      codes(
        safePreviewAllocation({ asOf: "2026-03-01", products: [product] }, [
          { sku: "T100", quantity: "3" },
          { sku: "T900", quantity: 1 },
        ]).issues,
      ),
    ).toEqual(["invalid_type arrivals.0.quantity", "unknown_reference arrivals.1.sku"]);
    expect(codes(safePreviewAllocation({ asOf: "2026-03-01" }, [], { money: 1 }).issues)).toEqual([
      "invalid_value options.money",
    ]);
    expect(() => openLedger(null)).toThrow(/a ledger must be an object/);
    expect(() => parseWorkCalendar({})).toThrow(/timeZone: is required/);
  });

  it("codes what cannot be read (unreadable) and a fenhuo-made argument that is not one, at every entry point", () => {
    const unreadable = Object.defineProperty({ asOf: "2026-03-01" }, "supply", {
      get: () => {
        throw new Error("no");
      },
      enumerable: true,
    });
    expect(codes(safeAllocate(unreadable).issues)).toEqual(["unreadable supply"]);
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(codes(safeOpenLedger({ accounts: [revoked.proxy] }).issues)).toEqual([
      "unreadable accounts.0",
    ]);
    expect(codes(safeParseWorkCalendar(revoked.proxy).issues)).toEqual(["unreadable "]);
    expect(codes(safeSupplyNotices(revoked.proxy).issues)).toEqual(["unreadable "]);
    const calendar = parseWorkCalendar({ timeZone: "Asia/Shanghai" });
    const thrown = (call: () => unknown): string[] => {
      try {
        call();
      } catch (error) {
        if (error instanceof InputError) return codes(error.issues);
        throw error;
      }
      return [];
    };
    expect(
      thrown(() => orderSla(null as never, { at: "2026-02-10T09:00:00+08:00", calendar })),
    ).toEqual(["invalid_type (order)"]);
    expect(thrown(() => indicators({ orders: [], regionOf: {} } as never))).toEqual([
      "invalid_type (sources).regionOf",
    ]);
    expect(thrown(() => post({ currency: "CNY", accounts: [] } as never, {}))).toEqual([
      "required (ledger).entries",
    ]);
    const refused = transition(
      {} as never,
      { type: "verify" },
      { by: "a", at: "2026-02-10T09:00:00+08:00" },
    );
    expect(refused.error?.code).toBe("INVALID_EVENT");
    expect(codes(refused.error?.issues).slice(0, 2)).toEqual([
      "required (order).id",
      "required (order).franchisee",
    ]);
    for (const found of refused.error?.issues ?? []) expect(ISSUE_CODES).toContain(found.code);
  });

  it("gives every safe… result one shape: ok with value (and its older name), or issues", () => {
    const plan = safeAllocate({ asOf: "2026-03-01" });
    expect(plan.ok && plan.value === plan.plan).toBe(true);
    const ledger = safeOpenLedger({});
    expect(ledger.ok && ledger.value === ledger.ledger).toBe(true);
    const notices = safeSupplyNotices({ from: "2026-04-01", to: "2026-04-30" });
    expect(notices.ok && notices.value === notices.notices).toBe(true);
    const preview = safePreviewAllocation({ asOf: "2026-03-01" }, []);
    expect(preview.ok && preview.value === preview.plan).toBe(true);
    const bad = safeAllocate(null as unknown);
    expect(bad).toEqual({
      ok: false,
      issues: [
        { path: [], code: "invalid_type", message: "must be an object (an AllocationInput)" },
      ],
    });
  });
});
