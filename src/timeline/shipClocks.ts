import type { ShipClockStart } from "../domain/vocabulary.js";
import type { SalesOrder } from "../lifecycle/order.js";
import { addWorkingDays } from "./calendar.js";
import { ms, type ReadOptions } from "./slaOptions.js";

/*
 * R-SLA-2, edition 2: an order's shipping clocks replayed from its audit trail
 * up to an instant. With `shipClockFrom: "allocation"` every `allocate` entry
 * starts a clock for the units it moved, from the later of receipt and the
 * allocation; with `"receipt"` one clock from receipt owes every unit (the
 * first reading). `ship` entries settle a line's units oldest clock first; under
 * `"receipt"` a `cancelRemaining` settles the rest of its line too, since the
 * brand owed those units until then (under `"allocation"` it cancels only units
 * never allocated, which have no clock). A `cancel` or `reject` stops every clock
 * still open: what it owed will never ship. Deadlines and statuses are read
 * elsewhere (sla.ts): here are only the units, their lines and the instants.
 */

/** Units of a line settled at an instant: shipped, or cut short (`cancelRemaining`, receipt clock only). */
export interface Settlement {
  readonly line: number;
  readonly units: number;
  readonly atMs: number;
  readonly shipped: boolean;
}

/** One shipping clock, replayed up to an instant. */
interface Replay {
  /** The `seq` of the audit entry that started it: an allocation, or the receipt. */
  readonly entry: number;
  /** The line of an allocation's clock; absent for the receipt clock, which owes every line. */
  readonly line?: number;
  /** The instant it starts, as written in the audit trail. */
  readonly start: string;
  /** The units it owes, per line. */
  readonly owed: ReadonlyMap<number, number>;
  readonly settlements: readonly Settlement[];
  /** When its last unit was settled; absent while one is owed. */
  readonly doneAt?: string;
  /** When a cancellation, rejection or amendment to nothing stopped it with units owed. */
  readonly stoppedAt?: string;
}

/** A replayed clock with its deadline and unit counts. */
export interface ShipClockReplay extends Replay {
  /** `shippingWorkingDays` working days after its start, in the calendar's zone. */
  readonly deadline: string;
  readonly units: number;
  readonly shippedUnits: number;
}

/**
 * The order's shipping clocks at `atMs` as the policy's `shipClockFrom` starts
 * them, each with its deadline, oldest first.
 */
export function replayShipClocks(order: SalesOrder, options: ReadOptions): ShipClockReplay[] {
  const { atMs, calendar, policy } = options;
  const sum = (values: Iterable<number>) => [...values].reduce((total, n) => total + n, 0);
  return replay(order, policy.shipClockFrom, atMs).map((clock) => ({
    ...clock,
    deadline: addWorkingDays(calendar, clock.start, policy.shippingWorkingDays),
    units: sum(clock.owed.values()),
    shippedUnits: sum(clock.settlements.filter((s) => s.shipped).map((s) => s.units)),
  }));
}

/**
 * When every unit of the order was settled — shipped, or cut short after a
 * partial shipment — counted from the whole audit trail; undefined while a
 * unit is owed, once the order is cancelled or rejected, and for an order
 * without a unit.
 */
export function settledAt(order: SalesOrder): string | undefined {
  return replay(order, "receipt", Number.POSITIVE_INFINITY)[0]?.doneAt;
}

interface Running {
  entry: number;
  line?: number;
  start: string;
  owed: Map<number, number>;
  left: number;
  settlements: Settlement[];
  doneAt?: string;
  stoppedAt?: string;
}

/**
 * The order's shipping clocks at `atMs`, oldest first (audit order): what
 * happened after `atMs` has not happened yet. An order with nothing allocated
 * has no clock under `"allocation"`; under `"receipt"` an order without a unit
 * has none, unless amendments took its units away — then its clock stops at
 * the last amendment, so a breach before it stays.
 */
function replay(order: SalesOrder, from: ShipClockStart, atMs: number): Replay[] {
  const [receipt, ...rest] = order.audit;
  if (receipt === undefined) return [];
  const clocks: Running[] = [];
  let emptiedBy: number | undefined;
  if (from === "receipt") {
    const owed = new Map(
      order.lines.filter((line) => line.quantity > 0).map((line) => [line.line, line.quantity]),
    );
    const left = [...owed.values()].reduce((sum, units) => sum + units, 0);
    const amendments = order.audit.filter((e) => e.event === "amend");
    emptiedBy = left > 0 ? undefined : amendments[amendments.length - 1]?.seq;
    if (left > 0 || emptiedBy !== undefined) {
      clocks.push({ entry: receipt.seq, start: receipt.at, owed, left, settlements: [] });
    }
  }
  const stop = (at: string) => {
    for (const clock of clocks)
      if (clock.doneAt === undefined && clock.stoppedAt === undefined) clock.stoppedAt = at;
  };
  for (const entry of rest) {
    if (ms(entry.at) > atMs) continue;
    const { line, quantity } = entry;
    if (entry.event === "cancel" || entry.event === "reject" || entry.seq === emptiedBy) {
      stop(entry.at);
    } else if (line === undefined || quantity === undefined) {
      // Only line events move units.
    } else if (entry.event === "allocate" && from === "allocation") {
      const start = ms(entry.at) < ms(receipt.at) ? receipt.at : entry.at;
      const owed = new Map([[line, quantity]]);
      clocks.push({ entry: entry.seq, line, start, owed, left: quantity, settlements: [] });
    } else if (
      entry.event === "ship" ||
      (entry.event === "cancelRemaining" && from === "receipt")
    ) {
      settle(clocks, line, quantity, entry.at, entry.event === "ship");
    }
  }
  return clocks.map(({ left: _, ...clock }) => clock);
}

/** Settles `units` of `line`, oldest open clock first (R-SLA-2). */
function settle(clocks: Running[], line: number, units: number, at: string, shipped: boolean) {
  let left = units;
  for (const clock of clocks) {
    if (left === 0) return;
    const settled = clock.settlements
      .filter((s) => s.line === line)
      .reduce((sum, s) => sum + s.units, 0);
    const open = Math.min(left, (clock.owed.get(line) ?? 0) - settled);
    if (open <= 0 || clock.stoppedAt !== undefined) continue;
    clock.settlements.push({ line, units: open, atMs: ms(at), shipped });
    clock.left -= open;
    left -= open;
    if (clock.left === 0) clock.doneAt = at;
  }
}
