/**
 * Rewrites the policy tables of docs/policies.md from the field definitions in
 * src/domain/policy.ts.
 *
 *   npm run docs:policies
 *
 * test/docs/policies-table.test.ts fails when the committed tables and the definitions differ.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { withPolicyTables } from "./policy-table.js";

const target = new URL("../docs/policies.md", import.meta.url);
writeFileSync(target, withPolicyTables(readFileSync(target, "utf8")));
console.log(`wrote ${target.pathname}`);
