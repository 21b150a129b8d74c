// A library kept out of the first script is fetched once, however many blocks want it at once.
import { describe, expect, it } from 'vitest';
import { lazyModule } from './lazy-module';

describe('lazyModule', () => {
  it('is absent until loaded, loads once for every caller, and is then at hand synchronously', async () => {
    let imports = 0;
    const lib = lazyModule(async () => {
      imports++;
      return { name: 'katex' };
    });
    expect(lib.get()).toBeNull();
    const [a, b] = await Promise.all([lib.load(), lib.load()]);
    expect(a).toBe(b);
    expect(imports).toBe(1);
    expect(lib.get()).toBe(a);
  });
});
