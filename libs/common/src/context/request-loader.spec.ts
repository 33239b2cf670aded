import { RequestLoader } from './request-loader.js';

describe('RequestLoader', () => {
  const make = () => {
    const batches: string[][] = [];
    const loader = new RequestLoader<string, string | null>(async (keys) => {
      batches.push([...keys]);
      return keys.map((k) => (k === 'missing' ? null : k === 'bad' ? new Error('bad') : `value of ${k}`));
    });
    return { loader, batches };
  };

  it('answers at once for a primed key, without a batch', async () => {
    const { loader, batches } = make();
    loader.prime('a', 'primed a');
    expect(loader.peek('a')).toBe('primed a');
    expect(loader.get('a')).toBe('primed a');
    expect(await loader.load('a')).toBe('primed a');
    expect(batches).toEqual([]);
  });

  it('holds what a batch loaded (null included), but not errors', async () => {
    const { loader, batches } = make();
    expect(loader.peek('b')).toBeUndefined();
    const pending = loader.get('b');
    expect(pending).toBeInstanceOf(Promise);
    await expect(Promise.all([pending, loader.load('missing'), loader.load('bad')])).rejects.toThrow('bad');
    expect(batches).toEqual([['b', 'missing', 'bad']]);
    expect(loader.get('b')).toBe('value of b');
    expect(loader.get('missing')).toBeNull();
    expect(loader.peek('bad')).toBeUndefined();
  });

  it('keeps the first value of a key, like DataLoader.prime', async () => {
    const { loader } = make();
    loader.prime('a', 'first');
    loader.prime('a', 'second');
    expect(loader.peek('a')).toBe('first');
    expect(await loader.load('a')).toBe('first');
  });

  it('never answers differently from load: a prime after a load changes nothing', async () => {
    const { loader } = make();
    const pending = loader.load('a');
    loader.prime('a', 'too late');
    expect(loader.peek('a')).toBeUndefined();
    expect(await pending).toBe('value of a');
    expect(loader.get('a')).toBe('value of a');
  });

  it('forgets a cleared key', async () => {
    const { loader, batches } = make();
    loader.prime('a', 'primed a');
    loader.clear('a');
    expect(loader.peek('a')).toBeUndefined();
    expect(await loader.get('a')).toBe('value of a');
    loader.clearAll();
    expect(loader.peek('a')).toBeUndefined();
    expect(batches).toEqual([['a']]);
  });
});
