import { describe, expect, it } from "vitest";
import {
  accountOf,
  availableCreditOf,
  formatPath,
  InputError,
  type Ledger,
  Money,
  openLedger,
  type PostOptions,
  type PostResult,
  post,
  postAll,
  safeOpenLedger,
  spendableOf,
} from "../../src/index.js";
import { deepFreeze } from "../support/arbitraries.js";

/*
 * Example tests of the franchisee funds and credit ledger: seed 6.4.1 (finance's
 * daily balances), seed 6.4.4 / R-POST-1 (a posted shipment deducts funds, then
 * credit) and R-POST-2 (a refund restores credit first, then cash). Every
 * expected amount is worked out by hand in the comment beside it.
 */

/** F01: plenty of cash, an unused credit line. F02: little cash, most of its credit used. */
const opening = () =>
  openLedger({
    accounts: [
      {
        franchisee: "F02",
        cash: "300",
        creditLimit: "1000",
        creditUsed: "800",
        asOf: "2026-03-01",
      },
      { franchisee: "F01", cash: "5000", creditLimit: "2000", asOf: "2026-03-01" },
    ],
  });

let seq = 0;
const shipment = (fields: Record<string, unknown>) => ({
  kind: "shipment",
  franchisee: "F02",
  on: "2026-03-02",
  reference: `DN-${++seq}`,
  order: "SO-1",
  line: 1,
  quantity: 1,
  ...fields,
});

/** Posts and insists it was accepted. */
function accepted(ledger: Ledger, event: unknown, options?: PostOptions) {
  const result = post(ledger, event, options);
  if (!result.ok) throw new Error(`refused: ${result.error.message}`);
  return result;
}

/** Posts and insists it was refused; the ledger must be unchanged. */
function refused(ledger: Ledger, event: unknown, options?: PostOptions) {
  const before = structuredClone(ledger);
  const result: PostResult = post(deepFreeze(ledger), event, options);
  if (result.ok) throw new Error("expected the posting to be refused");
  expect(ledger).toEqual(before);
  expect(result).toEqual({ ok: false, error: result.error });
  return result.error;
}

/** The `path: message` lines of an INVALID_EVENT. */
function eventIssues(event: unknown): string[] {
  const error = refused(opening(), event);
  if (error.code !== "INVALID_EVENT") throw new Error(`expected INVALID_EVENT, got ${error.code}`);
  return error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}

/** The `path: message` lines `openLedger` throws for `input`. */
function ledgerIssues(input: unknown): string[] {
  try {
    openLedger(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).issues.map(
      (issue) => `${formatPath(issue.path)}: ${issue.message}`,
    );
  }
  throw new Error("expected an InputError");
}

