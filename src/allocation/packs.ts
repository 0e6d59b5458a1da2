/*
 * R-PACK (箱规 / 配比包): a SKU with `packSize` n ships in whole packs of n. A
 * grant that completes its demand exactly may end on a part pack (the last
 * units of an order line, a store's need); any other grant is cut down to whole
 * packs, and the units that make no pack stay free for the next claimant.
 */

/**
 * `quantity` (what stock, money and need allow a demand of `outstanding`
 * units) in whole packs of `pack`: all of it when it completes the demand,
 * else the whole packs it holds.
 */
export function inPacks(quantity: number, outstanding: number, pack: number): number {
  if (pack === 1 || quantity >= outstanding) return quantity;
  return quantity - (quantity % pack);
}
