// The provisioning file: headers as an object of names to values, timeouts and default parameters,
// checked like the settings form's input.
import { describe, expect, it } from 'vitest';
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

  it('refuses malformed headers and out-of-range numbers, naming the place', () => {
    const parse = (backend: Record<string, unknown>) =>
      parseRunnelConfig(
        JSON.stringify({ backends: [{ name: 'x', kind: 'openai-chat', baseUrl: 'http://h/v1', ...backend }] }),
        'f.json',
      );
    expect(() => parse({ headers: ['X-A'] })).toThrow(/f\.json: backends\[0\]\.headers/);
    expect(() => parse({ headers: { 'X-A': 5 } })).toThrow(/headers\.X-A/);
    expect(() => parse({ connectTimeoutMs: 10 })).toThrow(/connectTimeoutMs/);
    expect(() => parse({ defaultParams: { topP: 2 } })).toThrow(/defaultParams\.topP/);
  });
});
