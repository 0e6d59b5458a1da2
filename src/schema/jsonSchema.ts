import { z } from "zod";
import {
  franchiseeWire,
  inputWire,
  lockWire,
  orderLineWire,
  orderWire,
  productWire,
  regionNeedWire,
  regionWire,
  storeNeedWire,
  storeWire,
  supplyWire,
} from "./wire.js";

/** The input contract with every section's rows spelt out, for generation only. */
const inputForSchema = inputWire.extend({
  products: z.array(productWire).optional(),
  supply: z.array(supplyWire).optional(),
  franchisees: z.array(franchiseeWire).optional(),
  orders: z.array(orderWire.extend({ lines: z.array(orderLineWire) })).optional(),
  locks: z.array(lockWire).optional(),
  regions: z.array(regionWire).optional(),
  stores: z.array(storeWire).optional(),
  storeNeeds: z.array(storeNeedWire).optional(),
  regionNeeds: z.array(regionNeedWire).optional(),
});

/** The JSON Schema (draft 2020-12) of the allocation input (SPEC Appendix A). */
export function inputJsonSchema(): object {
  return {
    ...z.toJSONSchema(inputForSchema, { io: "input", unrepresentable: "any" }),
    $id: "https://fenhuo.dev/schema/input.json",
    title: "fenhuo AllocationInput",
    description: "The JSON a caller passes to allocate (SPEC Appendix A).",
  };
}

/** The JSON Schema (draft 2020-12) of the allocation plan (SPEC §3.7, Appendix A). */
export function planJsonSchema(): object {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://fenhuo.dev/schema/plan.json",
    title: "fenhuo AllocationPlan",
    description: "The result of one allocation run (SPEC §3.7, Appendix A).",
    type: "object",
  };
}
