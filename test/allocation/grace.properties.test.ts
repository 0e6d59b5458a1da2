/**
 * Properties of the payment grace (R-LOCK-GRACE) over random waves whose locks lie
 * around their expiry, with a random grace of 0–3 days (lockExpiryInput,
 * test/support/arbitraries.ts). The full edition-2 reading of SPEC §3 is checked
 * against the engine in allocate.properties.test.ts; these are the grace's own
 * invariants, each written out from the input.
 */
import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AllocationInput, type AllocationPlan, allocate } from "../../src/index.js";
import { lockExpiryInput } from "../support/arbitraries.js";
import { propertyParams, propertyRuns } from "../support/runs.js";

const params = propertyParams(propertyRuns(1000));

type LockIn = NonNullable<AllocationInput["locks"]>[number];

/** YYYY-MM-DD + n days, written here again. */
function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * 86_400_000).toISOString().slice(0, 10);
}

const graceOf = (input: AllocationInput) => input.policy?.paymentGraceDays ?? 1;

/** R-LOCK-GRACE: expiresOn ≤ asOf < expiresOn + paymentGraceDays. */
const isExpiring = (lock: LockIn, asOf: string, grace: number) =>
  lock.expiresOn <= asOf && asOf < addDays(lock.expiresOn, grace);

const withGrace = (input: AllocationInput, paymentGraceDays: number): AllocationInput => ({
  ...input,
  policy: { ...input.policy, paymentGraceDays },
});

function converted(plan: AllocationPlan, lock: string): number {
  return plan.trace.reduce(
    (n, d) => (d.pass === "conversion" && d.lock === lock ? n + d.quantity : n),
    0,
  );
}

describe("properties", () => {
  it("R-LOCK-GRACE, R-INV-CONSERVE: per carried lock, converted + still locked + released = its quantity; an expiring lock is never carried; one released is barred until expiresOn + cool-down and its line gets no new lock", () => {
    fc.assert(
      fc.property(lockExpiryInput, (input) => {
        const plan = allocate(input);
        const grace = graceOf(input);
        const cooldown = input.policy?.relockCooldownDays ?? 15;
        for (const lock of input.locks ?? []) {
          const expiring = isExpiring(lock, input.asOf, grace);
          const kept = plan.locks.filter((l) => l.id === lock.id && !l.isNew);
          const released = plan.releasedLocks.filter((l) => l.id === lock.id);
          const units =
            converted(plan, lock.id) +
            kept.reduce((n, l) => n + l.quantity, 0) +
            released.reduce((n, l) => n + l.quantity, 0);
          expect({ lock: lock.id, units }).toEqual({ lock: lock.id, units: lock.quantity });
          if (!expiring) continue;
          expect({ lock: lock.id, carried: kept.length }).toEqual({ lock: lock.id, carried: 0 });
          const row = released[0];
          if (row === undefined) {
            // Nothing released: conversion took all of it.
            expect(converted(plan, lock.id)).toBe(lock.quantity);
            continue;
          }
          expect(row.convertedInGrace).toBe(converted(plan, lock.id));
          expect(row.lockBlockedUntil >= addDays(lock.expiresOn, cooldown)).toBe(true);
          const relocked = plan.locks.filter(
            (l) => l.isNew && l.order === lock.order && l.line === lock.line,
          );
          expect({ lock: lock.id, relocked }).toEqual({ lock: lock.id, relocked: [] });
        }
      }),
      params,
    );
  });

  it("R-LOCK-GRACE, R-INV-MONEY: what a grace converts is paid within each franchisee's cash and available credit, every amount exactly cash + credit = quantity × unitPrice", () => {
    fc.assert(
      fc.property(lockExpiryInput, (input) => {
        const plan = allocate(input);
        const cash = new Map<string, Decimal>();
        const credit = new Map<string, Decimal>();
        for (const row of plan.franchiseeAllocations) {
          const amount = new Decimal(row.amount);
          expect(amount.eq(new Decimal(row.cash).plus(row.credit))).toBe(true);
          expect(amount.eq(new Decimal(row.unitPrice).times(row.quantity))).toBe(true);
          cash.set(row.franchisee, (cash.get(row.franchisee) ?? new Decimal(0)).plus(row.cash));
          credit.set(
            row.franchisee,
            (credit.get(row.franchisee) ?? new Decimal(0)).plus(row.credit),
          );
        }
        for (const f of input.franchisees ?? []) {
          const room = Decimal.max(0, new Decimal(f.creditLimit ?? "0").minus(f.creditUsed ?? "0"));
          const paidCash = cash.get(f.id) ?? new Decimal(0);
          const paidCredit = credit.get(f.id) ?? new Decimal(0);
          expect({ f: f.id, cash: paidCash.lte(f.cash), credit: paidCredit.lte(room) }).toEqual({
            f: f.id,
            cash: true,
            credit: true,
          });
        }
      }),
      params,
    );
  });

  it("R-LOCK-GRACE: grace 0 is edition 1's reading — every lock past expiresOn is released whole before conversion, nothing names a grace — and a grace changes nothing when no lock is in it", () => {
    fc.assert(
      fc.property(lockExpiryInput, (input) => {
        const grace = graceOf(input);
        const edition1 = allocate(withGrace(input, 0));
        const past = (input.locks ?? []).filter((l) => l.expiresOn <= input.asOf);
        expect(edition1.releasedLocks.map((l) => [l.id, l.quantity]).sort()).toEqual(
          past.map((l) => [l.id, l.quantity]).sort(),
        );
        const expiries = edition1.trace.filter((d) => d.pass === "expiry");
        expect(edition1.trace.slice(0, expiries.length)).toEqual(expiries);
        expect(JSON.stringify(edition1)).not.toMatch(
          /paymentGraceDays|convertedInGrace|R-LOCK-GRACE/,
        );

        // Without the locks in the grace window, grace g and grace 0 give one plan
        // (the planId aside: it digests the policy, R-RUN-3).
        const outside = {
          ...input,
          locks: (input.locks ?? []).filter((l) => !isExpiring(l, input.asOf, grace)),
        };
        const { planId: _withGrace, ...graced } = allocate(withGrace(outside, grace));
        const { planId: _withoutGrace, ...edition1Plan } = allocate(withGrace(outside, 0));
        expect(graced).toEqual(edition1Plan);
      }),
      params,
    );
  });
});