describe("seed 6.4.1: a ledger opens from finance's balances", () => {
  it("sorts accounts by franchisee id and writes money with the currency's minor digits", () => {
    const ledger = opening();
    expect(ledger).toEqual({
      currency: "CNY",
      accounts: [
        {
          franchisee: "F01",
          cash: "5000.00",
          creditLimit: "2000.00",
          creditUsed: "0.00",
          asOf: "2026-03-01",
        },
        {
          franchisee: "F02",
          cash: "300.00",
          creditLimit: "1000.00",
          creditUsed: "800.00",
          asOf: "2026-03-01",
        },
      ],
      entries: [],
    });
    const yen = openLedger({
      currency: "JPY",
      accounts: [{ franchisee: "F01", cash: 1500, creditLimit: "0.5", asOf: "2026-03-01" }],
    });
    // JPY has no minor digits, and an amount is never rounded (R-UNIT-2).
    expect(accountOf(yen, "F01")).toMatchObject({ cash: "1500", creditLimit: "0.5" });
    expect(openLedger({})).toEqual({ currency: "CNY", accounts: [], entries: [] });
  });

  it("reads numbers through their shortest decimal string, never through binary arithmetic", () => {
    const ledger = openLedger({
      accounts: [{ franchisee: "F01", cash: 0.1, creditLimit: 0.2, asOf: "2026-03-01" }],
    });
    const account = accountOf(ledger, "F01");
    expect(account && spendableOf(account).toString()).toBe("0.3");
  });

  it("lists every problem of a bad ledger with its path", () => {
    expect(
      ledgerIssues({
        currency: "CNY",
        accounts: [
          { franchisee: "F01", cash: "-5", asOf: "2026-02-30" },
          { franchisee: "", cash: "1e3", creditLimit: Number.NaN, asOf: "2026-03-01" },
          { franchisee: "F03", cash: "10", asOf: "2026-03-01" },
          { franchisee: "F03", cash: "20", asOf: "2026-03-01" },
          { cash: "1" },
        ],
      }),
    ).toEqual([
      'accounts[0].cash: must be a non-negative decimal such as "1299.50" (at most 28 integer and 12 fraction digits), got "-5"',
      "accounts[0].asOf: must be an existing calendar date written YYYY-MM-DD",
      "accounts[1].franchisee: must be a non-empty id",
      'accounts[1].cash: must be a non-negative decimal such as "1299.50" (at most 28 integer and 12 fraction digits), got "1e3"',
      'accounts[1].creditLimit: must be a decimal string such as "1299.50" or a finite number',
      "accounts[4].franchisee: is required",
      "accounts[4].asOf: is required",
      'accounts[3].franchisee: duplicate account for franchisee "F03"',
    ]);
    expect(ledgerIssues({ currency: "XXY", acounts: [] })).toEqual([
      "currency: must be an ISO 4217 currency code such as CNY",
      'acounts: unknown field "acounts"',
    ]);
    expect(ledgerIssues(null)).toEqual(["(input): a ledger must be an object"]);
    expect(ledgerIssues({ entries: [null, { kind: "payment" }] })).toEqual([
      "entries[0]: an entry must be an object",
      "entries[1].kind: must be one of snapshot, deposit, shipment, refund",
    ]);
  });

  it("returns the issues instead of throwing from safeOpenLedger", () => {
    const result = safeOpenLedger({ accounts: [{ franchisee: "F01", asOf: "2026-03-01" }] });
    expect(result).toEqual({
      ok: false,
      issues: [{ path: ["accounts", 0, "cash"], code: "required", message: "is required" }],
    });
    expect(safeOpenLedger({}).ok).toBe(true);
  });

  it("reopens a stored ledger deep-equal, from its JSON", () => {
    let ledger = opening();
    for (const event of [
      shipment({ amount: "400", cash: "400", credit: "0" }),
      { kind: "refund", franchisee: "F02", on: "2026-03-03", reference: "RN-1", amount: "50" },
      { kind: "deposit", franchisee: "F01", on: "2026-03-03", reference: "B-1", amount: 12.5 },
      {
        kind: "snapshot",
        franchisee: "F00",
        on: "2026-03-04",
        reference: "FIN-0304",
        cash: "1",
        creditLimit: "2",
        creditUsed: "3",
      },
    ]) {
      ledger = accepted(ledger, event).ledger;
    }
    const stored = JSON.parse(JSON.stringify(ledger));
    expect(openLedger(stored)).toEqual(ledger);
    expect(openLedger(JSON.parse(JSON.stringify(stored)))).toEqual(ledger);
  });

  it("refuses a stored journal that does not hold together", () => {
    const first = accepted(opening(), shipment({ amount: "400", cash: "400", credit: "0" }));
    const second = accepted(first.ledger, {
      kind: "deposit",
      franchisee: "F02",
      on: "2026-03-02",
      reference: "B-1",
      amount: "10",
    });
    const stored = JSON.parse(JSON.stringify(second.ledger));

    const tampered = structuredClone(stored);
    tampered.entries[0].fromCash = "400.00"; // cash held only 300.00
    tampered.entries[1].sequence = 7;
    expect(ledgerIssues(tampered)).toEqual([
      'entries[0].fromCash: must be "300.00", got "400.00": an entry follows from its event and the entries before it',
      "entries[1].sequence: must be 2",
    ]);

    const unchained = structuredClone(stored);
    unchained.entries[1].before.cash = "5.00";
    unchained.entries[1].after.cash = "15.00";
    unchained.accounts[1].cash = "15.00";
    expect(ledgerIssues(unchained)).toEqual([
      'entries[1].before.cash: must be "0.00", got "5.00": an entry follows from its event and the entries before it',
      'entries[1].after.cash: must be "10.00", got "15.00": an entry follows from its event and the entries before it',
    ]);

    const drifted = structuredClone(stored);
    drifted.accounts[1].creditUsed = "800.00";
    drifted.accounts[1].asOf = "2026-03-01";
    expect(ledgerIssues(drifted)).toEqual([
      "accounts[1].creditUsed: must be 900.00, where entry 2 left it",
      "accounts[1].asOf: must not be before 2026-03-02, the date of entry 2",
    ]);

    const twice = structuredClone(stored);
    twice.entries[1] = { ...structuredClone(twice.entries[0]), sequence: 2 };
    twice.entries[1].before = twice.entries[0].after;
    twice.entries[1].cash = "0";
    twice.entries[1].credit = "400";
    twice.entries[1].fromCash = "0";
    twice.entries[1].fromCredit = "400";
    twice.entries[1].shortfallToCredit = "0";
    twice.entries[1].after = { ...twice.entries[0].after, creditUsed: "1300.00" };
    twice.entries[1].after.availableCredit = "0.00";
    twice.entries[1].after.spendable = "0.00";
    twice.entries[1].overLimit = true;
    twice.accounts[1].cash = "0.00";
    twice.accounts[1].creditUsed = "1300.00";
    expect(ledgerIssues(twice)).toEqual([
      "entries[1].reference: repeats entry 1: the same shipment is recorded twice",
    ]);

    const orphan = structuredClone(stored);
    orphan.accounts = [orphan.accounts[0]];
    expect(ledgerIssues(orphan)).toEqual([
      'entries[1].franchisee: franchisee "F02" has entries but no account',
    ]);
  });
});

