/**
 * Writes docs/lifecycle.md from the lifecycle machine in src/lifecycle/machine.ts.
 *
 *   npm run docs:lifecycle
 *
 * test/lifecycle/diagram.test.ts fails when the committed file and the machine differ.
 */
import { writeFileSync } from "node:fs";
import { lifecycleDocument } from "./lifecycle-document.js";

const target = new URL("../docs/lifecycle.md", import.meta.url);
writeFileSync(target, lifecycleDocument());
console.log(`wrote ${target.pathname}`);
