/**
 * The results of a pure function by key, for values that come back again and again (a role
 * re-reads its subjects on every `addSubject()`): emptied whenever it reaches its size, so that
 * the synthesis of a large app never grows it without bound. Plain JSON logic, no aws-cdk-lib.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly maxSize: number) {}

  /** The value kept for the key, or the one `compute` gives, kept for next time. */
  public get(key: string, compute: () => V): V {
    let value = this.entries.get(key);
    if (value === undefined) {
      if (this.entries.size >= this.maxSize) {
        this.entries.clear();
      }
      value = compute();
      this.entries.set(key, value);
    }
    return value;
  }
}
