// @ts-check
/**
 * A TypeDoc plugin: on the API site, each ```mermaid block of a page is shown as
 * its picture — the SVG rendered beside the Markdown in docs/ (`npm run
 * docs:lifecycle`, scripts/mermaid-render.ts) — with the source folded under it.
 * The picture is inlined: no script, no network, and it shows from file:// too.
 *
 * A picture is found by the SHA-256 of the block's source, which every SVG
 * carries (scripts/diagram-svg.ts), so a block whose source changed since its
 * picture was drawn has none: that is an error, and `npm run docs` fails.
 *
 * TypeDoc loads plugins as JavaScript, hence this one file in plain JS.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { Renderer } from "typedoc";

const DOCS = new URL("../docs/", import.meta.url);
const DIGEST = /^<svg [^>]*data-mermaid-sha256="([0-9a-f]{64})"/;
// TypeDoc writes a fenced block as <pre><code class="lang">…</code><button>Copy</button></pre>.
const BLOCK =
  /<pre><code class="mermaid">([\s\S]*?)<\/code>(<button[^>]*>[\s\S]*?<\/button>)?<\/pre>/g;

const STYLE = `<style>
.fenhuo-diagram { margin: 1rem 0; }
.fenhuo-diagram > figure { margin: 0; padding: 1rem; overflow-x: auto; background: #fff; border-radius: 0.5rem; }
.fenhuo-diagram > figure > svg { display: block; margin: 0 auto; height: auto; }
.fenhuo-diagram > details > summary { cursor: pointer; font-size: 0.9em; }
</style>`;

/** @type {Record<string, string>} */
const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" };

/**
 * The Mermaid source of a rendered code block: TypeDoc's highlighter writes each
 * line as spans and ends it with <br/>.
 * @param {string} html
 */
function sourceOf(html) {
  return html
    .replace(/<br\s*\/?>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, name) => ENTITIES[name] ?? "")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .trim();
}

/**
 * `svg` at the size it was drawn (Mermaid lets it shrink to its container's
 * width, which leaves a wide diagram's labels too small to read); the figure
 * scrolls sideways instead.
 * @param {string} svg
 */
function atNaturalSize(svg) {
  const width = /^<svg [^>]*viewBox="[-\d.]+ [-\d.]+ ([\d.]+) /.exec(svg)?.[1];
  if (width === undefined) return svg;
  return svg.replace(
    /^<svg ([^>]*?)style="max-width: ([\d.]+)px;"/,
    (_, rest, max) =>
      `<svg ${rest}style="max-width: ${max}px; min-width: ${Math.round(Number(width))}px;"`,
  );
}

/** The pictures in docs/, by the digest of the source each was drawn from. */
function pictures() {
  /** @type {Map<string, string>} */
  const byDigest = new Map();
  for (const name of readdirSync(DOCS)) {
    if (!name.endsWith(".svg")) continue;
    const svg = readFileSync(new URL(name, DOCS), "utf8").trim();
    const digest = DIGEST.exec(svg)?.[1];
    if (digest !== undefined) byDigest.set(digest, svg);
  }
  return byDigest;
}

/** @param {import("typedoc").Application} app */
export function load(app) {
  /** @type {Map<string, string>} */
  let byDigest = new Map();
  app.renderer.on(Renderer.EVENT_BEGIN, () => {
    byDigest = pictures();
  });
  app.renderer.on(Renderer.EVENT_END_PAGE, (page) => {
    if (page.contents === undefined || !page.contents.includes('<code class="mermaid">')) return;
    let shown = 0;
    const contents = page.contents.replace(BLOCK, (block) => {
      const source = sourceOf(
        /** @type {string} */ (/<code[^>]*>([\s\S]*?)<\/code>/.exec(block)?.[1]),
      );
      const digest = createHash("sha256").update(source).digest("hex");
      const svg = byDigest.get(digest);
      if (svg === undefined) {
        app.logger.error(
          `${page.url}: no picture in docs/ of the Mermaid diagram "${source.split("\n")[0]} …" as it now reads; run \`npm run docs:lifecycle\` to draw it`,
        );
        return block;
      }
      shown++;
      return `<div class="fenhuo-diagram"><figure>${atNaturalSize(svg)}</figure><details><summary>Mermaid source</summary>${block}</details></div>`;
    });
    page.contents = shown === 0 ? contents : contents.replace("</head>", `${STYLE}</head>`);
  });
}
