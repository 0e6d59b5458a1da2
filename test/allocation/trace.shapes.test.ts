/**
 * The trace's decisions, field by field, where a field is there only sometimes
 * (R-LOCK-PLACE: a lock id only when units were locked) and where a demand of
 * nothing makes no decision (R-ALLOC-DIRECT).
 */
import { describe, expect, it } from "vitest";
import { allocate } from "../../src/index.js";
import { franchisee, order, t100, t100Wave } from "../support/fixtures.js";

describe("decisions that are there, and fields that are there, only sometimes", () => {
  it("R-LOCK-PLACE: a lock decision that locked nothing names no lock and no expiry", () => {
    // F01 (no money) wants 3; the 2 in stock are locked. F02 (no money) wants 1: none left.
    const plan = allocate(
      t100Wave(2, {
        franchisees: [franchisee("F01", 1, "0"), franchisee("F02", 2, "0")],
        orders: [
          order("SO-1", "F01", "2026-02-10", [t100(3)]),
          order("SO-2", "F02", "2026-02-10", [t100(1)]),
        ],
      }),
    );
    const locks = plan.trace.filter((decision) => decision.pass === "lock");
    expect(
      locks.map((decision) => [
        decision.kind === "order-line" && decision.order,
        decision.quantity,
      ]),
    ).toEqual([
      ["SO-1", 2],
      ["SO-2", 0],
    ]);
    expect(locks[0]).toMatchObject({ lock: "LK-2026-03-01-SO-1-1", expiresOn: "2026-03-16" });
    expect(Object.keys(locks[1] ?? {})).not.toContain("lock");
    expect(Object.keys(locks[1] ?? {})).not.toContain("expiresOn");
  });

  it("R-ALLOC-DIRECT: a region need of 0 units makes no claim and no decision", () => {
    const plan = allocate(
      t100Wave(5, {
        regions: [{ id: "R1" }, { id: "R2" }],
        regionNeeds: [
          { region: "R1", sku: "T100", quantity: 0 },
          { region: "R2", sku: "T100", quantity: 2 },
        ],
      }),
    );
    const direct = plan.trace.filter((decision) => decision.pass === "direct");
    expect(direct.map((decision) => decision.kind === "region" && decision.region)).toEqual(["R2"]);
    expect(plan.regionAllocations).toEqual([{ region: "R2", sku: "T100", quantity: 2 }]);
  });
});
