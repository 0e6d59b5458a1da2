import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  ALLOCATION_POLICY_FIELDS,
  DEFAULT_LEAD_TIMES,
  DEFAULT_POLICY,
  DEFAULT_SLA_POLICY,
  defaultsOf,
  type Issue,
  LEAD_TIME_FIELDS,
  type PolicyField,
  SLA_POLICY_FIELDS,
} from "../../src/index.js";
import { completePolicy } from "../../src/schema/policyWire.js";

const source = readFileSync(new URL("../../src/domain/policy.ts", import.meta.url), "utf8");

describe("policies from one definition per field", () => {
  it("derive their defaults from the definitions, deep-frozen", () => {
    expect(DEFAULT_POLICY).toEqual(defaultsOf(ALLOCATION_POLICY_FIELDS));
    expect(DEFAULT_SLA_POLICY).toEqual({
      processingHours: 4,
      shippingWorkingDays: 3,
      shipClockFrom: "allocation",
      answerHours: 24,
    });
    expect(DEFAULT_LEAD_TIMES).toEqual({
      confirmationDays: 14,
      fundPreparationDays: 15,
      receivingDays: 7,
    });
    expect(Object.isFrozen(DEFAULT_POLICY.regionOrder.SS)).toBe(true);
    expect(Object.isFrozen(ALLOCATION_POLICY_FIELDS.spendOrder.values)).toBe(true);
  });

  it("write each field's meaning once: its TSDoc line is its rule and meaning", () => {
    const all: [string, PolicyField][] = [
      ...Object.entries(ALLOCATION_POLICY_FIELDS),
      ...Object.entries(SLA_POLICY_FIELDS),
      ...Object.entries(LEAD_TIME_FIELDS),
    ];
    for (const [name, field] of all) {
      const doc = source.match(new RegExp(`/\\*\\* ([^*]+) \\*/\\n\\s+${name}:`))?.[1];
      expect(doc, name).toBeDefined();
      expect(doc?.startsWith(field.rule), name).toBe(true);
      expect(doc, name).toContain(field.meaning.replace(/\.$/, "").slice(0, 30));
    }
  });

  it("fill a missing field with its default, and a missing season with its season's default", () => {
    const issues: Issue[] = [];
    const policy = completePolicy(
      ALLOCATION_POLICY_FIELDS,
      { lockDays: 3, regionOrder: { AW: ["beijing"] } },
      ["policy"],
      issues,
    );
    expect(issues).toEqual([]);
    expect(policy.lockDays).toBe(3);
    expect(policy.spendOrder).toBe("cash-first");
    expect(policy.regionOrder).toEqual({ SS: DEFAULT_POLICY.regionOrder.SS, AW: ["beijing"] });
    expect(completePolicy(SLA_POLICY_FIELDS, undefined, ["policy"], issues)).toEqual(
      DEFAULT_SLA_POLICY,
    );
  });

  it("check across a field's items: a region twice, a month in no season, a ranking not complete", () => {
    const issues: Issue[] = [];
    completePolicy(
      ALLOCATION_POLICY_FIELDS,
      {
        regionOrder: { SS: ["a", "a"] },
        seasonCalendar: { SS: [2, 3], AW: [4] },
        storeClassOrder: ["C", "B"],
      },
      ["policy"],
      issues,
    );
    const months = [1, 5, 6, 7, 8, 9, 10, 11, 12];
    expect(issues.map((found) => [found.code, found.path.join(".")])).toEqual([
      ["duplicate_key", "policy.regionOrder.SS.1"],
      ...months.map(() => ["inconsistent", "policy.seasonCalendar"]),
      ["inconsistent", "policy.storeClassOrder"],
    ]);
    expect(issues.slice(1, -1).map((found) => found.message)).toEqual(
      months.map((month) => `month ${month} must belong to exactly one season, but is in 0`),
    );
    expect(issues.at(-1)?.message).toBe("must list A, B and C once each");
  });
});
