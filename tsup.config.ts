import { defineConfig } from "tsup";

export default defineConfig([
  {
    // The library: ESM + CJS + declarations.
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
    sourcemap: true,
    // The CLI build below writes into dist/ at the same time: keep its files.
    clean: ["!cli.js", "!cli.js.map"],
    target: "node20",
  },
  {
    // The `fenhuo` command (package.json "bin"): one ESM file, shebang kept, made executable.
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    // One file: a lazily imported module (xlsxRead) is inlined, never a chunk the
    // library build's clean above could remove while this build writes it.
    splitting: false,
    dts: false,
    sourcemap: true,
    clean: false,
    target: "node20",
  },
]);
