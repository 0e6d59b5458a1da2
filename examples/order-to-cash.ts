/**
 * Order to cash: one franchisee order from registration to settlement and an
 * after-sales return, with fenhuo keeping the order, the allocation runs and the
 * franchisee's ledger. Prints the audit trail and the ledger after each step.
 *
 *   npx tsx examples/order-to-cash.ts
 */
import {
  type Actor,
  type AllocationInput,
  type AllocationPlan,
  accountOf,
  allocate,
  allocationDemand,
  applyPlan,
  type Effect,
  type Ledger,
  type LifecycleEventInput,
  ledgerEventOf,
  openLedger,
  pickLists,
  post,
  postPickList,
  receiveOrder,
  type SalesOrder,
  transition,
} from "../src/index.js";

const at = (day: string, time = "10:00") => `${day}T${time}:00+08:00`;
const who = (by: string, day: string, time?: string): Actor => ({ by, at: at(day, time) });

let ledger: Ledger = openLedger({
  currency: "CNY",
  accounts: [
    {
      franchisee: "F01",
      cash: "500.00",
      creditLimit: "300.00",
      creditUsed: "0",
      asOf: "2026-02-28",
    },
  ],
});
let order: SalesOrder = receiveOrder(
  {
    id: "SO-2001",
    franchisee: "F01",
    orderedOn: "2026-02-20",
    deliveryDate: "2026-03-15",
    contact: { name: "王芳", phone: "13800138000" },
    total: "912.00",
    lines: [
      { line: 1, sku: "T100-RED-M", quantity: 6, unitPrice: "99.00", amount: "594.00" },
      { line: 2, sku: "D200-BLU-M", quantity: 2, unitPrice: "159.00", amount: "318.00" },
    ],
  },
  who("sales:li", "2026-02-20", "09:30"),
);
show("登记 received");

step("核对 verify", { type: "verify" }, who("sales:li", "2026-02-20", "09:45"));
step("审核 approve", { type: "approve" }, who("review:zhao", "2026-02-20", "11:00"));

// Day 1: the supply arrives; money buys the launch plan's first product first.
let plan = run("2026-03-01", { "T100-RED-M": 10, "D200-BLU-M": 5 });
apply("分货 allocate (2026-03-01)", plan, who("planner", "2026-03-01"));
ship(plan, who("warehouse", "2026-03-02", "08:00"), "DN-0302");

// The franchisee pays the payment request, and finance books it.
book({
  kind: "deposit",
  franchisee: "F01",
  on: "2026-03-05",
  reference: "BANK-0305",
  amount: "200.00",
});
show("打款 deposit 200.00 (2026-03-05)");

// Day 2: the locked unit is now paid for: lock conversion.
plan = run("2026-03-06", {});
apply("锁定转分货 lock converted (2026-03-06)", plan, who("planner", "2026-03-06"));
ship(plan, who("warehouse", "2026-03-07", "08:00"), "DN-0307");

step(
  "签收 deliver line 1",
  { type: "deliver", line: 1, quantity: 6 },
  who("carrier", "2026-03-09"),
);
step(
  "签收 deliver line 2",
  { type: "deliver", line: 2, quantity: 2 },
  who("carrier", "2026-03-09"),
);
step(
  "验收 accept 5 of line 1",
  { type: "accept", line: 1, quantity: 5 },
  who("store:F01", "2026-03-10"),
);
step(
  "验收 reject 1 of line 1 on inspection",
  { type: "rejectOnInspection", line: 1, quantity: 1, reason: "stained" },
  who("store:F01", "2026-03-10"),
);
step(
  "验收 accept line 2",
  { type: "accept", line: 2, quantity: 2 },
  who("store:F01", "2026-03-10"),
);
step(
  "退换货 return the rejected unit",
  { type: "return", line: 1, quantity: 1, from: "rejectedOnInspection" },
  who("service:chen", "2026-03-11"),
  "RN-0311",
);
step(
  "开票 invoice",
  { type: "invoice", invoice: "INV-2026-0312" },
  who("finance:sun", "2026-03-12"),
);
step("结算 settle", { type: "settle" }, who("finance:sun", "2026-03-20"));
step("关闭 close", { type: "close" }, who("finance:sun", "2026-03-20", "17:00"));

