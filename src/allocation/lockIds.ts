import type { LineTable } from "./lineTable.js";
import type { RunState } from "./state.js";

/*
 * The ids of a run's new locks (R-LOCK-PLACE) and their order in a payment
 * request (R-UNIT-4), for the plan (output.ts) and, when read, its trace.
 */

/**
 * The id of line `i`'s new lock (R-LOCK-PLACE): `LK-<asOf>-<order>-<line>`,
 * unique among new locks since the line number closes them. Should a carried
 * lock already hold the id, a `~n` suffix (which no such id ends with) makes
 * it unique. Made anew on each call: the plan's rows and, when read, the
 * trace ask for each lock once.
 */
export function lockIdOf(state: RunState): (i: number) => string {
  const { lines, request } = state;
  const prefix = `LK-${request.asOf}-`;
  // Only a carried id with the same prefix can collide (most runs have none).
  const carried = new Set(
    request.locks.map((lock) => lock.id).filter((id) => id.startsWith(prefix)),
  );
  return (i) => {
    // Joined, not concatenated: a flat string, which sorting and printing read
    // without first copying a concatenation tree into one.
    const line = (lines.source[i] as LineTable["source"][number]).line;
    const base = [prefix, orderId(lines, i), "-", line].join("");
    let id = base;
    if (carried.size > 0) for (let n = 2; carried.has(id); n++) id = `${base}~${n}`;
    return id;
  };
}

/** The id of line `i`'s order. */
export function orderId(lines: LineTable, i: number): string {
  return (lines.orders[lines.order[i] as number] as LineTable["orders"][number]).id;
}

/**
 * `ids` in code-unit order (R-UNIT-4), as `ids.sort()` puts them. A
 * franchisee's new lock ids come in line order, which is that order but
 * within an order's lines (`-10` sorts before `-2`): an insertion sort puts
 * them right in a few moves each; should the moves pass a bound (ids of
 * orders whose ids prefix one another), the array is sorted outright.
 */
export function sortIds(ids: string[]): string[] {
  let budget = 8 * ids.length;
  for (let k = 1; k < ids.length; k++) {
    const id = ids[k] as string;
    let j = k - 1;
    if ((ids[j] as string) <= id) continue;
    while (j >= 0 && (ids[j] as string) > id) {
      ids[j + 1] = ids[j] as string;
      j--;
      if (--budget < 0) {
        ids[j + 1] = id;
        return ids.sort();
      }
    }
    ids[j + 1] = id;
  }
  return ids;
}
