/**
 * Quickstart: allocate a bundled spring wave and print what fenhuo decided, and why.
 *
 *   npm run example
 *
 * The wave (examples/data/spring-wave.json) has four franchisees — one rich,
 * one short of money, one unfunded, one whose lock expires today — in its
 * payment grace (R-LOCK-GRACE) it converts what its money pays for and the rest
 * is released — and direct and concession stores in five regions, nanning
 * among them.
 */
import { readFileSync } from "node:fs";
import { allocate, explain } from "../src/index.js";

const file = new URL("./data/spring-wave.json", import.meta.url);
const input = JSON.parse(readFileSync(file, "utf8"));
const plan = allocate(input);

section(`Allocation run of ${plan.asOf} (${plan.currency})`);

table(
  "Franchisee allocations",
  ["order", "line", "franchisee", "sku", "qty", "amount", "cash", "credit", "source"],
  plan.franchiseeAllocations.map((a) => [
    a.order,
    a.line,
    a.franchisee,
    a.sku,
    a.quantity,
    a.amount,
    a.cash,
    a.credit,
    a.source,
  ]),
);
table(
  "Locks after the run (pay before expiry, or the stock is released)",
  ["lock", "franchisee", "sku", "qty", "expires", "new"],
  plan.locks.map((l) => [l.id, l.franchisee, l.sku, l.quantity, l.expiresOn, l.isNew ? "yes" : ""]),
);
table(
  "Released locks",
  ["lock", "sku", "qty", "expired", "relock from"],
  plan.releasedLocks.map((l) => [l.id, l.sku, l.quantity, l.expiresOn, l.lockBlockedUntil]),
);
const regionName = new Map<string, string>(
  (input.regions ?? []).map((r: { id: string; name?: string }) => [r.id, r.name ?? r.id]),
);
table(
  "Direct and concession stores",
  ["store", "region", "sku", "qty"],
  plan.storeAllocations.map((s) => [
    s.store,
    regionName.get(s.region) ?? s.region,
    s.sku,
    s.quantity,
  ]),
);
table(
  "Region warehouses",
  ["region", "sku", "qty"],
  plan.regionAllocations.map((r) => [regionName.get(r.region) ?? r.region, r.sku, r.quantity]),
);
table(
  "Unfilled",
  ["demand", "sku", "qty", "reason"],
  plan.unfilled.map((u) => [
    u.kind === "order-line"
      ? `${u.order}#${u.line}`
      : u.kind === "store"
        ? u.store
        : `region ${u.region}`,
    u.sku,
    u.quantity,
    u.reason,
  ]),
);
table(
  "Balances",
  ["franchisee", "spendable", "cash used", "credit used", "cash after", "credit after"],
  plan.balances.map((b) => [
    b.franchisee,
    b.spendableBefore,
    b.cashCommitted,
    b.creditCommitted,
    b.cashAfter,
    b.creditAvailableAfter,
  ]),
);
table(
  "Payment requests (通知加盟商打款)",
  ["franchisee", "amount", "pay before", "locks"],
  plan.paymentRequests.map((p) => [p.franchisee, p.amount, p.payBefore, p.locks.length]),
);
for (const warning of plan.warnings) console.log(`warning ${warning.code}: ${warning.message}`);

section("Why?");
for (const ref of [
  { kind: "order-line", order: "SO-1001", line: 2 },
  { kind: "store", store: "SZ-COCO", sku: "T100-RED-M" },
] as const) {
  console.log(`${explain(plan, ref).sentence}\n`);
}

function section(title: string): void {
  console.log(`\n${title}\n${"=".repeat(width(title))}`);
}

function table(title: string, head: string[], rows: (string | number)[][]): void {
  console.log(`\n${title}`);
  if (rows.length === 0) {
    console.log("  (none)");
    return;
  }
  const cells = [head, ...rows.map((row) => row.map(String))];
  const widths = head.map((_, column) => Math.max(...cells.map((row) => width(row[column] ?? ""))));
  const numeric = head.map((_, column) =>
    rows.every(
      (row) => typeof row[column] === "number" || /^\d+(\.\d+)?$/.test(String(row[column])),
    ),
  );
  const line = (row: string[]) =>
    `  ${row
      .map((cell, column) => {
        const pad = " ".repeat((widths[column] ?? 0) - width(cell));
        return numeric[column] ? pad + cell : cell + pad;
      })
      .join("  ")}`.trimEnd();
  console.log(line(head));
  console.log(`  ${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const row of cells.slice(1)) console.log(line(row));
}

/** Display width: CJK and other wide characters take two columns. */
function width(text: string): number {
  let columns = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6);
    columns += wide ? 2 : 1;
  }
  return columns;
}
