/**
 * Writes docs/lifecycle.md from the lifecycle machine in src/lifecycle/machine.ts,
 * and the pictures of its two diagrams beside it (docs/lifecycle-states.svg,
 * docs/lifecycle-buckets.svg), which the API site shows in place of the Mermaid
 * source (GitHub draws the source itself). Drawing needs Chromium.
 *
 *   npm run docs:lifecycle
 *
 * test/lifecycle/diagram.test.ts fails when the committed files and the machine differ.
 */
import { writeFileSync } from "node:fs";
import { mermaidSources, stamped } from "./diagram-svg.js";
import { LIFECYCLE_PICTURES, lifecycleDocument } from "./lifecycle-document.js";
import { renderMermaid } from "./mermaid-render.js";

const docs = new URL("../docs/", import.meta.url);
const markdown = lifecycleDocument();
writeFileSync(new URL("lifecycle.md", docs), markdown);
console.log(`wrote ${new URL("lifecycle.md", docs).pathname}`);

const sources = mermaidSources(markdown);
if (sources.length !== LIFECYCLE_PICTURES.length) {
  throw new Error(
    `docs/lifecycle.md has ${sources.length} diagrams, not ${LIFECYCLE_PICTURES.length}`,
  );
}
const diagrams = LIFECYCLE_PICTURES.map(({ id }, index) => ({ id, source: sources[index] ?? "" }));
const svgs = await renderMermaid(diagrams);
LIFECYCLE_PICTURES.forEach(({ file }, index) => {
  const target = new URL(file, docs);
  writeFileSync(target, stamped(svgs[index] ?? "", diagrams[index]?.source ?? ""));
  console.log(`wrote ${target.pathname}`);
});
