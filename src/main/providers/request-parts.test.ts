import { describe, expect, it } from 'vitest';
import { jsonHeaders, modelListRequest, namesIn, withConnection } from './request-parts';

const backend = { kind: 'openai-chat' as const, baseUrl: 'https://h/v1', apiKey: 'k', http: 'h2' as const };

describe('request parts', () => {
  it('puts the backend’s HTTP version and trusted certificate on a plan', () => {
    const plan = { method: 'GET' as const, url: 'https://h/v1/models', headers: {} };
    expect(withConnection(plan, { ...backend, tlsCa: 'PEM' })).toEqual({ ...plan, http: 'h2', tls: { ca: 'PEM' } });
    expect(withConnection(plan, { ...backend, tlsCa: null })).toEqual({ ...plan, http: 'h2' });
  });

  it('builds bearer JSON headers and a model-list GET without a body type', () => {
    expect(jsonHeaders(backend)).toEqual({
      'content-type': 'application/json',
      accept: 'text/event-stream',
      authorization: 'Bearer k',
    });
    expect(modelListRequest('u', jsonHeaders(backend)).headers).toEqual({
      accept: 'application/json',
      authorization: 'Bearer k',
    });
  });

  it('reads names from either list shape, skipping junk', () => {
    expect(namesIn({ data: [{ id: 'a' }, { id: 3 }, null, { id: 'b' }] }, 'data', ['id'])).toEqual(['a', 'b']);
    expect(namesIn({ models: [{ model: 'x' }, { name: 'y' }] }, 'models', ['name', 'model'])).toEqual(['x', 'y']);
    expect(namesIn('nonsense', 'data', ['id'])).toEqual([]);
  });
});
