/**
 * R-RUN-3: the planId is the same for the same input in any array order — here
 * for commitments tied on order and line, on date, and on plan, and undated ones.
 */
import { describe, expect, it } from "vitest";
import { type AllocationInput, parseAllocationInput, planIdOf } from "../../src/index.js";
import { franchisee, order, t100, t100Wave, tiedCommitments } from "../support/fixtures.js";

const rows = tiedCommitments();

const input = (commitments: typeof rows): AllocationInput =>
  t100Wave(0, {
    franchisees: [franchisee("F01", 1, "2000")],
    orders: [
      order("SO-1", "F01", "2026-02-10", [
        t100(4, "100", { allocated: 3 }),
        t100(3, "100", { allocated: 2 }),
      ]),
      order("SO-2", "F01", "2026-02-11", [t100(4, "100", { allocated: 3 })]),
    ],
    commitments,
  });

function idOf(commitments: typeof rows): string {
  const parsed = parseAllocationInput(input(commitments));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return planIdOf(parsed.value);
}

describe("R-RUN-3: planId and the order of commitments", () => {
  it("R-RUN-3: every order of the commitments gives one planId; another commitment gives another", () => {
    const id = idOf(rows);
    // Reversed, rotated and interleaved: ties on order and line, on date, undated ones.
    const orders = [
      [...rows].reverse(),
      [...rows.slice(3), ...rows.slice(0, 3)],
      rows.filter((_, k) => k % 2 === 0).concat(rows.filter((_, k) => k % 2 === 1)),
      [rows[6], rows[7], rows[5], rows[4], rows[3], rows[2], rows[1], rows[0]],
    ] as (typeof rows)[];
    for (const shuffled of orders) expect(idOf(shuffled)).toBe(id);
    const moved = rows.map((row, k) => (k === 6 ? { ...row, committedOn: "2026-02-19" } : row));
    expect(idOf(moved)).not.toBe(id);
  });
});