describe("seed 6.4.1: a snapshot replaces an account's balances", () => {
  it("replaces cash, credit limit and credit used, and records the balances before and after", () => {
    const { ledger, entry } = accepted(opening(), {
      kind: "snapshot",
      franchisee: "F01",
      on: "2026-03-02",
      reference: "FIN-0302",
      cash: "1200.5",
      creditLimit: 3000,
      creditUsed: "2500",
    });
    expect(entry).toEqual({
      sequence: 1,
      kind: "snapshot",
      franchisee: "F01",
      on: "2026-03-02",
      reference: "FIN-0302",
      cash: "1200.50",
      creditLimit: "3000.00",
      creditUsed: "2500.00",
      before: {
        cash: "5000.00",
        creditLimit: "2000.00",
        creditUsed: "0.00",
        availableCredit: "2000.00",
        spendable: "7000.00",
      },
      // available 3000 − 2500 = 500.00; spendable 1200.50 + 500 = 1700.50
      after: {
        cash: "1200.50",
        creditLimit: "3000.00",
        creditUsed: "2500.00",
        availableCredit: "500.00",
        spendable: "1700.50",
      },
    });
    expect(accountOf(ledger, "F01")).toEqual({
      franchisee: "F01",
      cash: "1200.50",
      creditLimit: "3000.00",
      creditUsed: "2500.00",
      asOf: "2026-03-02",
    });
    expect(ledger.entries).toEqual([entry]);
  });

  it("opens the account of a new franchisee, in id order, with no balances before", () => {
    const { ledger, entry } = accepted(opening(), {
      kind: "snapshot",
      franchisee: "F015",
      on: "2026-03-01",
      reference: "FIN-0301",
      cash: "0",
      creditLimit: "0",
      creditUsed: "0",
    });
    expect(entry.before).toBeNull();
    expect(ledger.accounts.map((a) => a.franchisee)).toEqual(["F01", "F015", "F02"]);
  });

  it("takes finance's word when credit used is above the limit: no credit is available", () => {
    const { entry } = accepted(opening(), {
      kind: "snapshot",
      franchisee: "F02",
      on: "2026-03-02",
      reference: "FIN-0302",
      cash: "50",
      creditLimit: "1000",
      creditUsed: "1200",
    });
    expect(entry.after).toMatchObject({ availableCredit: "0.00", spendable: "50.00" });
  });
});

describe("deposits", () => {
  it("add to cash", () => {
    const { ledger, entry } = accepted(opening(), {
      kind: "deposit",
      franchisee: "F02",
      on: "2026-03-01",
      reference: "BANK-77",
      amount: "199.99",
    });
    // 300.00 + 199.99 = 499.99; spendable 499.99 + (1000 − 800) = 699.99
    expect(entry).toMatchObject({ amount: "199.99" });
    expect(entry.after).toEqual({
      cash: "499.99",
      creditLimit: "1000.00",
      creditUsed: "800.00",
      availableCredit: "200.00",
      spendable: "699.99",
    });
    expect(accountOf(ledger, "F02")?.cash).toBe("499.99");
  });

  it("must be more than zero", () => {
    expect(
      eventIssues({
        kind: "deposit",
        franchisee: "F02",
        on: "2026-03-01",
        reference: "B",
        amount: "0.00",
      }),
    ).toEqual(["amount: must be more than zero"]);
  });
});

