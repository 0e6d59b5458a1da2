/**
 * `fenhuo report` (src/cli/report.ts): one self-contained HTML page — charts
 * drawn to SVG by ECharts' server-side renderer, the exceptions, the plan's
 * lists with their top rows — and, when Chromium is on the machine (CI installs
 * it), the page opened in a real headless browser: the charts render as
 * non-empty SVG boxes, nothing is logged as an error, no request leaves the
 * page; a screenshot is written to build/report.png for people to look at.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import springWave from "../../examples/data/spring-wave.json" with { type: "json" };
import { reportHtml } from "../../src/cli/report.js";
import { run } from "../../src/cli/run.js";
import { type AllocationInput, allocate, exceptions } from "../../src/index.js";
import { memoryIo } from "../support/memoryIo.js";

const plan = allocate(springWave as AllocationInput);
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CHROMIUM = "/usr/bin/chromium";

describe("fenhuo report", () => {
  it("one self-contained page: four SVG charts, the exceptions, the plan's lists; no script, nothing to load", async () => {
    const html = await reportHtml(plan);
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html.match(/<svg /g)?.length).toBe(4);
    expect(html).not.toMatch(/<script|<link|https?:\/\/(?!www\.w3\.org)/);
    expect(html).toContain("Stock by SKU and channel (units)");
    for (const e of exceptions(plan)) expect(html).toContain(e.code);
    expect(html).toContain(
      `Franchisee allocations <span class="count">${plan.franchiseeAllocations.length}</span>`,
    );
  });

  it("big lists show their top rows and say how many more; a chart sums the rest", async () => {
    const html = await reportHtml(plan, { top: 2 });
    expect(html).toContain(`… and ${plan.franchiseeAllocations.length - 2} more rows`);
    expect(html).toMatch(/other \(\d+\)/);
  });

  it("the command writes the page to --out; --top must be a number", async () => {
    const io = memoryIo({ inputs: { "plan.json": JSON.stringify(plan) } });
    const version = async () => "0";
    expect(await run(["report", "plan.json", "--out", "report.html"], { io, version })).toBe(0);
    expect(io.files.get("report.html")?.join("")).toBe(await reportHtml(plan));
    expect(await run(["report", "plan.json", "--top", "many"], { io, version })).toBe(2);
    expect(await run(["report", "plan.json", "--within-days", "5000"], { io, version })).toBe(2);
  });

  it("a real browser renders the charts, logs no error and makes no request; a screenshot is written", async (context) => {
    if (!existsSync(CHROMIUM)) {
      if (process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs it with apt`);
      console.log(`skipped: no ${CHROMIUM} on this machine (apt-get install chromium to run it)`);
      context.skip();
    }
    const { chromium } = await import("playwright-core");
    const folder = resolve(root, "build");
    mkdirSync(folder, { recursive: true });
    const file = resolve(folder, "report.html");
    writeFileSync(file, await reportHtml(plan));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("request", (request) => requests.push(request.url()));
      const url = pathToFileURL(file).href;
      await page.goto(url);
      const boxes = await page.locator("figure.chart svg").evaluateAll((svgs) =>
        svgs.map((svg) => {
          const box = svg.getBoundingClientRect();
          return {
            width: box.width,
            height: box.height,
            shapes: svg.querySelectorAll("path, rect").length,
          };
        }),
      );
      expect(boxes).toHaveLength(4);
      for (const box of boxes) {
        expect(box.width).toBeGreaterThan(100);
        expect(box.height).toBeGreaterThan(100);
        expect(box.shapes).toBeGreaterThan(3);
      }
      expect(errors).toEqual([]);
      expect(requests).toEqual([url]);
      await page.screenshot({ path: resolve(folder, "report.png"), fullPage: false });
    } finally {
      await browser.close();
    }
  }, 60_000);
});