console.log("\nAudit trail (可追溯)");
for (const entry of order.audit) {
  const units = entry.line === undefined ? "" : ` line ${entry.line} × ${entry.quantity}`;
  const note = entry.note === undefined ? "" : ` — ${entry.note}`;
  console.log(
    `  ${entry.seq}. ${entry.at}  ${entry.by.padEnd(13)} ${entry.event}${units}: ${entry.from} → ${entry.to}${note}`,
  );
}

/** One allocation run on the state fenhuo keeps: the order's open demand and locks, the ledger's money. */
function run(asOf: string, supply: Record<string, number>): AllocationPlan {
  const account = accountOf(ledger, "F01");
  const input: AllocationInput = {
    asOf,
    products: [
      { sku: "T100-RED-M", season: "SS", launchDate: "2026-03-05" },
      { sku: "D200-BLU-M", season: "SS", launchDate: "2026-04-01" },
    ],
    supply: Object.entries(supply).map(([sku, quantity]) => ({ sku, quantity })),
    franchisees: [
      {
        id: "F01",
        priority: 1,
        cash: account?.cash ?? "0",
        creditLimit: account?.creditLimit ?? "0",
        creditUsed: account?.creditUsed ?? "0",
      },
    ],
    ...allocationDemand([order]),
  };
  return allocate(input);
}

function apply(title: string, plan: AllocationPlan, actor: Actor): void {
  const applied = applyPlan([order], plan, actor);
  if (!applied.ok) throw new Error(JSON.stringify(applied.errors));
  order = applied.orders[0] as SalesOrder;
  for (const row of plan.franchiseeAllocations) {
    console.log(
      `    allocated ${row.quantity} × ${row.sku} (${row.source}): cash ${row.cash}, credit ${row.credit}`,
    );
  }
  for (const lock of plan.locks.filter((l) => l.isNew)) {
    console.log(`    locked ${lock.quantity} × ${lock.sku} until ${lock.expiresOn} (${lock.id})`);
  }
  for (const request of plan.paymentRequests) {
    console.log(
      `    payment request to ${request.franchisee}: ${request.amount} before ${request.payBefore}`,
    );
  }
  show(title);
}

/** 拣货 + 发货: post the franchisee's pick list; each shipment is posted to the ledger (R-POST-1). */
function ship(plan: AllocationPlan, actor: Actor, note: string): void {
  for (const list of pickLists(plan)) {
    if (list.destination.kind !== "franchisee") continue;
    const posted = postPickList([order], list, actor);
    if (!posted.ok) throw new Error(JSON.stringify(posted.errors));
    order = posted.orders[0] as SalesOrder;
    settle(posted.effects, note);
    show(`拣货+发货 pick and ship ${list.units} unit(s) (${note})`);
  }
}

function step(title: string, event: LifecycleEventInput, actor: Actor, reference = "-"): void {
  const result = transition(order, event, actor);
  if (!result.ok) throw new Error(`${title}: ${result.error.message}`);
  order = result.order;
  settle(result.effects, reference);
  show(title);
}

/** Posts every ledger effect of a step. */
function settle(effects: readonly Effect[], reference: string): void {
  effects.forEach((effect, index) => {
    const event = ledgerEventOf(effect, `${reference}/${index + 1}`);
    if (event !== undefined) book(event);
  });
}

function book(event: object): void {
  const posted = post(ledger, event);
  if (!posted.ok) throw new Error(posted.error.message);
  ledger = posted.ledger;
}

function show(title: string): void {
  const account = accountOf(ledger, "F01");
  const lines = order.lines
    .map((line) => {
      const b = Object.entries(line.buckets)
        .filter(([, n]) => n > 0)
        .map(([bucket, n]) => `${bucket} ${n}`)
        .join(", ");
      return `line ${line.line}: ${b}`;
    })
    .join(" | ");
  console.log(`\n${title}\n  order ${order.id}: ${order.state} — ${lines}`);
  console.log(
    `  ledger F01: cash ${account?.cash}, credit used ${account?.creditUsed} of ${account?.creditLimit}`,
  );
}
