/**
 * A 60-day spring season (春夏季) on bundled data: three supply arrivals, a daily
 * allocation run on the state the lifecycle keeps, franchisee payments (some
 * late), locks converting and expiring, shipments posted to the ledger — printed
 * as a day-by-day timeline, with the indicators and SLA breaches at the end.
 *
 * The four orders of 16–17 February come from the ordering fair (订货会), weeks
 * before any supply: the clocks rightly show them shipped later than R-SLA-2's
 * three working days. SO-105, a reorder of 30 March, ships on time.
 *
 *   npm run example:season
 */
import { readFileSync } from "node:fs";
import {
  type Actor,
  type AllocationInput,
  type AllocationPlan,
  accountOf,
  addDays,
  addWorkingDays,
  allocate,
  allocationDemand,
  applyPlan,
  indicators,
  type Ledger,
  type LifecycleEventInput,
  ledgerEventOf,
  localDateOf,
  Money,
  openLedger,
  parseIsoDate,
  parseWorkCalendar,
  pickLists,
  post,
  postPickList,
  type Rates,
  receiveOrder,
  type SalesOrder,
  slaBreaches,
  supplyNotices,
  transition,
} from "../src/index.js";

interface SeasonData {
  season: { start: string; days: number; currency: string };
  calendar: unknown;
  products: NonNullable<AllocationInput["products"]>;
  purchaseOrders: {
    id: string;
    expectedArrival: string;
    lines: { sku: string; quantity: number }[];
  }[];
  franchisees: {
    id: string;
    priority: number;
    region: string;
    cash: string;
    creditLimit?: string;
    creditUsed?: string;
  }[];
  orders: {
    id: string;
    franchisee: string;
    orderedOn: string;
    deliveryDate: string;
    contact: { name: string; phone: string };
    lines: { line: number; sku: string; quantity: number; unitPrice: string }[];
  }[];
  approvals: Record<string, string>;
  payments: { franchisee: string; on: string; amount: string; reference: string }[];
  regions: NonNullable<AllocationInput["regions"]>;
  stores: NonNullable<AllocationInput["stores"]>;
  safetyStock: { store: string; sku: string; safetyStock: number }[];
  afterSales: { id: string; order: string; openedAt: string; answeredAt?: string }[];
}

const data: SeasonData = JSON.parse(
  readFileSync(new URL("./data/season.json", import.meta.url), "utf8"),
);
const calendar = parseWorkCalendar(data.calendar);
const at = (day: string, time: string) => `${day}T${time}:00+08:00`;
const actor = (by: string, day: string, time: string): Actor => ({ by, at: at(day, time) });

let ledger: Ledger = openLedger({
  currency: data.season.currency,
  accounts: data.franchisees.map(({ id, cash, creditLimit, creditUsed }) => ({
    franchisee: id,
    cash,
    creditLimit: creditLimit ?? "0",
    creditUsed: creditUsed ?? "0",
    asOf: data.season.start,
  })),
});
let orders: SalesOrder[] = [];
const plans: AllocationPlan[] = [];
let freeStock = new Map<string, number>();
const storeStock = new Map<string, number>();
const deliveries: { day: string; order: string; line: number; quantity: number }[] = [];

