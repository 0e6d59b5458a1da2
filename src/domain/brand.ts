declare const brand: unique symbol;

/**
 * The mark of a value only fenhuo's parsers make (parse, don't validate): a
 * type `T & Branded<"Name">` cannot be written as a literal, so a function
 * that takes one knows it was checked. The mark exists only in types.
 */
export interface Branded<Name extends string> {
  readonly [brand]: Name;
}
