import * as z from "zod";
import type { Branded } from "../domain/brand.js";
import type { AllocationRequest, SupplyRow } from "../domain/types.js";
import { PREVIEW_MONEY, type PreviewMoney } from "../domain/vocabulary.js";
import type { Issue, Result } from "./issues.js";
import { parseAllocationInput } from "./parseInput.js";
import { readSafely } from "./readable.js";
import { uniqueKeys } from "./references.js";
import { parseRows } from "./rows.js";
import { productSkus } from "./supplyWire.js";
import { supplyWire } from "./wire.js";
import { check, collect } from "./zodIssues.js";

/*
 * The arguments of `previewAllocation` (R-PREVIEW): an allocation input, read
 * exactly as `allocate` reads it (its problems at the same paths), the
 * arriving units under `["arrivals", index, …]` and the options under
 * `["options", …]`. Every problem of the three at once.
 */

/** One arrival as a caller writes it: a SKU of the products and its units. */
export interface ArrivalInput {
  sku: string;
  quantity: number;
}

/** The options of `previewAllocation`. */
export interface PreviewOptions {
  /**
   * `"as-given"` (the default): the franchisees' money as the run reads it;
   * `"unlimited"`: money is no limit (R-PREVIEW, R-SUP-2).
   */
  money?: PreviewMoney;
}

/** Parsed, cross-checked preview arguments. Only {@link parsePreviewArguments} makes them. */
export interface PreviewRequest extends Branded<"PreviewRequest"> {
  readonly allocation: AllocationRequest;
  /** Free stock of the preview: one row per SKU. */
  readonly arrivals: readonly SupplyRow[];
  readonly money: PreviewMoney;
}

const optionsWire = z
  .strictObject({ money: z.enum(PREVIEW_MONEY).optional() })
  .optional()
  .nullable();

/**
 * Turns the untrusted arguments of `previewAllocation` into a
 * {@link PreviewRequest}, or lists every problem with its JSON path.
 * Never throws, never mutates its arguments.
 */
export function parsePreviewArguments(
  input: unknown,
  arrivals: unknown,
  options: unknown,
): Result<PreviewRequest> {
  // Never throws, whatever the arguments hold (a getter, a Proxy …).
  return readSafely(input, (readableInput) =>
    readSafely(arrivals, (readable) => parseReadable(readableInput, readable, options), [
      "arrivals",
    ]),
  );
}

/** {@link parsePreviewArguments} of an input and arrivals that read without throwing. */
function parseReadable(
  input: unknown,
  arrivals: unknown,
  options: unknown,
): Result<PreviewRequest> {
  const allocation = parseAllocationInput(input);
  const issues: Issue[] = allocation.ok ? [] : [...allocation.issues];
  const rows = readArrivals(input, arrivals, issues);
  const given = collect(check(optionsWire, options, ["options"]), issues);
  if (!allocation.ok || issues.length > 0) return { ok: false, issues };
  const request = {
    allocation: allocation.value,
    arrivals: rows,
    money: given?.money ?? "as-given",
  };
  return { ok: true, value: request as unknown as PreviewRequest };
}

function readArrivals(input: unknown, raw: unknown, issues: Issue[]): SupplyRow[] {
  if (!Array.isArray(raw)) {
    issues.push({
      path: ["arrivals"],
      code: raw === undefined ? "required" : "invalid_type",
      message: "must be a list of arrivals, each { sku, quantity }",
    });
    return [];
  }
  const rows = parseRows(supplyWire, raw, ["arrivals"], issues);
  uniqueKeys("arrivals", rows, (row) => row.sku, "sku", "arrival of SKU", issues);
  const record = typeof input === "object" && input !== null ? input : {};
  const skus = productSkus((record as Readonly<Record<string, unknown>>).products);
  for (const { index, value } of rows) {
    if (skus !== undefined && !skus.has(value.sku)) {
      issues.push({
        path: ["arrivals", index, "sku"],
        code: "unknown_reference",
        message: `unknown product ${JSON.stringify(value.sku)}: not in products`,
      });
    }
  }
  return rows.map(({ value }) => ({ sku: value.sku, quantity: value.quantity }));
}
