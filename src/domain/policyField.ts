import type { SellingSeason } from "./vocabulary.js";

/*
 * The kinds of policy field and the helpers that write their definitions.
 * The definitions themselves, and every default of fenhuo, are in policy.ts;
 * schema/policyWire.ts turns each kind into its parser and JSON Schema.
 */

/** What every policy field definition says besides its kind. */
interface FieldBase<T> {
  /** The value a missing field takes. */
  readonly default: T;
  /** The rule the field is a choice of (its `R-…` ID). */
  readonly rule: string;
  /** What the field decides, in one line. */
  readonly meaning: string;
  /**
   * An edition-2 lever (R-SHARE … R-PRIO-FACTORS): off at its default, where the run is the
   * run without it — and so is the plan's `planId`, which leaves the field
   * out while it holds its default (see {@link lever}).
   */
  readonly lever?: true;
}

/** One of a closed set of strings, such as `"cash-first"` or `"credit-first"`. */
export interface ChoiceField<T extends string> extends FieldBase<T> {
  readonly kind: "choice";
  readonly values: readonly T[];
}

/** A yes-or-no switch. */
export interface FlagField extends FieldBase<boolean> {
  readonly kind: "flag";
}

/** A whole number of `unit` from `min` to `max`; `minMessage` says why not fewer. */
export interface WholeField extends FieldBase<number> {
  readonly kind: "whole";
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  readonly minMessage?: string;
}

/**
 * A list per selling season; a season the caller leaves out keeps its
 * default. `regions`: region ids, each once per season; `months`: the months
 * 1–12, every month in exactly one season.
 */
export interface SeasonalField<T extends string | number>
  extends FieldBase<Readonly<Record<SellingSeason, readonly T[]>>> {
  readonly kind: "seasonal";
  readonly item: T extends string ? "regions" : "months";
}

/** An order of a closed set: every value exactly once. */
export interface RankingField<T extends string> extends FieldBase<readonly T[]> {
  readonly kind: "ranking";
  readonly values: readonly T[];
}

/**
 * An ordered list of some values of a closed set, each at most once and at
 * least one of them, such as the keys that break a tie in turn.
 */
export interface KeysField<T extends string> extends FieldBase<readonly T[]> {
  readonly kind: "keys";
  readonly values: readonly T[];
}

/**
 * A share from 0 to 1 inclusive, written as a JSON number; fenhuo reads it as
 * the exact decimal it is written as (0.3 is three tenths, not the binary
 * number nearest to it).
 */
export interface RatioField extends FieldBase<number> {
  readonly kind: "ratio";
}

/** The definition of one policy field (see {@link ALLOCATION_POLICY_FIELDS}). */
export type PolicyField =
  | ChoiceField<string>
  | FlagField
  | WholeField
  | RatioField
  | SeasonalField<string>
  | SeasonalField<number>
  | RankingField<string>
  | KeysField<string>;

/** The policy a record of field definitions defines: each field typed as its default. */
export type PolicyOf<Fields extends Readonly<Record<string, PolicyField>>> = {
  readonly [K in keyof Fields]: Fields[K]["default"];
};

/**
 * A policy as a caller writes it: every field optional, and a seasonal field
 * season by season (a season left out keeps its default).
 */
export type PolicyInput<Fields extends Readonly<Record<string, PolicyField>>> = {
  -readonly [K in keyof Fields]?:
    | (Fields[K] extends SeasonalField<infer T>
        ? { [S in SellingSeason]?: readonly T[] | undefined }
        : Fields[K]["default"])
    | undefined;
};

export const choice = <const T extends string>(
  values: readonly T[],
  fallback: NoInfer<T>,
  rule: string,
  meaning: string,
): ChoiceField<T> => ({ kind: "choice", values, default: fallback, rule, meaning });

export const flag = (fallback: boolean, rule: string, meaning: string): FlagField => ({
  kind: "flag",
  default: fallback,
  rule,
  meaning,
});

export const whole = (
  range: { unit: string; min: number; max: number; minMessage?: string },
  fallback: number,
  rule: string,
  meaning: string,
): WholeField => ({ kind: "whole", ...range, default: fallback, rule, meaning });

export const ratio = (fallback: number, rule: string, meaning: string): RatioField => ({
  kind: "ratio",
  default: fallback,
  rule,
  meaning,
});

export function seasonal(
  item: "regions",
  fallback: Readonly<Record<SellingSeason, readonly string[]>>,
  rule: string,
  meaning: string,
): SeasonalField<string>;
export function seasonal(
  item: "months",
  fallback: Readonly<Record<SellingSeason, readonly number[]>>,
  rule: string,
  meaning: string,
): SeasonalField<number>;
export function seasonal(
  item: "regions" | "months",
  fallback: Readonly<Record<SellingSeason, readonly (string | number)[]>>,
  rule: string,
  meaning: string,
): SeasonalField<string> | SeasonalField<number> {
  return { kind: "seasonal", item, default: fallback, rule, meaning } as SeasonalField<string>;
}

export const ranking = <const T extends string>(
  values: readonly T[],
  fallback: readonly NoInfer<T>[],
  rule: string,
  meaning: string,
): RankingField<T> => ({ kind: "ranking", values, default: fallback, rule, meaning });

export const keys = <const T extends string>(
  values: readonly T[],
  fallback: readonly NoInfer<T>[],
  rule: string,
  meaning: string,
): KeysField<T> => ({ kind: "keys", values, default: fallback, rule, meaning });

/**
 * `field` marked as a lever: at its default it leaves every plan as it was
 * without it, its `planId` included (the digest leaves it out).
 */
export const lever = <F extends PolicyField>(field: F): F & { readonly lever: true } => ({
  ...field,
  lever: true,
});
