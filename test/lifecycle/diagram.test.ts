import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { digestOf, mermaidSources, sourceDigest, svgTextLines } from "../../scripts/diagram-svg.js";
import {
  drawableDiagram,
  LIFECYCLE_PICTURES,
  lifecycleDocument,
} from "../../scripts/lifecycle-document.js";
import {
  BUCKET_EDGES,
  type EventSpec,
  HEADER_STATES,
  LIFECYCLE,
  lifecycleDiagram,
} from "../../src/index.js";

const docs = new URL("../../docs/", import.meta.url);
const read = (file: string) => readFileSync(new URL(file, docs), "utf8");

/** How often `label` stands as a whole, word for word, in the text of a picture (a wrapped label too). */
function occurrences(svg: string, label: string): number {
  const words = svgTextLines(svg).join(" ").split(/\s+/);
  const wanted = label.split(" ");
  return words.filter((_, at) => wanted.every((word, k) => words[at + k] === word)).length;
}

describe("docs/lifecycle.md is generated from the machine", () => {
  it("matches the machine (run `npm run docs:lifecycle` after changing it)", () => {
    expect(read("lifecycle.md")).toBe(lifecycleDocument());
  });

  it("draws every event's every transition and every bucket edge", () => {
    const diagram = lifecycleDiagram();
    for (const [name, spec] of Object.entries(LIFECYCLE.events)) {
      for (const from of spec.from) {
        const to = spec.to === "same" ? from : spec.to;
        expect(diagram).toContain(`  ${from} --> ${to}: ${name} (${spec.label})`);
      }
    }
    for (const [from, to] of BUCKET_EDGES)
      expect(diagram).toMatch(new RegExp(`  ${from} -->\\|\\w+\\| ${to}`));
  });

  it("writes a state's self-transitions as one, a label a line, so that Mermaid draws them all", () => {
    const diagram = [
      "stateDiagram-v2",
      "  a --> a: x (一)",
      "  a --> b: go",
      "  a --> a: y (二)",
      "  b --> b: z",
    ].join("\n");
    expect(drawableDiagram(diagram)).toBe(
      ["stateDiagram-v2", "  a --> a: x (一)<br/>y (二)", "  a --> b: go", "  b --> b: z"].join(
        "\n",
      ),
    );
    const flow = "flowchart LR\n  open -->|cancel| cancelled";
    expect(drawableDiagram(flow)).toBe(flow);
  });
});

describe("the pictures of docs/lifecycle.md's diagrams (the API site shows them)", () => {
  const sources = mermaidSources(read("lifecycle.md"));
  const [states = "", buckets = ""] = LIFECYCLE_PICTURES.map(({ file }) => read(file));

  it("are one per diagram, each drawn from the diagram's current source (run `npm run docs:lifecycle`)", () => {
    expect(sources).toHaveLength(LIFECYCLE_PICTURES.length);
    LIFECYCLE_PICTURES.forEach(({ file }, index) => {
      expect(digestOf(read(file)), file).toBe(sourceDigest(sources[index] ?? ""));
    });
  });

  it("show every header state and every event's every transition, by name and step", () => {
    for (const state of HEADER_STATES) expect(occurrences(states, state), state).toBeGreaterThan(0);
    expect(occurrences(states, "receive (登记)")).toBe(1);
    for (const [name, spec] of Object.entries(LIFECYCLE.events)) {
      const label = `${name} (${spec.label})`;
      expect(occurrences(states, label), label).toBe(spec.from.length);
    }
    expect(svgTextLines(states).join(" ")).toContain("(R-LIFE-5)");
  });

  it("show every bucket and every bucket edge, named by its event", () => {
    for (const bucket of new Set(BUCKET_EDGES.flat()))
      expect(occurrences(buckets, bucket), bucket).toBeGreaterThan(0);
    const edges = new Map<string, number>();
    for (const [name, spec] of Object.entries(LIFECYCLE.events as Record<string, EventSpec>)) {
      if (spec.moves?.length) edges.set(name, spec.moves.length);
    }
    for (const [name, count] of edges) expect(occurrences(buckets, name), name).toBe(count);
  });
});
