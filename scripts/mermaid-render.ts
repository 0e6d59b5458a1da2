/**
 * Renders Mermaid diagrams to SVG with the `mermaid` package in a headless
 * Chromium (the system's, driven by playwright-core: browsers downloaded by npm
 * packages are not used). Text is measured in Arial's metrics (Liberation Sans
 * where Arial is missing), so the picture's boxes fit the text wherever it is
 * shown. On one machine the output is byte for byte the same from run to run.
 *
 * CHROMIUM overrides the browser's path (default /usr/bin/chromium).
 */
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

/** One diagram to draw: the id of its SVG element and its Mermaid source. */
export interface MermaidDiagram {
  readonly id: string;
  readonly source: string;
}

interface MermaidApi {
  initialize(config: Record<string, unknown>): void;
  render(id: string, text: string): Promise<{ svg: string }>;
}

/** The mermaid package's browser bundle (one script, no imports). */
const MERMAID_BUNDLE = fileURLToPath(import.meta.resolve("mermaid/dist/mermaid.min.js"));

const CONFIG = {
  startOnLoad: false,
  theme: "default",
  securityLevel: "strict",
  deterministicIds: true,
  fontFamily: "arial, sans-serif",
  // Labels as SVG text, not HTML in a foreignObject: the picture reads the same
  // in an <img>, in a viewer, and to the test that checks its labels.
  htmlLabels: false,
  flowchart: { htmlLabels: false },
};

/** The SVG of each diagram, in order. */
export async function renderMermaid(diagrams: readonly MermaidDiagram[]): Promise<string[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox"],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(
      '<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>',
    );
    await page.addScriptTag({ path: MERMAID_BUNDLE });
    return await page.evaluate(
      async ({ list, config }) => {
        const { mermaid } = globalThis as unknown as { mermaid: MermaidApi };
        mermaid.initialize(config);
        const svgs: string[] = [];
        for (const diagram of list)
          svgs.push((await mermaid.render(diagram.id, diagram.source)).svg);
        return svgs;
      },
      { list: [...diagrams], config: CONFIG },
    );
  } finally {
    await browser.close();
  }
}
