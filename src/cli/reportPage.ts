import type { AllocationPlan, PlanException } from "../index.js";

/*
 * The HTML of `fenhuo report` (report.ts draws its charts): one page with its
 * own style, no script and a policy that lets nothing load, the charts, the
 * exceptions and the plan's lists, every text escaped.
 */

/** A chart as the page shows it: its caption and its SVG. */
export interface Chart {
  readonly title: string;
  readonly svg: string;
}

/** Text as HTML writes it: `&`, `<`, `>` and `"` escaped. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function table(
  title: string,
  rows: readonly object[],
  top: number,
  columns?: readonly string[],
): string {
  const shown = rows.slice(0, top);
  const keys = columns ?? [...new Set(shown.flatMap((row) => Object.keys(row)))];
  const cell = (value: unknown) =>
    escapeHtml(
      value === undefined
        ? ""
        : typeof value === "object" && value !== null
          ? JSON.stringify(value)
          : String(value),
    );
  const head = keys.map((k) => `<th>${escapeHtml(k)}</th>`).join("");
  const body = shown
    .map(
      (row) =>
        `<tr>${keys.map((k) => `<td>${cell((row as Record<string, unknown>)[k])}</td>`).join("")}</tr>`,
    )
    .join("\n");
  const more =
    rows.length > top
      ? `<p class="more">… and ${rows.length - top} more rows: the full list is in the plan's JSON (or <code>--format xlsx</code>).</p>`
      : "";
  const content =
    rows.length === 0
      ? `<p class="none">(none)</p>`
      : `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${more}`;
  return `<section><h2>${escapeHtml(title)} <span class="count">${rows.length}</span></h2>${content}</section>`;
}

/** The whole page: its head and style, the charts, the exceptions, the plan's lists (`top` rows each). */
export function page(
  plan: AllocationPlan,
  charts: readonly Chart[],
  list: readonly PlanException[],
  top: number,
): string {
  const lists: [string, readonly object[]][] = [
    ["Franchisee allocations", plan.franchiseeAllocations],
    ["Locks", plan.locks],
    ["Store allocations", plan.storeAllocations],
    ["Region allocations", plan.regionAllocations],
    ["Unfilled", plan.unfilled],
    ["Remaining", plan.remaining],
    ["Balances", plan.balances],
    ["Payment requests (通知加盟商打款)", plan.paymentRequests],
  ];
  const figures = charts
    .map(
      (chart) =>
        `<figure class="chart"><figcaption>${escapeHtml(chart.title)}</figcaption>${chart.svg}</figure>`,
    )
    .join("\n");
  const exceptionTable = table("Exceptions (R-EXCEPT)", list, Math.max(top, 50), [
    "severity",
    "code",
    "sentence",
  ]);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>fenhuo plan ${escapeHtml(plan.asOf)}</title>
<style>
body { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif; margin: 24px; color: #222; }
h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; }
.meta { color: #555; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
figure.chart { margin: 0; border: 1px solid #ddd; padding: 8px; }
figcaption { font-weight: 600; margin-bottom: 4px; }
table { border-collapse: collapse; font-size: 13px; }
th, td { border: 1px solid #ddd; padding: 3px 6px; text-align: left; }
th { background: #f4f4f4; }
.count { color: #888; font-weight: normal; }
.more, .none { color: #666; }
</style>
</head>
<body>
<h1>分货 fenhuo — allocation plan of ${escapeHtml(plan.asOf)}</h1>
<p class="meta">Currency ${escapeHtml(plan.currency)}${plan.planId === undefined ? "" : ` · planId <code>${escapeHtml(plan.planId.slice(0, 16))}…</code>`} · ${plan.franchiseeAllocations.length} franchisee allocations, ${plan.locks.length} locks, ${plan.storeAllocations.length} store and ${plan.regionAllocations.length} region allocations, ${plan.unfilled.length} unfilled</p>
<div class="charts">
${figures}
</div>
${exceptionTable}
${lists.map(([title, rows]) => table(title, rows, top)).join("\n")}
</body>
</html>
`;
}
