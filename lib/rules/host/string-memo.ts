/**
 * A memo for pure functions of short strings that repeat across a fleet (a proxy setting, a bypass list, a probe
 * host name): a Map that is emptied when it reaches `max` entries, so a fleet with millions of distinct values costs
 * bounded memory and, at worst, the work the function would have done anyway. It holds derived data of immutable
 * input, never a rule result.
 */
export function stringMemo<V>(compute: (key: string) => V, max = 4_096): (key: string) => V {
  const cache = new Map<string, V>();
  return function memoized(key: string): V {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as V;
    const value = compute(key);
    if (cache.size >= max) cache.clear();
    cache.set(key, value);
    return value;
  };
}
