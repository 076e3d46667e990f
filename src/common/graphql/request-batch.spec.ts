import { RequestBatch } from './request-batch.js';

describe('RequestBatch', () => {
  it('answers the keys one request asks in one tick with one load; another request, or a later tick, loads apart', async () => {
    const loads: string[][] = [];
    const batch = new RequestBatch<string, string>((keys) => {
      loads.push(keys);
      return Promise.resolve(new Map(keys.map((k) => [k, k.toUpperCase()])));
    });
    const a = {};
    const b = {};
    expect(await Promise.all([batch.get(a, 'x'), batch.get(a, 'y'), batch.get(b, 'z'), batch.get(a, 'x')])).toEqual(['X', 'Y', 'Z', 'X']);
    expect(loads).toEqual([['x', 'y'], ['z']]);
    expect(await batch.get(a, 'q')).toBe('Q');
    expect(loads).toHaveLength(3);
  });

  it('answers undefined for a key the load did not find', async () => {
    const batch = new RequestBatch<string, number>(() => Promise.resolve(new Map<string, number>()));
    expect(await batch.get({}, 'none')).toBeUndefined();
  });
});
