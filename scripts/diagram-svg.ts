/**
 * Pictures of the Markdown's Mermaid diagrams, rendered to SVG once (by
 * scripts/mermaid-render.ts) and committed beside the Markdown. Each SVG
 * carries the SHA-256 of the Mermaid source it was drawn from, so a test, and
 * the API site's build (scripts/typedoc-diagrams.mjs), can tell a picture that
 * no longer matches its source without a browser.
 */
import { createHash } from "node:crypto";

/** The attribute of a picture's `<svg>` that holds its source's digest. */
export const DIGEST_ATTRIBUTE = "data-mermaid-sha256";

/** The sources of the ```mermaid blocks of a Markdown text, in order, without their fences. */
export function mermaidSources(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((match) => match[1] ?? "");
}

/** The SHA-256 (hex) of a Mermaid source, leading and trailing blank space left out. */
export function sourceDigest(source: string): string {
  return createHash("sha256").update(source.trim()).digest("hex");
}

/** `svg` as committed: its source's digest on the root element, one newline at the end. */
export function stamped(svg: string, source: string): string {
  if (!svg.startsWith("<svg ")) throw new Error("not an SVG drawn by Mermaid");
  return `<svg ${DIGEST_ATTRIBUTE}="${sourceDigest(source)}" ${svg.slice("<svg ".length).trimEnd()}\n`;
}

/** The digest a committed picture says it was drawn from, if it says one. */
export function digestOf(svg: string): string | undefined {
  return new RegExp(`^<svg [^>]*${DIGEST_ATTRIBUTE}="([0-9a-f]{64})"`).exec(svg)?.[1];
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" };

/**
 * The lines of text a picture shows: one per row of each `<text>` element (a
 * label of several lines is several rows), without the markup.
 */
export function svgTextLines(svg: string): string[] {
  const lines: string[] = [];
  for (const match of svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)) {
    const rows = (match[1] ?? "").split(/(?=<tspan[^>]*class="text-outer-tspan)/);
    for (const row of rows) {
      const text = row
        .replace(/<[^>]+>/g, "")
        .replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name] ?? "")
        .trim();
      if (text !== "") lines.push(text);
    }
  }
  return lines;
}
