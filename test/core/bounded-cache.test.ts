import { BoundedCache } from '../../src/core/bounded-cache';

describe('BoundedCache', () => {
  test('computes a key once, and keeps what it computed', () => {
    const cache = new BoundedCache<string>(10);
    let calls = 0;
    const compute = (key: string) => () => {
      calls++;
      return key.toUpperCase();
    };
    expect(cache.get('a', compute('a'))).toBe('A');
    expect(cache.get('a', compute('a'))).toBe('A');
    expect(cache.get('b', compute('b'))).toBe('B');
    expect(calls).toBe(2);
  });

  test('empties itself when it reaches its size, then computes again', () => {
    const cache = new BoundedCache<number>(2);
    let calls = 0;
    const count = () => ++calls;
    cache.get('a', count);
    cache.get('b', count);
    // Full: the third key empties it, so 'a' is computed anew.
    cache.get('c', count);
    expect(cache.get('c', count)).toBe(3);
    expect(cache.get('a', count)).toBe(4);
    expect(calls).toBe(4);
  });
});
