// A backend's per-model context windows as typed in the form, turned into what main takes.
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../../shared/domain';
import { contextWindowMessages } from './context-window-messages';
import { parseWindowRows, windowRowsOf } from './context-window-rows';

const en = contextWindowMessages.en;
const row = (key: number, model: string, tokens: string) => ({ key, model, tokens });

describe('parseWindowRows', () => {
  it('reads rows into model → tokens, dropping blank ones', () => {
    expect(parseWindowRows([row(0, ' qwen ', ' 8192 '), row(1, '', '')], en)).toEqual({
      ok: true,
      value: { qwen: 8192 },
    });
    expect(parseWindowRows([], en)).toEqual({ ok: true, value: {} });
  });

  it('names what is wrong', () => {
    expect(parseWindowRows([row(0, '', '4096')], en)).toEqual({ ok: false, message: en.needsModel });
    expect(parseWindowRows([row(0, 'm', '100')], en)).toEqual({ ok: false, message: en.badTokens('m', 256) });
    expect(parseWindowRows([row(0, 'm', '8k')], en)).toMatchObject({ ok: false });
    expect(parseWindowRows([row(0, 'm', '4096'), row(1, 'm', '8192')], en)).toEqual({
      ok: false,
      message: en.twice('m'),
    });
  });

  it('starts from the backend’s saved windows', () => {
    expect(windowRowsOf({ contextWindows: { a: 1024 } } as unknown as Backend)).toEqual([row(0, 'a', '1024')]);
    expect(windowRowsOf(null)).toEqual([]);
  });
});
