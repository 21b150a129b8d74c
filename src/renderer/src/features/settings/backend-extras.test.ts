// The backend form's extras as typed, turned into what main takes, or the first thing wrong.
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../../shared/domain';
import { asBackendId } from '../../../../shared/ids';
import { extraFieldsOf, parseExtras, type ExtraFields } from './backend-extras';
import { backendFormMessages } from './backend-form-messages';

const en = backendFormMessages.en;
const zh = backendFormMessages.zh;
const blank = extraFieldsOf(null);
const fields = (extra: Partial<ExtraFields>): ExtraFields => ({ ...blank, ...extra });
const row = (key: number, name: string, value: string, saved = false) => ({ key, name, value, saved });
const error = (f: ExtraFields, m = en) => {
  const parsed = parseExtras(f, m);
  return parsed.ok ? null : parsed.message;
};

describe('parseExtras', () => {
  it('turns empty fields into nothing set', () => {
    expect(parseExtras(blank, en)).toEqual({
      ok: true,
      value: { headers: [], connectTimeoutMs: null, idleTimeoutMs: null, defaultParams: {} },
    });
  });

  it('converts seconds to ms and keeps only the parameters typed', () => {
    const parsed = parseExtras(
      fields({
        connectTimeout: '90',
        idleTimeout: ' 600 ',
        temperature: '0.7',
        topP: '',
        maxTokens: '2048',
        seed: '-3',
      }),
      en,
    );
    expect(parsed).toEqual({
      ok: true,
      value: {
        headers: [],
        connectTimeoutMs: 90_000,
        idleTimeoutMs: 600_000,
        defaultParams: { temperature: 0.7, maxTokens: 2048, seed: -3 },
      },
    });
  });

  it('keeps a saved header whose value is left empty, sends typed ones, drops blank rows', () => {
    const parsed = parseExtras(
      fields({ headers: [row(0, 'X-Api-Key', '', true), row(1, ' X-Route ', ' a '), row(2, '', '')] }),
      en,
    );
    expect(parsed.ok && parsed.value.headers).toEqual([{ name: 'X-Api-Key' }, { name: 'X-Route', value: 'a' }]);
  });

  it('names what is wrong, in the user’s language', () => {
    expect(error(fields({ headers: [row(0, 'X-New', '')] }))).toBe('The header “X-New” needs a value.');
    expect(error(fields({ headers: [row(0, 'Host', 'evil')] }))).toMatch(/Host.*set by the connection/);
    expect(error(fields({ headers: [row(0, 'Bad Name', 'v')] }))).toMatch(/not a valid header name/);
    expect(error(fields({ headers: [row(0, 'X-A', 'a\nb')] }))).toMatch(/line break/);
    expect(error(fields({ headers: [row(0, 'X-A', '1'), row(1, 'x-a', '2')] }))).toMatch(/listed twice/);
    expect(error(fields({ connectTimeout: '0' }))).toBe('Connect timeout: a whole number of seconds from 1 to 600.');
    expect(error(fields({ idleTimeout: '1.5' }))).toMatch(/^Idle timeout/);
    expect(error(fields({ idleTimeout: '3601' }))).toMatch(/^Idle timeout/);
    expect(error(fields({ temperature: 'hot' }))).toBe('Temperature: a number from 0 to 5.');
    expect(error(fields({ topP: '1.2' }))).toMatch(/^Top P/);
    expect(error(fields({ maxTokens: '0' }))).toMatch(/^Max tokens/);
    expect(error(fields({ seed: '1.5' }))).toMatch(/^Seed/);
    expect(error(fields({ headers: [row(0, 'Host', 'x')] }), zh)).toBe('“Host”由连接本身设置，不能更改。');
    expect(error(fields({ temperature: '9' }), zh)).toBe('温度：0 到 5 之间的数。');
  });
});

describe('extraFieldsOf', () => {
  it('shows a saved backend’s header names (never values), timeouts in seconds and parameters', () => {
    const backend = {
      id: asBackendId('b'),
      headerNames: ['X-Api-Key'],
      connectTimeoutMs: 45_000,
      idleTimeoutMs: null,
      defaultParams: { temperature: 0.2, seed: 7 },
    } as Partial<Backend> as Backend;
    expect(extraFieldsOf(backend)).toEqual({
      headers: [{ key: 0, name: 'X-Api-Key', value: '', saved: true }],
      connectTimeout: '45',
      idleTimeout: '',
      temperature: '0.2',
      topP: '',
      maxTokens: '',
      seed: '7',
    });
  });
});
