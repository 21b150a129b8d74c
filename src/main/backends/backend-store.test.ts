import { describe, expect, it } from 'vitest';
import { ChatFailure } from '../../shared/chat-error';
import { normalizeBaseUrl } from './backend-store';

describe('normalizeBaseUrl', () => {
  it('trims and drops trailing slashes', () => {
    expect(normalizeBaseUrl(' http://127.0.0.1:8000/v1/ ')).toBe('http://127.0.0.1:8000/v1');
  });

  it('takes ws:// and wss:// only for WebSocket kinds', () => {
    expect(normalizeBaseUrl('ws://127.0.0.1:8080/v1', 'openai-realtime')).toBe('ws://127.0.0.1:8080/v1');
    expect(normalizeBaseUrl('wss://gw.example/chat', 'websocket-json')).toBe('wss://gw.example/chat');
    expect(() => normalizeBaseUrl('ws://127.0.0.1:8080/v1', 'openai-chat')).toThrow(ChatFailure);
  });

  it('refuses other schemes, non-URLs and credentials in the URL', () => {
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'not a url', 'http://user:pw@host/v1']) {
      expect(() => normalizeBaseUrl(bad)).toThrow(ChatFailure);
    }
  });
});
