/**
 * Issue 14: what `import { allocate }` costs a consumer's bundle stays what
 * docs/bundle-size.md says, within a margin. The sources are bundled (no build
 * needed) as scripts/bundle-size.ts does; the published dist/ has the same
 * module graph (tsup writes one ES module per source module).
 *
 * What this catches: `import { z } from "zod"` (the named export is zod's whole
 * namespace, locales and all: +360 kB), and a module-level import that drags
 * another layer into allocate's graph (the JSON Schema builder, the calendar
 * and its temporal-polyfill, the ledger, the lifecycle).
 */
import { describe, expect, it } from "vitest";
import { bundleSize } from "../../scripts/bundle-size.js";

/** Budgets, minified bytes: the figures of docs/bundle-size.md and room to grow. */
const BUDGET = { total: 240_000, zod: 110_000 };

describe("the bundle of import { allocate }", () => {
  it("stays within its budget, zod's part too, and holds no temporal-polyfill", async () => {
    const size = await bundleSize("./src/index.ts");
    const bytesOf = (name: string) => size.packages.find((p) => p.name === name)?.bytes ?? 0;
    expect(size.bytes).toBeLessThanOrEqual(BUDGET.total);
    expect(bytesOf("zod")).toBeLessThanOrEqual(BUDGET.zod);
    expect(size.packages.map((p) => p.name).sort()).toEqual(["decimal.js", "fenhuo", "zod"]);
  }, 60_000);
});
