import { rmSync } from "node:fs";
import { defineConfig } from "tsup";

// The three builds below write into dist/ at once, so none of them cleans it
// (a clean in one could remove what another has just written): it is emptied
// here, once, before any of them starts.
rmSync("dist", { recursive: true, force: true });

const dts = { entry: "src/index.ts", compilerOptions: { ignoreDeprecations: "6.0" } };

export default defineConfig([
  {
    // The library as ES modules, one file per module of src/ (less the CLI): a
    // consumer's bundler keeps only the modules its imports reach (sideEffects:
    // false), so `import { allocate }` leaves out the ledger, the lifecycle, the
    // timeline and their schemas. A single bundled file would keep every
    // module-level schema of them all (a zod call is not known to be pure).
    entry: ["src/**/*.ts", "!src/cli/**"],
    bundle: false,
    format: ["esm"],
    dts,
    sourcemap: true,
    clean: false,
    target: "node20",
  },
  {
    // The library for require(): one CommonJS file, whose types are index.d.cts.
    entry: ["src/index.ts"],
    format: ["cjs"],
    dts,
    sourcemap: true,
    clean: false,
    target: "node20",
  },
  {
    // The `fenhuo` command (package.json "bin"): one ESM file, shebang kept, made executable.
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    // One file: a lazily imported module (the workbook reader) is inlined, not a chunk.
    splitting: false,
    dts: false,
    sourcemap: true,
    clean: false,
    target: "node20",
  },
]);
