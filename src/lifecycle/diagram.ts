import { HEADER_STATES } from "../domain/vocabulary.js";
import { type EventSpec, LIFECYCLE } from "./machine.js";

/**
 * The lifecycle machine drawn as Mermaid: the header states with
 * every event that moves between them, then the line-bucket flow (R-LIFE-3).
 * Read off {@link LIFECYCLE}, so the docs cannot drift from the code.
 *
 * @example
 * ```ts
 * import { lifecycleDiagram } from "fenhuo";
 * lifecycleDiagram().includes("received --> verified: verify (核对)"); // true
 * ```
 */
export function lifecycleDiagram(): string {
  const header: string[] = [
    "```mermaid",
    "stateDiagram-v2",
    `  [*] --> ${LIFECYCLE.initial}: receive (登记)`,
  ];
  const events = Object.entries(LIFECYCLE.events as Record<string, EventSpec>);
  for (const state of HEADER_STATES) {
    for (const [name, spec] of events) {
      if (!spec.from.includes(state)) continue;
      const target = spec.to === "same" ? state : spec.to;
      header.push(`  ${state} --> ${target}: ${name} (${spec.label})`);
    }
  }
  const { fulfilled } = LIFECYCLE;
  header.push(
    `  ${fulfilled.from} --> ${fulfilled.to}: every unit not cancelled is accepted or returned (R-LIFE-5)`,
  );
  header.push("  closed --> [*]", "```");

  const buckets: string[] = ["```mermaid", "flowchart LR"];
  for (const [name, spec] of events) {
    for (const [from, to] of spec.moves ?? []) buckets.push(`  ${from} -->|${name}| ${to}`);
  }
  buckets.push("```");
  return [...header, "", ...buckets].join("\n");
}
