import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lifecycleDocument } from "../../scripts/lifecycle-document.js";
import { BUCKET_EDGES, LIFECYCLE, lifecycleDiagram } from "../../src/index.js";

describe("docs/lifecycle.md is generated from the machine", () => {
  it("matches the machine (run `npm run docs:lifecycle` after changing it)", () => {
    const committed = readFileSync(new URL("../../docs/lifecycle.md", import.meta.url), "utf8");
    expect(committed).toBe(lifecycleDocument());
  });

  it("draws every event's every transition and every bucket edge", () => {
    const diagram = lifecycleDiagram();
    for (const [name, spec] of Object.entries(LIFECYCLE.events)) {
      for (const from of spec.from) {
        const to = spec.to === "same" ? from : spec.to;
        expect(diagram).toContain(`  ${from} --> ${to}: ${name} (${spec.label})`);
      }
    }
    for (const [from, to] of BUCKET_EDGES)
      expect(diagram).toMatch(new RegExp(`  ${from} -->\\|\\w+\\| ${to}`));
  });
});
