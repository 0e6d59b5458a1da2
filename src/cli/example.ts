import { parseArgs } from "node:util";
import { CliError, EXIT, type ExitCode, type Io, packageRoot } from "./io.js";

/*
 * `fenhuo example [name] [--out folder]`: writes the sample waves the package
 * ships (examples/data), so that a consumer who installed fenhuo can try every
 * command on real-shaped data.
 */

/** The bundled samples: a JSON file or a CSV bundle folder, under examples/data. */
const SAMPLES = {
  "spring-wave": {
    file: "spring-wave.json",
    about: "one wave: franchisees, locks, stores and regions (JSON)",
  },
  "spring-wave-csv": { file: "spring-wave-csv", about: "the same wave as a CSV bundle (a folder)" },
  season: { file: "season.json", about: "a 60-day season for the daily loop (JSON)" },
} as const;
type SampleName = keyof typeof SAMPLES;

export const EXAMPLE_HELP = `Usage: fenhuo example [name] [--out <folder>]

Writes the sample inputs fenhuo ships into <folder> (default: fenhuo-examples),
so every command can be tried on them:

${Object.entries(SAMPLES)
  .map(([name, sample]) => `  ${name.padEnd(17)} ${sample.file.padEnd(17)} ${sample.about}`)
  .join("\n")}

Without a name, all of them. Then, for instance:
  fenhuo allocate fenhuo-examples/spring-wave.json
  fenhuo allocate fenhuo-examples/spring-wave-csv --format json --out plan.json
  fenhuo report plan.json --out report.html

Options:
  -o, --out <folder>      where to write (made when missing; files there are replaced)
  -h, --help              show this help
`;

/** Runs `fenhuo example` with the arguments after the command name. */
export async function exampleCommand(args: readonly string[], io: Io): Promise<ExitCode> {
  let parsed: ReturnType<typeof readExampleArgs>;
  try {
    parsed = readExampleArgs(args);
  } catch (error) {
    const message = (error as Error).message.split(". ")[0] ?? "bad arguments";
    throw new CliError(`example: ${message}\nRun "fenhuo example --help" for usage.`, EXIT.usage);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1)
    throw new CliError(
      `example: at most one sample name\nRun "fenhuo example --help" for usage.`,
      EXIT.usage,
    );
  const wanted = positionals[0];
  if (wanted !== undefined && !Object.hasOwn(SAMPLES, wanted))
    throw new CliError(
      `example: no sample "${wanted}": the samples are ${Object.keys(SAMPLES).join(", ")}\nRun "fenhuo example --help" for usage.`,
      EXIT.usage,
    );
  const root = await packageRoot();
  if (root === undefined || io.makeDirectory === undefined)
    throw new CliError("example: the bundled samples cannot be found next to fenhuo", EXIT.invalid);
  const from = `${root}/examples/data`;
  const out = values.out ?? "fenhuo-examples";
  await io.makeDirectory(out);
  const names =
    wanted === undefined ? (Object.keys(SAMPLES) as SampleName[]) : [wanted as SampleName];
  const written: string[] = [];
  for (const name of names) {
    const { file } = SAMPLES[name];
    if (await io.isDirectory(`${from}/${file}`)) {
      await io.makeDirectory(`${out}/${file}`);
      for (const part of (await io.listFiles(`${from}/${file}`)).sort()) {
        await io.writeText(`${out}/${file}/${part}`, await io.readText(`${from}/${file}/${part}`));
      }
      written.push(`${out}/${file}/`);
    } else {
      await io.writeText(`${out}/${file}`, await io.readText(`${from}/${file}`));
      written.push(`${out}/${file}`);
    }
  }
  io.stdout(`wrote ${written.join(", ")}\n`);
  return EXIT.ok;
}

function readExampleArgs(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: { out: { type: "string", short: "o" } },
  });
}
