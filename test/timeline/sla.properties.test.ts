/**
 * R-SLA-2 edition 2 and R-SLA-4 as properties: random lives of an order —
 * allocations (picked at once), shipments and perhaps a cancellation at random
 * instants — read at random instants under both `shipClockFrom` readings.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LifecycleEventInput } from "../../src/index.js";
import {
  orderSla,
  parseWorkCalendar,
  receiveOrder,
  type SalesOrder,
  type ShipClockStart,
  type SlaClock,
  transition,
} from "../../src/index.js";
import { propertyParams, propertyRuns } from "../support/runs.js";

const MINUTE = 60_000;
const calendar = parseWorkCalendar({ timeZone: "Asia/Shanghai", holidays: ["2026-03-05"] });
/** Monday 2 March 2026, 09:00 in Shanghai. */
const RECEIPT = Date.parse("2026-03-02T09:00:00+08:00");
const iso = (epoch: number) => new Date(epoch).toISOString();
const QUANTITIES = [4, 3];

function received(): SalesOrder {
  return receiveOrder(
    {
      id: "SO-P",
      franchisee: "F01",
      orderedOn: "2026-03-02",
      deliveryDate: "2026-03-31",
      contact: { name: "Li Lei", phone: "13800000000" },
      total: "70.00",
      lines: QUANTITIES.map((quantity, index) => ({
        line: index + 1,
        sku: `S${index + 1}`,
        quantity,
        unitPrice: "10.00",
        amount: `${quantity * 10}.00`,
      })),
    },
    { by: "sales:li", at: iso(RECEIPT) },
  );
}

/** Applies an event if the lifecycle accepts it; a refused one changes nothing. */
function attempt(order: SalesOrder, event: LifecycleEventInput, epoch: number): SalesOrder {
  const next = transition(order, event, { by: "ops:wang", at: iso(epoch) });
  return next.ok ? next.order : order;
}

/** Allocates `quantity` units of a line and picks them at once. */
function allocate(order: SalesOrder, line: number, quantity: number, epoch: number): SalesOrder {
  const cash = `${quantity * 10}`;
  const event = { type: "allocate", line, quantity, source: "funded", cash, credit: "0" } as const;
  return attempt(attempt(order, event, epoch), { type: "pick", line, quantity }, epoch);
}

const step = fc.record({
  gap: fc.integer({ min: 0, max: 3 * 24 * 60 }),
  kind: fc.constantFrom("allocate", "allocate", "ship", "ship", "cancel"),
  line: fc.constantFrom(1, 2),
  units: fc.integer({ min: 1, max: 4 }),
});

type Step = { gap: number; kind: string; line: number; units: number };

/** Plays steps after an approval `approveAfter` minutes after receipt; each step waits `gap` minutes. */
function live(start: SalesOrder, approveAfter: number, steps: readonly Step[]): SalesOrder {
  let epoch = RECEIPT + approveAfter * MINUTE;
  let order = attempt(attempt(start, { type: "verify" }, epoch), { type: "approve" }, epoch);
  for (const { gap, kind, line, units } of steps) {
    epoch += gap * MINUTE;
    const buckets = order.lines[line - 1]?.buckets;
    if (buckets === undefined) continue;
    if (kind === "allocate") order = allocate(order, line, Math.min(units, buckets.open), epoch);
    else if (kind === "ship")
      order = attempt(
        order,
        { type: "ship", line, quantity: Math.min(units, buckets.picked) },
        epoch,
      );
    else order = attempt(order, { type: "cancel", reason: "random" }, epoch);
  }
  return order;
}

const life = fc
  .record({
    approveAfter: fc.integer({ min: 0, max: 600 }),
    steps: fc.array(step, { maxLength: 6 }),
    reads: fc.array(fc.integer({ min: 0, max: 25 * 24 * 60 }), { minLength: 2, maxLength: 3 }),
  })
  .map(({ approveAfter, steps, reads }) => ({
    order: live(received(), approveAfter, steps),
    reads: [...reads].sort((a, b) => a - b).map((minutes) => iso(RECEIPT + minutes * MINUTE)),
  }));

