/**
 * What `allocate` costs a consumer's bundle (issue 14): esbuild bundles
 *
 *     import { allocate } from "<entry>"; console.log(allocate);
 *
 * for the browser, minified, with a metafile, and this prints the bundle's
 * bytes, its gzip bytes and each package's share of it (zod, decimal.js,
 * temporal-polyfill, fenhuo itself …). The entry is the built package
 * (`dist/index.js`, what a consumer's bundler reads: run `npm run build`
 * first) or, with `--from src`, the sources. `--all` bundles the whole
 * package instead (`import * as fenhuo`), what a consumer of every entry point pays.
 *
 *     npx tsx scripts/bundle-size.ts [--from dist|src] [--all] [--json]
 *
 * A package's minified bytes are read off the metafile; its gzip bytes are
 * what the gzipped bundle loses when the package is left out (marked
 * external), since gzip cannot be split by input.
 */
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = join(import.meta.dirname, "..");
const ENTRIES = { dist: "./dist/index.js", src: "./src/index.ts" } as const;

/** One package's part of the bundle. */
interface Share {
  readonly name: string;
  /** Its minified bytes in the bundle. */
  readonly bytes: number;
  /** What it adds to the gzipped bundle (for fenhuo: the gzipped bundle less every other package). */
  readonly gzipBytes: number;
}

/** The bundle's size and who it is made of. */
export interface BundleSize {
  readonly entry: string;
  /** What the consumer imports: `allocate`, or the whole package. */
  readonly imports: "allocate" | "all";
  readonly bytes: number;
  readonly gzipBytes: number;
  /** Largest first. */
  readonly packages: readonly Share[];
}

/** The package an input of the metafile belongs to: the folder after the last node_modules, else fenhuo. */
function packageOf(input: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(input);
  return match?.[1] ?? "fenhuo";
}

/** One minified browser bundle of the consumer, `external` left out. */
async function bundle(contents: string, external: readonly string[]) {
  const result = await build({
    stdin: { contents, resolveDir: root, sourcefile: "consumer.js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    external: [...external],
    metafile: true,
    write: false,
    logLevel: "error",
  });
  const [output] = result.outputFiles;
  if (output === undefined) throw new Error("esbuild wrote no bundle");
  const bytes = new Map<string, number>();
  for (const meta of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(meta.inputs)) {
      const name = packageOf(input);
      bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
    }
  }
  return {
    bytes: output.contents.byteLength,
    gzipBytes: gzipSync(output.contents).byteLength,
    byPackage: bytes,
  };
}

/** Bundles a consumer of `entry` (a path from the repository's root) that imports `allocate`, or everything. */
export async function bundleSize(
  entry: string,
  imports: "allocate" | "all" = "allocate",
): Promise<BundleSize> {
  const from = JSON.stringify(entry);
  const contents =
    imports === "all"
      ? `import * as fenhuo from ${from};\nconsole.log(fenhuo);\n`
      : `import { allocate } from ${from};\nconsole.log(allocate);\n`;
  const whole = await bundle(contents, []);
  const dependencies = [...whole.byPackage.keys()].filter((name) => name !== "fenhuo");
  const gzip = new Map<string, number>();
  for (const name of dependencies) {
    gzip.set(name, whole.gzipBytes - (await bundle(contents, [name])).gzipBytes);
  }
  gzip.set("fenhuo", (await bundle(contents, dependencies)).gzipBytes);
  return {
    entry,
    imports,
    bytes: whole.bytes,
    gzipBytes: whole.gzipBytes,
    packages: [...whole.byPackage]
      .map(([name, bytes]) => ({ name, bytes, gzipBytes: gzip.get(name) ?? 0 }))
      .sort((a, b) => b.bytes - a.bytes || (a.name < b.name ? -1 : 1)),
  };
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const share = (part: number, whole: number) => `${((part / whole) * 100).toFixed(1)} %`;

function report(size: BundleSize): string {
  const what = size.imports === "all" ? "import * as fenhuo" : "import { allocate }";
  const rows = [
    ["", "minified", "", "gzip", ""],
    ["total", kb(size.bytes), "", kb(size.gzipBytes), ""],
    ...size.packages.map((p) => [
      p.name,
      kb(p.bytes),
      share(p.bytes, size.bytes),
      kb(p.gzipBytes),
      share(p.gzipBytes, size.gzipBytes),
    ]),
  ];
  const widths = [0, 1, 2, 3, 4].map((k) => Math.max(...rows.map((row) => row[k]?.length ?? 0)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, k) => (k === 0 ? cell.padEnd(widths[k] ?? 0) : cell.padStart(widths[k] ?? 0)))
      .join("  ")
      .trimEnd();
  return [
    `${what} from "${size.entry}" — esbuild, browser, minified`,
    "",
    ...rows.map(line),
    "",
    "(minified: a package's bytes in the bundle; gzip: what the gzipped bundle loses without it)",
  ].join("\n");
}

async function main(argv: readonly string[]): Promise<void> {
  const which = argv.includes("--from") ? argv[argv.indexOf("--from") + 1] : "dist";
  if (which !== "dist" && which !== "src") throw new Error("--from takes dist or src");
  const entry = ENTRIES[which];
  if (!existsSync(join(root, entry))) {
    throw new Error(`${relative(process.cwd(), join(root, entry))} is missing: run npm run build`);
  }
  const size = await bundleSize(entry, argv.includes("--all") ? "all" : "allocate");
  process.stdout.write(
    `${argv.includes("--json") ? JSON.stringify(size, null, 2) : report(size)}\n`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await main(process.argv.slice(2));
}