describe("R-POST-1: a posted shipment (发货过账) deducts funds, then credit (seed 6.4.4)", () => {
  it("takes the cash part from cash and adds the credit part to credit used", () => {
    const { ledger, entry } = accepted(
      opening(),
      shipment({ franchisee: "F01", quantity: 7, amount: "693.00", cash: "500", credit: "193" }),
    );
    expect(entry).toMatchObject({
      kind: "shipment",
      order: "SO-1",
      line: 1,
      quantity: 7,
      amount: "693.00",
      cash: "500.00",
      credit: "193.00",
      fromCash: "500.00",
      fromCredit: "193.00",
      shortfallToCredit: "0.00",
      overLimit: false,
    });
    // cash 5000 − 500 = 4500; used 0 + 193 = 193; available 2000 − 193 = 1807; spendable 6307
    expect(entry.after).toEqual({
      cash: "4500.00",
      creditLimit: "2000.00",
      creditUsed: "193.00",
      availableCredit: "1807.00",
      spendable: "6307.00",
    });
    expect(accountOf(ledger, "F01")).toMatchObject({ cash: "4500.00", asOf: "2026-03-02" });
  });

  it("moves what cash no longer covers to credit; cash never goes below zero", () => {
    // F02 holds 300.00 cash but the allocation's cash part is 400.00: 100.00 moves to credit.
    const { entry } = accepted(opening(), shipment({ amount: "400", cash: "400", credit: "0" }));
    expect(entry).toMatchObject({
      fromCash: "300.00",
      fromCredit: "100.00",
      shortfallToCredit: "100.00",
    });
    expect(entry.after).toEqual({
      cash: "0.00",
      creditLimit: "1000.00",
      creditUsed: "900.00",
      availableCredit: "100.00",
      spendable: "100.00",
    });
  });

  it("asks cash for the whole amount when no split is given", () => {
    const { entry } = accepted(opening(), shipment({ amount: "350.5" }));
    expect(entry).toMatchObject({
      cash: "350.50",
      credit: "0.00",
      fromCash: "300.00",
      fromCredit: "50.50",
      shortfallToCredit: "50.50",
    });
  });

  it("may use the credit line up to its limit, exactly", () => {
    // 300 cash + 200 available credit = 500: the limit is reached, not passed.
    const { entry } = accepted(opening(), shipment({ amount: "500" }));
    expect(entry.after).toMatchObject({ cash: "0.00", creditUsed: "1000.00", spendable: "0.00" });
  });

  it("refuses to draw credit beyond the limit without allowOverLimit, naming the account and amounts", () => {
    const ledger = opening();
    const error = refused(ledger, shipment({ amount: "500.01", order: "SO-9", line: 3 }));
    expect(error).toEqual({
      code: "CREDIT_LIMIT_EXCEEDED",
      message:
        'shipment of order "SO-9" line 3 needs 200.01 CNY of credit from franchisee "F02", ' +
        "but only 200.00 is available (limit 1000.00, used 800.00); " +
        "pass allowOverLimit: true to post it anyway (R-POST-1)",
      franchisee: "F02",
      order: "SO-9",
      line: 3,
      creditLimit: "1000.00",
      creditUsed: "800.00",
      availableCredit: "200.00",
      creditNeeded: "200.01",
      shortfallToCredit: "200.01",
      excess: "0.01",
    });
    expect(refused(ledger, shipment({ amount: "600", cash: "0", credit: "600" }))).toMatchObject({
      creditNeeded: "600.00",
      shortfallToCredit: "0.00",
      excess: "400.00",
    });
  });

  it("takes only the literal true as allowOverLimit", () => {
    const options = { allowOverLimit: "yes" } as unknown as PostOptions;
    expect(refused(opening(), shipment({ amount: "600" }), options).code).toBe(
      "CREDIT_LIMIT_EXCEEDED",
    );
  });

  it("posts beyond the limit with allowOverLimit: true, and marks the entry", () => {
    const { entry } = accepted(opening(), shipment({ amount: "600", cash: "300", credit: "300" }), {
      allowOverLimit: true,
    });
    // used 800 + 300 = 1100 > 1000: nothing is available, never a negative amount.
    expect(entry).toMatchObject({ fromCash: "300.00", fromCredit: "300.00", overLimit: true });
    expect(entry.after).toEqual({
      cash: "0.00",
      creditLimit: "1000.00",
      creditUsed: "1100.00",
      availableCredit: "0.00",
      spendable: "0.00",
    });
  });

  it("lets a shipment paid wholly in cash through an account already over its limit", () => {
    const over = accepted(opening(), {
      kind: "snapshot",
      franchisee: "F02",
      on: "2026-03-02",
      reference: "FIN",
      cash: "100",
      creditLimit: "500",
      creditUsed: "900",
    }).ledger;
    const { entry } = accepted(over, shipment({ amount: "100" }));
    expect(entry).toMatchObject({ fromCredit: "0.00", overLimit: false });
    expect(refused(over, shipment({ amount: "100.01" })).code).toBe("CREDIT_LIMIT_EXCEEDED");
  });

  it("posts a zero-priced shipment and moves no money", () => {
    const { entry } = accepted(opening(), shipment({ amount: "0" }));
    expect(entry.after).toEqual(entry.before);
  });

  it("requires cash + credit = amount, and both parts or neither", () => {
    expect(eventIssues(shipment({ amount: "100", cash: "60", credit: "30" }))).toEqual([
      "amount: must equal cash + credit (60 + 30 = 90), got 100",
    ]);
    expect(eventIssues(shipment({ amount: "100", cash: "100" }))).toEqual([
      "credit: is required with the other part: give both cash and credit, or neither",
    ]);
  });
});

