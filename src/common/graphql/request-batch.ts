/**
 * Loads asked for by one request in the same tick go out as one: a list's 50 rows each resolving a
 * field (their flags, say) make one query, not 50. Keyed by the request's GraphQL context, so
 * nothing is shared between requests (nor kept after one: a WeakMap).
 */
export class RequestBatch<K, V> {
  private readonly pending = new WeakMap<object, { keys: Set<K>; result: Promise<Map<K, V>> }>();

  constructor(private readonly load: (keys: K[]) => Promise<Map<K, V>>) {}

  async get(request: object, key: K): Promise<V | undefined> {
    let batch = this.pending.get(request);
    if (!batch) {
      const keys = new Set<K>();
      const result = new Promise<void>((resolve) => process.nextTick(resolve)).then(() => {
        this.pending.delete(request); // later asks make a batch of their own
        return this.load([...keys]);
      });
      batch = { keys, result };
      this.pending.set(request, batch);
    }
    batch.keys.add(key);
    return (await batch.result).get(key);
  }
}
