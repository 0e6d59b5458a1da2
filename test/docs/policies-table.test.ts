import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { policyTables, withPolicyTables } from "../../scripts/policy-table.js";
import { ALLOCATION_POLICY_FIELDS, DEFAULT_POLICY } from "../../src/index.js";

describe("docs/policies.md's tables are generated from the policy definitions", () => {
  const committed = readFileSync(new URL("../../docs/policies.md", import.meta.url), "utf8");

  it("match the definitions (run `npm run docs:policies` after changing one)", () => {
    expect(committed).toBe(withPolicyTables(committed));
  });

  it("list the default region orders in the regionOrder section", () => {
    const flat = committed.replace(/\s+/g, " ");
    for (const season of ["SS", "AW"] as const) {
      expect(flat).toContain(`- \`${season}\`: ${DEFAULT_POLICY.regionOrder[season].join(", ")}`);
    }
  });

  it("list every field of AllocationPolicy with its rule and default", () => {
    const tables = policyTables();
    for (const [name, field] of Object.entries(ALLOCATION_POLICY_FIELDS)) {
      expect(tables).toContain(`[\`${name}\`](#${name.toLowerCase()})`);
      expect(tables).toContain(field.rule);
    }
    expect(tables).toContain('`"priority"`');
    expect(Object.keys(DEFAULT_POLICY)).toEqual(Object.keys(ALLOCATION_POLICY_FIELDS));
  });
});