describe("R-POST-2: a refund restores credit used first, then cash", () => {
  it("repays credit used down to zero and puts the rest in cash", () => {
    const { entry } = accepted(opening(), {
      kind: "refund",
      franchisee: "F02",
      on: "2026-03-02",
      reference: "RN-1",
      amount: "1000",
    });
    // used 800 → 0 takes 800; the other 200 goes to cash: 300 + 200 = 500
    expect(entry).toMatchObject({ amount: "1000.00", toCredit: "800.00", toCash: "200.00" });
    // A refund that names no order line has no line fields at all (not even undefined ones).
    expect(Object.keys(entry)).not.toContain("order");
    expect(Object.keys(entry)).not.toContain("quantity");
    expect(entry.after).toEqual({
      cash: "500.00",
      creditLimit: "1000.00",
      creditUsed: "0.00",
      availableCredit: "1000.00",
      spendable: "1500.00",
    });
  });

  it("puts a refund smaller than credit used wholly against credit", () => {
    const { entry } = accepted(opening(), {
      kind: "refund",
      franchisee: "F02",
      on: "2026-03-02",
      reference: "RN-2",
      amount: "250",
    });
    expect(entry).toMatchObject({ toCredit: "250.00", toCash: "0.00" });
    expect(entry.after).toMatchObject({ cash: "300.00", creditUsed: "550.00" });
  });

  it("puts a refund wholly in cash when no credit is used", () => {
    const { entry } = accepted(opening(), {
      kind: "refund",
      franchisee: "F01",
      on: "2026-03-02",
      reference: "RN-3",
      amount: "0.01",
    });
    expect(entry).toMatchObject({ toCredit: "0.00", toCash: "0.01" });
    expect(entry.after.cash).toBe("5000.01");
  });
});

