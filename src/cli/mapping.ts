import { parse as parseYaml } from "yaml";
import type { BundleOptions } from "../bundle/bundle.js";
import { parseColumnMapping } from "../bundle/mapping.js";
import { formatPath } from "../schema/issues.js";
import { type Encoding, encodingOf } from "./encoding.js";
import { CliError, EXIT, type Io } from "./io.js";
import { safeText } from "./table.js";

/*
 * The options of the commands that read an input (`--as-of`, `--currency`,
 * `--encoding`, `--map`) as `loadInput` takes them: the column mapping read
 * from its JSON or YAML file and checked, every problem of it at once.
 */

/** What `loadInput` takes from the command line. */
export type InputOptions = BundleOptions & { readonly encoding?: Encoding | undefined };

/** The values of INPUT_OPTIONS as parsed. */
export interface InputOptionValues {
  readonly "as-of"?: string | undefined;
  readonly currency?: string | undefined;
  readonly encoding?: string | undefined;
  readonly map?: string | undefined;
}

/** The input options of a command; a bad `--map` file ends it with exit code 1. */
export async function readInputOptions(values: InputOptionValues, io: Io): Promise<InputOptions> {
  return {
    asOf: values["as-of"],
    currency: values.currency,
    encoding: values.encoding === undefined ? undefined : encodingOf(values.encoding),
    mapping: values.map === undefined ? undefined : await readMapping(values.map, io),
  };
}

/** A column mapping file (`.yaml`/`.yml` as YAML, anything else as JSON), checked. */
async function readMapping(path: string, io: Io) {
  const text = (await io.readText(path)).replace(/^\uFEFF/, "");
  let value: unknown;
  try {
    value = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    const kind = /\.ya?ml$/i.test(path) ? "YAML" : "JSON";
    throw new CliError(`${path} is not valid ${kind}: ${(error as Error).message}`, EXIT.invalid);
  }
  const mapping = parseColumnMapping(value);
  if (mapping.ok) return mapping.value;
  const lines = mapping.issues.map((found) =>
    safeText(`  ${formatPath(found.path)}: ${found.message}`),
  );
  const count = `${lines.length} ${lines.length === 1 ? "problem" : "problems"}`;
  throw new CliError(`invalid mapping ${path}: ${count}\n${lines.join("\n")}`, EXIT.invalid);
}