const start = parseIsoDate(data.season.start);
for (let n = 0; n < data.season.days; n++) {
  const day = addDays(start, n);
  const log: string[] = [];

  // 登记, 核对, 审核: orders come in and are reviewed.
  for (const raw of data.orders.filter((o) => o.orderedOn === day)) {
    const lines = raw.lines.map((l) => ({
      ...l,
      amount: new Money(l.unitPrice).times(l.quantity).toString(),
    }));
    const total = lines.reduce((sum, l) => sum.plus(l.amount), new Money(0)).toString();
    orders.push(receiveOrder({ ...raw, total, lines }, actor("sales", day, "09:00")));
    orders = orders.map((o) =>
      o.id === raw.id ? step(o, { type: "verify" }, actor("sales", day, "09:20")) : o,
    );
    log.push(`order ${raw.id} received from ${raw.franchisee}`);
  }
  for (const [id, when] of Object.entries(data.approvals)) {
    if (when.slice(0, 10) !== day) continue;
    orders = orders.map((o) =>
      o.id === id ? step(o, { type: "approve" }, actor("review", day, when.slice(11))) : o,
    );
    log.push(`order ${id} approved at ${when.slice(11)}`);
  }

  // 6.1–6.3: the supply timeline tells suppliers, franchisees and the warehouse what is coming.
  const notices = supplyNotices({
    from: day,
    to: day,
    currency: data.season.currency,
    products: data.products,
    franchisees: franchiseesFromLedger(),
    purchaseOrders: data.purchaseOrders,
    ...allocationDemand(orders),
  });
  for (const notice of notices) {
    if (notice.kind === "fund-preparation") {
      log.push(
        `notice ${notice.franchisee}: prepare ${notice.needed} for ${notice.purchaseOrders.join(", ")} (lacking ${notice.lacking})`,
      );
    } else if (notice.kind === "warehouse-receiving") {
      log.push(`notice warehouse: ${notice.purchaseOrder} arrives ${notice.expectedArrival}`);
    } else {
      log.push(`notice purchasing: ${notice.purchaseOrder} not confirmed by ${notice.due}`);
    }
  }

  // 6.4: supply arrives at the central warehouse.
  for (const po of data.purchaseOrders.filter((p) => p.expectedArrival === day)) {
    for (const { sku, quantity } of po.lines)
      freeStock.set(sku, (freeStock.get(sku) ?? 0) + quantity);
    log.push(`arrival ${po.id}: ${po.lines.map((l) => `${l.quantity} × ${l.sku}`).join(", ")}`);
  }

  // 6.4.1: finance books the day's payments.
  for (const payment of data.payments.filter((p) => p.on === day)) {
    book({ kind: "deposit", ...payment });
    log.push(`payment ${payment.franchisee}: ${payment.amount}`);
  }

  // 签收 and 验收 of earlier shipments.
  for (const d of deliveries.filter((x) => x.day === day)) {
    orders = orders.map((o) => {
      if (o.id !== d.order) return o;
      const delivered = step(
        o,
        { type: "deliver", line: d.line, quantity: d.quantity },
        actor("carrier", day, "10:00"),
      );
      return step(
        delivered,
        { type: "accept", line: d.line, quantity: d.quantity },
        actor(`store:${o.franchisee}`, day, "15:00"),
      );
    });
    log.push(`delivered and accepted ${d.quantity} on ${d.order} line ${d.line}`);
  }

  // 分货: the daily allocation run.
  const live = orders.some((o) => o.state === "approved" || o.state === "fulfilling");
  if (live) {
    const plan = allocate({
      asOf: day,
      currency: data.season.currency,
      products: data.products,
      supply: [...freeStock].map(([sku, quantity]) => ({ sku, quantity })),
      franchisees: franchiseesFromLedger(),
      ...allocationDemand(orders),
      regions: data.regions,
      stores: data.stores,
      storeNeeds: data.safetyStock.map((need) => ({
        ...need,
        onHand: storeStock.get(`${need.store}|${need.sku}`) ?? 0,
      })),
    });
    plans.push(plan);
    const applied = applyPlan(orders, plan, actor("planner", day, "11:00"));
    if (!applied.ok) throw new Error(JSON.stringify(applied.errors));
    orders = [...applied.orders];
    freeStock = new Map(plan.remaining.map((r) => [r.sku, r.quantity]));
    for (const s of plan.storeAllocations) {
      storeStock.set(
        `${s.store}|${s.sku}`,
        (storeStock.get(`${s.store}|${s.sku}`) ?? 0) + s.quantity,
      );
      log.push(`store ${s.store} gets ${s.quantity} × ${s.sku}`);
    }
    for (const row of plan.franchiseeAllocations) {
      const how = row.source === "lock" ? "lock converted" : "allocated";
      log.push(
        `${how}: ${row.quantity} × ${row.sku} to ${row.franchisee} (${row.order}), ${row.amount}`,
      );
    }
    for (const lock of plan.locks.filter((l) => l.isNew)) {
      log.push(
        `locked ${lock.quantity} × ${lock.sku} for ${lock.franchisee} until ${lock.expiresOn}`,
      );
    }
    for (const lock of plan.releasedLocks) {
      log.push(
        `lock expired: ${lock.quantity} × ${lock.sku} of ${lock.franchisee} back to free stock`,
      );
    }
    ship(plan, day, log);
  }

  if (log.length > 0) {
    console.log(`\n${day}${isWorking(day) ? "" : " (non-working day)"}`);
    for (const line of log) console.log(`  · ${line}`);
  }
}