describe("posting: what is refused, and what never changes", () => {
  it("refuses any event but a snapshot for a franchisee without an account", () => {
    const error = refused(opening(), shipment({ franchisee: "F09", amount: "1" }));
    expect(error).toEqual({
      code: "UNKNOWN_FRANCHISEE",
      message: 'no account for franchisee "F09": only a snapshot (seed 6.4.1) opens one',
      franchisee: "F09",
      kind: "shipment",
    });
  });

  it("refuses an event dated before the account's asOf, and takes one of the same day", () => {
    const error = refused(opening(), shipment({ on: "2026-02-28", amount: "1" }));
    expect(error).toMatchObject({
      code: "BACKDATED_EVENT",
      franchisee: "F02",
      on: "2026-02-28",
      asOf: "2026-03-01",
    });
    accepted(opening(), shipment({ on: "2026-03-01", amount: "1" }));
  });

  it("refuses the same event twice, so that a retried posting never counts twice", () => {
    const event = shipment({ amount: "10" });
    const { ledger } = accepted(opening(), event);
    expect(refused(ledger, event)).toEqual({
      code: "DUPLICATE_EVENT",
      message: `shipment "${event.reference}" (order SO-1 line 1) of franchisee "F02" is already entry 1`,
      franchisee: "F02",
      kind: "shipment",
      reference: event.reference,
      sequence: 1,
    });
    // The same delivery note may ship another line of the order.
    accepted(ledger, { ...event, line: 2 });
  });

  it("R-POST-2: one return note may refund several lines; each line once", () => {
    const { ledger: shipped } = accepted(opening(), shipment({ amount: "10", quantity: 1 }));
    const refund = (fields: Record<string, unknown>) => ({
      kind: "refund",
      franchisee: "F02",
      on: "2026-03-05",
      reference: "RN-1",
      amount: "5",
      ...fields,
    });
    const first = accepted(shipped, refund({ order: "SO-1", line: 1, quantity: 1 }));
    expect(first.ledger.entries.at(-1)).toMatchObject({
      kind: "refund",
      reference: "RN-1",
      order: "SO-1",
      line: 1,
      quantity: 1,
    });
    const second = accepted(first.ledger, refund({ order: "SO-1", line: 2, quantity: 1 }));
    expect(refused(second.ledger, refund({ order: "SO-1", line: 2, quantity: 1 }))).toMatchObject({
      code: "DUPLICATE_EVENT",
      message: 'refund "RN-1" (order SO-1 line 2) of franchisee "F02" is already entry 3',
    });
    // A refund that names no line is told apart by its reference alone, as before.
    const bare = accepted(second.ledger, refund({ reference: "RN-2" }));
    expect(refused(bare.ledger, refund({ reference: "RN-2" }))).toMatchObject({
      code: "DUPLICATE_EVENT",
      message: 'refund "RN-2" of franchisee "F02" is already entry 4',
    });
    expect(eventIssues(refund({ order: "SO-1" }))).toEqual([
      "line: a refund names its order line with both order and line, or neither",
    ]);
  });

  it("rejects a malformed event with every problem and its path", () => {
    expect(eventIssues(null)).toEqual(["(input): an event must be an object"]);
    expect(eventIssues({ kind: "payment" })).toEqual([
      "kind: must be one of snapshot, deposit, shipment, refund",
    ]);
    expect(
      eventIssues({
        kind: "shipment",
        franchisee: "",
        on: "2026-02-30",
        order: "SO-1",
        line: 0,
        quantity: 1.5,
        amount: "-3",
        cash: 1,
        credit: Number.POSITIVE_INFINITY,
      }),
    ).toEqual([
      "franchisee: must be a non-empty id",
      "on: must be an existing calendar date written YYYY-MM-DD",
      "reference: is required",
      "line: must be a positive integer",
      "quantity: must be a whole number of units",
      'amount: must be a non-negative decimal such as "1299.50" (at most 28 integer and 12 fraction digits), got "-3"',
      'credit: must be a decimal string such as "1299.50" or a finite number',
    ]);
    expect(
      eventIssues({
        kind: "snapshot",
        franchisee: "F01",
        on: "2026-03-02",
        reference: "FIN",
        cash: "1,000",
      }),
    ).toEqual([
      'cash: must be a non-negative decimal such as "1299.50" (at most 28 integer and 12 fraction digits), got "1,000"',
      "creditLimit: is required",
      "creditUsed: is required",
    ]);
    const error = refused(opening(), {
      kind: "refund",
      franchisee: "F01",
      on: "x",
      reference: "r",
    });
    expect(error.message).toBe(
      "invalid event: on: must be an existing calendar date written YYYY-MM-DD; amount: is required",
    );
  });

  it("never mutates the ledger or the event, and shares what it did not change", () => {
    const ledger = deepFreeze(opening());
    const event = deepFreeze(shipment({ amount: "400" }));
    const copy = structuredClone(ledger);
    const { ledger: next } = accepted(ledger, event);
    expect(ledger).toEqual(copy);
    expect(next).not.toBe(ledger);
    expect(next.accounts[0]).toBe(ledger.accounts[0]);
    expect(next.accounts[1]).not.toBe(ledger.accounts[1]);
  });

  it("numbers entries in posting order over the whole ledger", () => {
    let ledger = opening();
    ledger = accepted(ledger, shipment({ franchisee: "F01", amount: "1" })).ledger;
    ledger = accepted(ledger, shipment({ amount: "1" })).ledger;
    ledger = accepted(ledger, shipment({ franchisee: "F01", amount: "1" })).ledger;
    expect(ledger.entries.map((e) => [e.sequence, e.franchisee])).toEqual([
      [1, "F01"],
      [2, "F02"],
      [3, "F01"],
    ]);
    expect(ledger.entries[2]?.before).toEqual(ledger.entries[0]?.after);
  });

  it("takes __proto__ and constructor as ordinary franchisee ids", () => {
    let ledger = openLedger({
      accounts: [{ franchisee: "__proto__", cash: "10", asOf: "2026-03-01" }],
    });
    ledger = accepted(ledger, {
      kind: "snapshot",
      franchisee: "constructor",
      on: "2026-03-01",
      reference: "FIN",
      cash: "5",
      creditLimit: "0",
      creditUsed: "0",
    }).ledger;
    ledger = accepted(ledger, shipment({ franchisee: "__proto__", amount: "4" })).ledger;
    expect(ledger.accounts.map((a) => [a.franchisee, a.cash])).toEqual([
      ["__proto__", "6.00"],
      ["constructor", "5.00"],
    ]);
    expect(({} as Record<string, unknown>).cash).toBeUndefined();
  });
});

