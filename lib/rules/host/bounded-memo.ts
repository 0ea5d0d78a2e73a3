/**
 * Memos for derived data that repeats across a fleet (a proxy setting, a bypass list, a probe host name, an OS):
 * a Map that is emptied when it reaches `max` entries, so a fleet with millions of distinct values costs bounded
 * memory and, at worst, the work that would have been done anyway.
 */

/** `memo(key, make)`: what `make` gave for `key` before, or `make()` remembered (undefined and null answers too). */
export function boundedMemo<K, V>(max = 4_096): (key: K, make: () => V) => V {
  const cache = new Map<K, V>();
  return function remembered(key: K, make: () => V): V {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as V;
    const value = make();
    if (cache.size >= max) cache.clear();
    cache.set(key, value);
    return value;
  };
}

/** A pure function of a string, remembered per distinct string (boundedMemo). */
export function stringMemo<V>(compute: (key: string) => V, max = 4_096): (key: string) => V {
  const memo = boundedMemo<string, V>(max);
  return (key: string) => memo(key, () => compute(key));
}
