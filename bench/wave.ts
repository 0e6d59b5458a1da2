/**
 * Writes a generated wave (bench/generate.ts, seeded) to a JSON file, for
 * running the CLI on a big input (R-SCALE-2):
 *
 *   npm run bench:wave -- 1000000 /tmp/wave.json [seed]
 *   node dist/cli.js allocate /tmp/wave.json --summary
 *
 * The file is written in chunks (compact JSON, one order per line), so a wave
 * of millions of lines never becomes one string.
 */
import { createWriteStream } from "node:fs";
import { batched } from "../src/cli/chunks.js";
import { writeAll } from "../src/cli/io.js";
import { generateWave } from "./generate.js";

/** The wave as compact JSON in pieces: every section's rows one per line. */
function* wavePieces(wave: object): Generator<string> {
  let first = true;
  for (const [key, value] of Object.entries(wave)) {
    yield `${first ? "{" : ","}\n${JSON.stringify(key)}:`;
    first = false;
    if (Array.isArray(value)) {
      yield "[";
      for (let index = 0; index < value.length; index++) {
        yield `${index === 0 ? "\n" : ",\n"}${JSON.stringify(value[index])}`;
      }
      yield "]";
    } else {
      yield JSON.stringify(value);
    }
  }
  yield "\n}\n";
}

const [linesText, path, seedText] = process.argv.slice(2);
const lines = Number(linesText);
if (!Number.isSafeInteger(lines) || lines < 1 || path === undefined) {
  process.stderr.write("usage: npm run bench:wave -- <lines> <out.json> [seed]\n");
  process.exit(2);
}
const seed = seedText === undefined ? undefined : Number(seedText);
const wave = generateWave(seed === undefined ? { lines } : { lines, seed });
const file = createWriteStream(path);
await writeAll(file, batched(wavePieces(wave)));
await new Promise<void>((resolve) => file.end(resolve));
const orders = wave.orders ?? [];
process.stderr.write(
  `${path}: ${orders.reduce((n, o) => n + o.lines.length, 0)} order lines, ${orders.length} orders, ${(wave.storeNeeds ?? []).length} store needs\n`,
);