// The season's indicators (R-KPI-1) and service levels (R-SLA-1..4).
const end = at(addDays(start, data.season.days - 1), "23:00");
const regionOf = new Map(data.franchisees.map((f) => [f.id, f.region]));
const kpi = indicators({
  orders,
  plans,
  regionOf,
  // R-KPI-1: a unit is on time if shipped by its R-SLA-2 clock's deadline.
  sla: { at: end, calendar },
});
console.log(`\nIndicators at ${end}`);
const row = (name: string, r: Rates) =>
  console.log(
    `  ${name.padEnd(12)} fill ${pct(r.fillRate.rate)}  fulfilment ${pct(r.fulfilmentRate.rate)}  on-time ${pct(r.onTimeShipmentRate.rate)}  lock conversion ${pct(r.lockConversionRate.rate)}  lock expiry ${pct(r.lockExpiryRate.rate)}`,
  );
row("overall", kpi.overall);
for (const r of kpi.byFranchisee) row(r.franchisee, r);
for (const r of kpi.byRegion) row(r.region, r);

console.log("\nSLA breaches, most late first");
const breaches = slaBreaches(orders, { at: end, calendar, requests: data.afterSales });
for (const clock of breaches) {
  if (clock.status === "breached")
    console.log(`  ${clock.order} ${clock.sla}: due ${clock.deadline}, late by ${clock.lateBy}`);
}
if (breaches.length === 0) console.log("  (none)");

console.log("\nLedger at the end of the season");
for (const account of ledger.accounts) {
  console.log(
    `  ${account.franchisee}: cash ${account.cash}, credit used ${account.creditUsed} of ${account.creditLimit}`,
  );
}

function franchiseesFromLedger(): NonNullable<AllocationInput["franchisees"]> {
  return data.franchisees.map(({ id, priority, region }) => {
    const account = accountOf(ledger, id);
    return {
      id,
      priority,
      region,
      cash: account?.cash ?? "0",
      creditLimit: account?.creditLimit ?? "0",
      creditUsed: account?.creditUsed ?? "0",
    };
  });
}

/** 拣货 + 发货 at 16:00; delivery two working days later. */
function ship(plan: AllocationPlan, day: string, log: string[]): void {
  for (const list of pickLists(plan)) {
    if (list.destination.kind !== "franchisee") continue;
    const posted = postPickList(orders, list, actor("warehouse", day, "16:00"));
    if (!posted.ok) throw new Error(JSON.stringify(posted.errors));
    orders = [...posted.orders];
    posted.effects.forEach((effect, index) => {
      const event = ledgerEventOf(
        effect,
        `DN-${day}-${list.destination.kind === "franchisee" ? list.destination.franchisee : ""}-${index + 1}`,
      );
      if (event !== undefined) book(event);
    });
    const arrives = localDateOf(calendar, addWorkingDays(calendar, at(day, "16:00"), 2));
    for (const line of list.lines) {
      for (const served of line.orders ?? []) deliveries.push({ day: arrives, ...served });
    }
    log.push(
      `shipped ${list.units} unit(s) to ${list.destination.franchisee}, arriving ${arrives}`,
    );
  }
}

function step(order: SalesOrder, event: LifecycleEventInput, who: Actor): SalesOrder {
  const result = transition(order, event, who);
  if (!result.ok) throw new Error(`${order.id}: ${result.error.message}`);
  for (const effect of result.effects) {
    const e = ledgerEventOf(effect, `${order.id}-${result.order.audit.length}`);
    if (e !== undefined) book(e);
  }
  return result.order;
}

function book(event: object): void {
  const posted = post(ledger, event);
  if (!posted.ok) throw new Error(posted.error.message);
  ledger = posted.ledger;
}

function isWorking(day: string): boolean {
  return localDateOf(calendar, addWorkingDays(calendar, at(day, "12:00"), 0)) === day;
}

function pct(rate: string | null): string {
  return rate === null
    ? "   –  "
    : `${new Money(rate).times(100).toDecimalPlaces(1, Money.ROUND_HALF_EVEN).toString().padStart(5)}%`;
}