describe("postAll: a batch, all or nothing", () => {
  const day = [
    {
      kind: "snapshot",
      franchisee: "F03",
      on: "2026-03-02",
      reference: "FIN-0302",
      cash: "100",
      creditLimit: "50",
      creditUsed: "0",
    },
    shipment({ franchisee: "F03", amount: "120" }),
    { kind: "refund", franchisee: "F03", on: "2026-03-02", reference: "RN-9", amount: "30" },
  ];

  it("gives what posting the events one by one gives", () => {
    let ledger = opening();
    for (const event of day) ledger = accepted(ledger, event).ledger;
    const batch = postAll(opening(), day);
    expect(batch.ok && batch.ledger).toEqual(ledger);
    expect(batch.entries).toEqual(ledger.entries);
    // 100 cash pays 100 of 120; 20 on credit; the refund of 30 repays the 20, then 10 to cash.
    expect(accountOf(ledger, "F03")).toMatchObject({ cash: "10.00", creditUsed: "0.00" });
  });

  it("posts nothing when one event is refused, and says which", () => {
    const ledger = deepFreeze(opening());
    const copy = structuredClone(ledger);
    const result = postAll(ledger, [...day, shipment({ franchisee: "F03", amount: "60.01" })]);
    expect(result).toMatchObject({ ok: false, index: 3, error: { code: "CREDIT_LIMIT_EXCEEDED" } });
    expect(ledger).toEqual(copy);
  });

  it("validates every event first, the paths starting with the event's index", () => {
    const result = postAll(opening(), [day[0], { ...day[1], amount: "x" }, { kind: "deposit" }]);
    expect(result.ok).toBe(false);
    expect(result.index).toBe(1);
    if (result.error?.code !== "INVALID_EVENT") throw new Error("expected INVALID_EVENT");
    expect(result.error.issues.map((issue) => formatPath(issue.path))).toEqual([
      "[1].amount",
      "[2].franchisee",
      "[2].on",
      "[2].reference",
      "[2].amount",
    ]);
  });
});

describe("SPEC §3.0: available credit and spendable", () => {
  it("is max(0, limit − used), and cash plus that", () => {
    expect(
      availableCreditOf({ cash: "0", creditLimit: "2000.00", creditUsed: "1500.50" }).toString(),
    ).toBe("499.5");
    expect(
      availableCreditOf({ cash: "0", creditLimit: "100", creditUsed: "100.01" }).isZero(),
    ).toBe(true);
    const franchisee = {
      cash: new Money("0.1"),
      creditLimit: new Money("0.3"),
      creditUsed: new Money("0.1"),
    };
    expect(spendableOf(franchisee).toString()).toBe("0.3");
  });
});

