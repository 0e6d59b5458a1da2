/* The help texts of `fenhuo` and its commands. */

import { CARRY_HELP } from "./carry.js";
import { EXAMPLE_HELP } from "./example.js";
import { COMPARE_HELP, EXCEPTIONS_HELP } from "./planning.js";
import { REPORT_HELP } from "./report.js";

export const COMMANDS = [
  "allocate",
  "validate",
  "explain",
  "schema",
  "carry",
  "compare",
  "exceptions",
  "report",
  "example",
] as const;
export type CommandName = (typeof COMMANDS)[number];

export const MAIN_HELP = `fenhuo — 分货: sales-order allocation for franchisees and stores

Usage: fenhuo <command> [options]

Commands:
  allocate <input>        run an allocation and print the plan
  validate <input>        check an input and list every problem
  explain <plan> <ref>    say why a demand got what it got
  schema [input|plan]     print the JSON Schema of the input or the plan
  carry <input> <plan>    write the next run's input (--as-of D; R-RUN-2)
  compare <a> <b>         what two plans do differently (R-WHATIF; or one
                          input under --policy files)
  exceptions <plan>       what in a plan needs a planner now (R-EXCEPT)
  report <plan>           one HTML page with charts, exceptions and tables
  example [name]          write the bundled sample inputs (--out folder)

<input> is a JSON file (the JSON contract), - for stdin, or a folder of CSV
files (a CSV bundle: see fenhuo allocate --help).

Options:
  -h, --help              show help (fenhuo <command> --help for a command's)
  -V, --version           show the version

Exit codes: 0 done, 1 invalid or unreadable input or output that cannot be
written, 2 usage error, 70 unexpected error (a bug: please report it).
`;

export const HELP: Readonly<Record<CommandName, string>> = {
  allocate: `Usage: fenhuo allocate <wave.json|-|folder> [options]

Runs one allocation (allocate) on the input and prints the plan.

Options:
  -f, --format <format>   table (default): sections for a planner to read
                          json: the plan exactly as allocate() returns it
                          csv: every list of the plan as one CSV, its list in
                               column "section" (the trace is only in json)
                          xlsx: a workbook, one sheet per list, with --out
  -o, --out <file>        write the plan to <file> instead of stdout
      --bom, --no-bom     start a csv with a UTF-8 byte-order mark, so Excel
                          reads Chinese text right (default: on with --out)
      --summary           totals only, short whatever the wave's size: units by
                          SKU (supply, released, to franchisees, of them from
                          locks, newly locked, to stores, to regions, left
                          free), by channel and by region, unfilled units by
                          reason, the franchisees' money; in every format
      --no-trace          leave the trace out of the json (smaller and faster
                          to write; fenhuo explain needs the trace, so keep it
                          for a plan you mean to explain)
      --as-of <date>      the run's date (YYYY-MM-DD), replacing the input's asOf
      --currency <code>   the input's currency (ISO 4217), replacing its own
      --encoding <name>   the CSV files' encoding: utf8, utf16le, utf16be, gbk
                          or gb18030 (default: UTF-8, or UTF-16 by its mark; a
                          file that is not UTF-8 is refused, never mojibake)
      --map <file>        read the bundle through a column mapping (JSON or
                          YAML): an ERP's export files and columns, constants,
                          ignored columns, date and number formats, order ids
                          filled down, line numbers generated; recipes for
                          ERPNext, Odoo and SAP ship in the package's
                          examples/mappings (node_modules/fenhuo/examples/
                          mappings/erpnext.yaml, odoo.yaml, sap.yaml)
  -h, --help              show this help

The input is a JSON file, - for stdin, a folder with a CSV bundle, or an
.xlsx workbook with one sheet per bundle file (orders, franchisees, …; an
optional sheet wave with setting,value rows). Headers match in any case:
  franchisees.csv   id, priority, cash, creditLimit, creditUsed, region
  orders.csv        order, franchisee, orderedOn, shipComplete, line, sku,
                    quantity, unitPrice, allocated, lockBlockedUntil: one row
                    per order line (an order's later rows may leave
                    franchisee, orderedOn and shipComplete empty)
  products.csv      sku, style, season, launchDate, launchRank, packSize
  supply.csv        sku, quantity
  locks.csv         id, order, line, franchisee, sku, quantity, lockedOn,
                    expiresOn                                   (optional)
  regions.csv       id, name                                    (optional)
  stores.csv        id, region, class, operation                (optional)
  storeNeeds.csv    store, sku, safetyStock, onHand, inTransit  (optional)
  regionNeeds.csv   region, sku, quantity                       (optional)
  holdback.csv      sku, quantity, for: direct, none or region:<id>
                    (R-HOLD)                                    (optional)
  wave.json         { "asOf", "currency", "policy" }  (or --as-of)
A header row names the columns; an empty cell leaves the field out.

Invalid input: every problem is listed on stderr, with its path, and the
exit code is 1.

Big waves: a JSON input over 256 MiB is read from its bytes, element by
element of its lists, never as one text (a problem in it is named by byte,
line and column); the plan is written as it is rendered, its trace one
decision at a time, never held as one text. When a run takes over a second and stderr is a terminal, its stage (reading,
parsing, allocating, writing) and the rows written are shown on stderr.

CSV and spreadsheets: a text cell that starts with =, +, -, @, a tab or a
carriage return is written with a leading ' so that a spreadsheet shows it
as text and never runs it as a formula (an id such as =HYPERLINK(...)).
Numbers (quantities, line numbers) and the amounts of the money columns are
written as they are, a negative amount included. The JSON is never changed.

Examples:
  fenhuo allocate examples/data/spring-wave.json
  fenhuo allocate examples/data/spring-wave-csv --format csv --out plan.csv
  erp-export | fenhuo allocate - --format json > plan.json
  fenhuo allocate big-wave.json --summary
  fenhuo allocate big-wave.json --format json --no-trace --out plan.json
`,
  validate: `Usage: fenhuo validate <wave.json|-|folder> [options]

Checks an allocation input without running it. Prints every problem with
its path (and its CSV file and line for a bundle) and exits 1, or prints
"valid: …" with what the input holds and exits 0.

Options:
      --as-of <date>      the run's date, replacing the input's asOf
      --currency <code>   the currency, replacing the input's
      --encoding <name>   the CSV files' encoding (see fenhuo allocate --help)
      --map <file>        read the bundle through a column mapping (see
                          fenhuo allocate --help)
  -h, --help              show this help
`,
  explain: `Usage: fenhuo explain <plan.json|-> <ref> [options]

Says why a demand got what it got, from a plan alone (the plan's trace:
a plan written with allocate --no-trace cannot be explained).

<ref> is one of:
  SO-1#2                      order SO-1, line 2
  store:SZ-001/T100-RED-M     store SZ-001's safety-stock need for a SKU
  region:shenzhen/T100-RED-M  region shenzhen's stocking need for a SKU

Options:
  -f, --format <format>   text (default): one sentence
                          json: the whole explanation (rules, decisions …)
  -h, --help              show this help

Example:
  fenhuo allocate wave.json --format json --out plan.json
  fenhuo explain plan.json SO-1001#2
`,
  schema: `Usage: fenhuo schema [input|plan] [options]

Prints the JSON Schema (draft 2020-12) of the allocation input (default) or
of the plan.

Options:
  -o, --out <file>        write the schema to <file> instead of stdout
  -h, --help              show this help
`,
  carry: CARRY_HELP,
  compare: COMPARE_HELP,
  exceptions: EXCEPTIONS_HELP,
  report: REPORT_HELP,
  example: EXAMPLE_HELP,
};