const read = (order: SalesOrder, at: string, from: ShipClockStart) =>
  orderSla(order, { at, calendar, policy: { shipClockFrom: from } });

/** Every clock of a reading by a key: the order's clocks by rule, the shipping clocks by entry. */
function byKey(clocks: readonly SlaClock[]): Map<string, { status: string; lateByMs?: number }> {
  const keyed = new Map<string, { status: string; lateByMs?: number }>();
  for (const clock of clocks) {
    keyed.set(clock.sla, clock);
    for (const ship of clock.clocks ?? []) keyed.set(`R-SLA-2#${ship.entry}`, ship);
  }
  return keyed;
}

describe("properties", () => {
  // Each reading computes working-day deadlines in a time zone (temporal-polyfill, ~1–2 ms each):
  // 300 lives a property keep the file within a few seconds; FC_NUM_RUNS searches deeper.
  const params = propertyParams(propertyRuns(300));

  it("R-SLA-2, R-SLA-4: a breach once observed stays a breach, by as much or more, at every later instant", () => {
    fc.assert(
      fc.property(life, ({ order, reads }) => {
        for (const from of ["allocation", "receipt"] as const) {
          const readings = reads.map((at) => byKey(read(order, at, from)));
          readings.forEach((earlier, index) => {
            for (const later of readings.slice(index + 1)) {
              for (const [key, clock] of earlier) {
                if (clock.status !== "breached") continue;
                const next = later.get(key);
                expect(next?.status, `${from} ${key}`).toBe("breached");
                expect(next?.lateByMs).toBeGreaterThanOrEqual(clock.lateByMs ?? 0);
              }
            }
          });
        }
      }),
      params,
    );
  });

  it("R-SLA-2: units settled never exceed units allocated; every shipped unit settles a clock", () => {
    fc.assert(
      fc.property(life, ({ order, reads }) => {
        for (const at of reads) {
          const happened = order.audit.filter((entry) => Date.parse(entry.at) <= Date.parse(at));
          const units = (event: string) =>
            happened
              .filter((entry) => entry.event === event)
              .reduce((sum, entry) => sum + (entry.quantity ?? 0), 0);
          const shipping = read(order, at, "allocation").find((c) => c.sla === "R-SLA-2");
          const clocks = shipping?.clocks ?? [];
          for (const clock of clocks) {
            expect(clock.shippedUnits).toBeGreaterThanOrEqual(0);
            expect(clock.shippedUnits).toBeLessThanOrEqual(clock.units);
          }
          const allocated = clocks.reduce((sum, clock) => sum + clock.units, 0);
          const settled = clocks.reduce((sum, clock) => sum + clock.shippedUnits, 0);
          expect(settled).toBe(units("ship"));
          // Every allocation has its clock, unless a cancellation in time took them all away.
          const cancelled = happened.some((entry) => entry.event === "cancel");
          if (!cancelled) expect(allocated).toBe(units("allocate"));
          expect(allocated).toBeLessThanOrEqual(units("allocate"));
        }
      }),
      params,
    );
  });

  it('R-SLA-2: with every unit allocated at receipt, "allocation" reads as "receipt"', () => {
    const atReceipt = fc
      .record({
        steps: fc.array(
          step.filter((s) => s.kind !== "allocate"),
          { maxLength: 6 },
        ),
        reads: fc.array(fc.integer({ min: 0, max: 25 * 24 * 60 }), { minLength: 1, maxLength: 2 }),
      })
      .map(({ steps, reads }) => {
        let order = live(received(), 0, []);
        QUANTITIES.forEach((quantity, index) => {
          order = allocate(order, index + 1, quantity, RECEIPT);
        });
        return {
          order: live(order, 0, steps),
          reads: reads.map((minutes) => iso(RECEIPT + minutes * MINUTE)),
        };
      });
    fc.assert(
      fc.property(atReceipt, ({ order, reads }) => {
        for (const at of reads) {
          const edition2 = read(order, at, "allocation").map(({ clocks: _, ...clock }) => clock);
          expect(edition2).toEqual(read(order, at, "receipt"));
        }
      }),
      params,
    );
  });
});
