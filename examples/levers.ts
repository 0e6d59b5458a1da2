/**
 * The planner's levers (edition 2): one wave allocated as the seed reads it,
 * then with each lever in turn — what changed for every order line, and why,
 * in `explain`'s words.
 *
 *   npm run example:levers
 *
 * The levers: franchiseeTieBreak (R-PRIO-FACTORS), share (R-SHARE), minFill
 * (R-MINFILL), shipComplete (R-COMPLETE), partialBy (R-SIZE-RUN), packSize
 * (R-PACK) and a holdback (R-HOLD).
 *
 * The wave: 10 T100 and 6 T200 for four franchisees. F01 (priority 1, 700.00)
 * wants 4 T100 and 6 T200 at 100.00 — 1000.00 of goods; F02 and F03 share
 * priority 2, F02 richer (2000.00, 3 T100) and F03 the bigger orderer (300.00,
 * 8 T100 and 2 T200 at 30.00); F04 (priority 3) has no money, so it can only lock.
 */
import { type AllocationInput, type AllocationPlan, allocate, explain } from "../src/index.js";

const line = (n: number, sku: string, quantity: number, unitPrice: string) => ({
  line: n,
  sku,
  quantity,
  unitPrice,
});

const wave: AllocationInput = {
  asOf: "2026-03-01",
  products: [
    { sku: "T100", season: "SS" },
    { sku: "T200", season: "SS" },
  ],
  supply: [
    { sku: "T100", quantity: 10 },
    { sku: "T200", quantity: 6 },
  ],
  franchisees: [
    { id: "F01", priority: 1, cash: "700" },
    { id: "F02", priority: 2, cash: "2000" },
    { id: "F03", priority: 2, cash: "300" },
    { id: "F04", priority: 3, cash: "0" },
  ],
  orders: [
    {
      id: "SO-1",
      franchisee: "F01",
      orderedOn: "2026-02-01",
      lines: [line(1, "T100", 4, "100"), line(2, "T200", 6, "100")],
    },
    { id: "SO-2", franchisee: "F02", orderedOn: "2026-02-02", lines: [line(1, "T100", 3, "100")] },
    {
      id: "SO-3",
      franchisee: "F03",
      orderedOn: "2026-02-02",
      lines: [line(1, "T100", 8, "30"), line(2, "T200", 2, "30")],
    },
    { id: "SO-4", franchisee: "F04", orderedOn: "2026-02-03", lines: [line(1, "T100", 5, "100")] },
  ],
};

const levers: { name: string; input: AllocationInput }[] = [
  {
    name: 'franchiseeTieBreak ["orderedUnits"] (R-PRIO-FACTORS): equal priority goes to who ordered more',
    input: { ...wave, policy: { franchiseeTieBreak: ["orderedUnits"] } },
  },
  {
    name: 'share "proportional" (R-SHARE): F02 and F03, both priority 2, share T100 by what each can take',
    input: { ...wave, policy: { share: "proportional" } },
  },
  {
    name: "minFill 0.5 (R-MINFILL): half a line or nothing",
    input: { ...wave, policy: { minFill: 0.5 } },
  },
  {
    name: "shipComplete on SO-1 (R-COMPLETE): the whole order or nothing",
    input: {
      ...wave,
      orders: (wave.orders ?? []).map((order) =>
        order.id === "SO-1" ? { ...order, shipComplete: true } : order,
      ),
    },
  },
  {
    name: 'partialBy "style" with T100 and T200 one style (R-SIZE-RUN): a short purse spreads over the sizes',
    input: {
      ...wave,
      products: (wave.products ?? []).map((product) => ({ ...product, style: "TEE" })),
      policy: { partialBy: "style" },
    },
  },
  {
    name: "packSize 4 on T200 (R-PACK): cartons of four, unless the grant completes the line",
    input: {
      ...wave,
      products: (wave.products ?? []).map((product) =>
        product.sku === "T200" ? { ...product, packSize: 4 } : product,
      ),
    },
  },
  {
    name: "holdback of 3 T100 for the direct pass (R-HOLD): the flagship store SZ-1 keeps its 3 before any franchisee",
    input: {
      ...wave,
      regions: [{ id: "shenzhen" }],
      stores: [{ id: "SZ-1", region: "shenzhen", class: "A", operation: "direct" }],
      storeNeeds: [{ store: "SZ-1", sku: "T100", safetyStock: 3 }],
      holdback: [{ sku: "T100", quantity: 3, for: "direct" }],
    },
  },
];

/** Per order line: what the plan allocated and locked, and what it left unfilled and why. */
function outcome(plan: AllocationPlan): Map<string, string> {
  const out = new Map<string, string>();
  for (const order of wave.orders ?? []) {
    for (const { line: n } of order.lines) {
      const allocated = plan.franchiseeAllocations
        .filter((row) => row.order === order.id && row.line === n)
        .reduce((sum, row) => sum + row.quantity, 0);
      const locked = plan.locks
        .filter((lock) => lock.isNew && lock.order === order.id && lock.line === n)
        .reduce((sum, lock) => sum + lock.quantity, 0);
      const left = plan.unfilled.find(
        (row) => row.kind === "order-line" && row.order === order.id && row.line === n,
      );
      const unfilled = left === undefined ? "" : `, ${left.quantity} unfilled (${left.reason})`;
      out.set(`${order.id} line ${n}`, `allocated ${allocated}, locked ${locked}${unfilled}`);
    }
  }
  return out;
}

const base = allocate(wave);
const before = outcome(base);
console.log("The wave as the seed reads it (every lever off):");
for (const [key, text] of before) console.log(`  ${key}: ${text}`);

for (const lever of levers) {
  const plan = allocate(lever.input);
  const after = outcome(plan);
  console.log(`\n${lever.name}`);
  for (const row of plan.storeAllocations) {
    const ref = { kind: "store" as const, store: row.store, sku: row.sku };
    console.log(`  store ${row.store}: ${row.quantity} ${row.sku}`);
    console.log(`    why: ${explain(plan, ref).sentence}`);
  }
  for (const [key, text] of after) {
    if (before.get(key) === text) continue;
    const [order, , n] = key.split(" ");
    const ref = { kind: "order-line" as const, order: order as string, line: Number(n) };
    console.log(`  ${key}: ${before.get(key)}  →  ${text}`);
    console.log(`    why: ${explain(plan, ref).sentence}`);
  }
}
