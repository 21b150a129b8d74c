// The provisioning file: headers as an object of names to values, timeouts and default parameters,
// checked like the settings form's input.
import { describe, expect, it } from 'vitest';
import { sayIn } from '../../shared/words/all-words';
import { parseRunnelConfig } from './runnel-config';

describe('parseRunnelConfig', () => {
  it('reads headers, timeouts and default parameters into backend drafts', () => {
    const config = parseRunnelConfig(
      JSON.stringify({
        backends: [
          {
            name: 'Gateway',
            kind: 'openai-chat',
            baseUrl: 'https://gw.example/v1',
            headers: { 'X-Api-Key': 'k', 'CF-Access-Client-Id': 'id' },
            connectTimeoutMs: 60_000,
            idleTimeoutMs: 300_000,
            defaultParams: { temperature: 0.4, maxTokens: 512 },
          },
          { name: 'Plain', kind: 'ollama', baseUrl: 'http://127.0.0.1:11434' },
        ],
      }),
      'test.json',
    );
    expect(config.backends?.[0]).toEqual({
      name: 'Gateway',
      kind: 'openai-chat',
      baseUrl: 'https://gw.example/v1',
      headers: [
        { name: 'X-Api-Key', value: 'k' },
        { name: 'CF-Access-Client-Id', value: 'id' },
      ],
      connectTimeoutMs: 60_000,
      idleTimeoutMs: 300_000,
      defaultParams: { temperature: 0.4, maxTokens: 512 },
    });
    // No headers key: what is stored stays.
    expect(config.backends?.[1]).not.toHaveProperty('headers');
  });

  it('leaves out a malformed entry, naming it, the place and the problem, and keeps the rest', () => {
    const parse = (backend: Record<string, unknown>) =>
      parseRunnelConfig(
        JSON.stringify({
          backends: [
            { name: 'x', kind: 'openai-chat', baseUrl: 'http://h/v1', ...backend },
            { name: 'Fine', kind: 'ollama', baseUrl: 'http://127.0.0.1:11434' },
          ],
        }),
        'f.json',
      );
    const problem = (backend: Record<string, unknown>) => {
      const config = parse(backend);
      expect(config.backends?.map((b) => b.name)).toEqual(['Fine']);
      expect(config.problems).toHaveLength(1);
      expect(config.problems?.[0]).toMatchObject({ file: 'f.json', entry: '"x" (backends[0])' });
      return config.problems?.[0]?.reason;
    };
    expect(problem({ headers: ['X-A'] })).toMatch(/backends\[0\]\.headers/);
    expect(problem({ headers: { 'X-A': 5 } })).toMatch(/headers\.X-A/);
    expect(problem({ connectTimeoutMs: 10 })).toMatch(/connectTimeoutMs/);
    expect(problem({ defaultParams: { topP: 2 } })).toMatch(/defaultParams\.topP/);
    expect(problem({ kind: 'openai' })).toMatch(/backends\[0\]\.kind/);
  });

  it('says a field problem in Chinese too, keeping the English it has always written', () => {
    const problem = (backend: Record<string, unknown>) => {
      const config = parseRunnelConfig(JSON.stringify({ backends: [backend] }), 'f.json');
      const p = config.problems?.[0];
      expect(p?.said, p?.reason).toBeDefined();
      expect(sayIn('en', p!.said!)).toBe(p?.reason);
      return { en: p?.reason, zh: sayIn('zh', p!.said!) };
    };
    const base = { name: 'x', kind: 'ollama', baseUrl: 'http://h' };
    expect(problem({ kind: 'ollama', baseUrl: 'http://h' })).toEqual({
      en: 'backends[0].name: Invalid input: expected string, received undefined',
      zh: 'backends[0].name：缺少这个字段',
    });
    expect(problem({ ...base, kind: 'openai' }).zh).toMatch(/^backends\[0\]\.kind：应为以下之一："openai-chat", /);
    expect(problem({ ...base, connectTimeoutMs: 10 }).zh).toBe('backends[0].connectTimeoutMs：不能小于 1000');
    expect(problem({ ...base, name: 'n'.repeat(201) }).zh).toBe('backends[0].name：至多 200 个字符');
    expect(problem({ ...base, headers: { 'X-A': 5 } }).zh).toBe('backends[0].headers.X-A：应为文本');
    expect(problem({ ...base, colour: 'red' })).toEqual({
      en: 'backends[0].colour: expected no such field',
      zh: 'backends[0].colour：没有这个字段',
    });
    const headers = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`X-${i}`, 'v']));
    expect(problem({ ...base, headers }).zh).toMatch(/^backends\[0\]\.headers：至多 \d+ 个请求头$/);
  });

  it('names an entry with no name by its place, and a whole file it cannot read', () => {
    const config = parseRunnelConfig(JSON.stringify({ backends: [{ kind: 'ollama' }] }), 'f.json');
    expect(config.backends).toEqual([]);
    expect(config.problems?.[0]).toMatchObject({ entry: 'backends[0]', reason: expect.stringMatching(/name/) });
    expect(parseRunnelConfig('{ "backends": [', 'f.json').problems?.[0]).toMatchObject({
      file: 'f.json',
      entry: null,
      reason: expect.stringMatching(/not valid JSON/),
    });
    expect(parseRunnelConfig('[]', 'f.json').problems?.[0]).toMatchObject({ entry: null });
    expect(parseRunnelConfig('{"backends": {}}', 'f.json').problems?.[0]).toMatchObject({ entry: 'backends' });
  });

  it('names keys it does not know and still applies the backends', () => {
    const config = parseRunnelConfig(
      JSON.stringify({ future: 1, backends: [{ name: 'A', kind: 'ollama', baseUrl: 'http://127.0.0.1:11434' }] }),
      'f.json',
    );
    expect(config.backends?.map((b) => b.name)).toEqual(['A']);
    expect(config.problems).toEqual([
      {
        file: 'f.json',
        entry: 'future',
        reason: 'not a setting this version of Runnel knows; ignored',
        said: { key: 'config.unknownSetting', values: {} },
      },
    ]);
    expect(sayIn('zh', config.problems![0]!.said!)).toBe('此版本的 Runnel 不认识这项设置，已忽略');
  });
});