describe("seed 6.4.1: a stored journal's problems, each with its code", () => {
  /** The `code path` lines `safeOpenLedger` gives for `input`. */
  const codesOf = (input: unknown): string[] => {
    const result = safeOpenLedger(input);
    if (result.ok) throw new Error("expected the ledger to be refused");
    return result.issues.map((issue) => `${issue.code} ${formatPath(issue.path)}`);
  };
  /** F02 ships 400 in cash on 03-02, then deposits 10 on 03-03; stored as JSON. */
  const stored = () => {
    const first = accepted(opening(), shipment({ amount: "400", cash: "400", credit: "0" }));
    const second = accepted(first.ledger, {
      kind: "deposit",
      franchisee: "F02",
      on: "2026-03-03",
      reference: "B-1",
      amount: "10",
    });
    return JSON.parse(JSON.stringify(second.ledger));
  };

  it("codes duplicates, missing accounts, drifted balances, numbering and repeats", () => {
    const twice = stored();
    twice.accounts.push(structuredClone(twice.accounts[1]));
    expect(codesOf(twice)).toEqual(["duplicate_key accounts[2].franchisee"]);

    const orphan = stored();
    orphan.accounts = [orphan.accounts[0]];
    expect(codesOf(orphan)).toEqual(["unknown_reference entries[1].franchisee"]);

    const drifted = stored();
    drifted.accounts[1].creditUsed = "800.00";
    drifted.accounts[1].asOf = "2026-03-01";
    drifted.entries[1].sequence = 5;
    expect(codesOf(drifted)).toEqual([
      "inconsistent entries[1].sequence",
      "inconsistent accounts[1].creditUsed",
      "inconsistent accounts[1].asOf",
    ]);

    const tampered = stored();
    tampered.entries[0].fromCash = "400.00";
    expect(codesOf(tampered)).toEqual(["inconsistent entries[0].fromCash"]);
  });

  it("refuses an entry dated before the previous entry of its account", () => {
    const back = stored();
    back.entries[1].on = "2026-03-01";
    back.accounts[1].asOf = "2026-03-03";
    const result = safeOpenLedger(back);
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([
      {
        path: ["entries", 1, "on"],
        code: "inconsistent",
        message: "must not be before 2026-03-02, the date of entry 1",
      },
    ]);
  });

  it("refuses a later entry that opens its account again (before: null)", () => {
    const reopened = stored();
    reopened.entries.push({
      sequence: 3,
      kind: "snapshot",
      franchisee: "F02",
      on: "2026-03-04",
      reference: "FIN-9",
      cash: "1.00",
      creditLimit: "0.00",
      creditUsed: "0.00",
      before: null,
      after: {
        cash: "1.00",
        creditLimit: "0.00",
        creditUsed: "0.00",
        availableCredit: "0.00",
        spendable: "1.00",
      },
    });
    reopened.accounts[1] = {
      ...reopened.accounts[1],
      ...reopened.entries[2].after,
      asOf: "2026-03-04",
    };
    const result = safeOpenLedger(reopened);
    expect(result.ok).toBe(false);
    expect(
      result.issues?.map((issue) => `${issue.code} ${formatPath(issue.path)}: ${issue.message}`),
    ).toEqual([
      "inconsistent entries[2].before: must be the account's balances: only the first entry of an account may open it",
      'inconsistent entries[2].before: must be {"cash":"10.00","creditLimit":"1000.00","creditUsed":"900.00","availableCredit":"100.00","spendable":"110.00"}',
    ]);
  });

  it("checks the entries after a malformed one of the same account on their own", () => {
    const broken = stored();
    delete broken.entries[0].amount;
    // The deposit's balances follow from nothing checkable: it is not compared with the
    // malformed shipment before it, nor the account with where the journal ends.
    broken.entries[1].before.cash = "123.00";
    broken.entries[1].before.spendable = "223.00";
    broken.entries[1].after.cash = "133.00";
    broken.entries[1].after.spendable = "233.00";
    expect(codesOf(broken)).toEqual(["required entries[0].amount"]);

    const unsplit = stored();
    // A refund naming its order but not its line is no event: the account is not followed.
    unsplit.entries[1] = {
      ...unsplit.entries[1],
      kind: "refund",
      order: "SO-1",
      toCredit: "10.00",
      toCash: "0.00",
    };
    unsplit.accounts[1].cash = "999.00";
    expect(codesOf(unsplit)).toEqual(["required entries[1].line"]);
  });
});
