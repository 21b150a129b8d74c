// What may leave the app from model output: only http, https and mailto links without
// credentials (core/link-policy.ts), and only after a question naming the real destination.
import { describe, expect, it } from 'vitest';
import { externalLink } from '../core/link-policy';
import { linkPrompt } from './link-prompt';

const prompt = (raw: string, language: 'en' | 'zh' = 'en') => {
  const url = externalLink(raw);
  if (!url) throw new Error(`refused: ${raw}`);
  return linkPrompt(url, language);
};

describe('the link question', () => {
  it('names the host first, then the whole address', () => {
    const p = prompt('https://docs.vllm.ai/en/latest/?q=1#x');
    expect(p.message).toBe('Open this link in your browser?');
    expect(p.detail).toBe('It goes to: docs.vllm.ai\n\nhttps://docs.vllm.ai/en/latest/?q=1#x');
    expect(p.buttons).toEqual(['Open', 'Cancel']);
  });

  it('shows a look-alike internationalized host in punycode, which gives it away', () => {
    // "аpple.com" with a Cyrillic а.
    expect(prompt('https://\u0430pple.com/login').detail).toMatch(/^It goes to: xn--pple-43d\.com\n/);
  });

  it('shows the port, and the real host behind misleading text', () => {
    expect(prompt('http://10.0.0.5:8080/').detail).toMatch(/^It goes to: 10\.0\.0\.5:8080\n/);
    expect(prompt('https://evil.example/https://github.com/').detail).toMatch(/^It goes to: evil\.example\n/);
    expect(prompt('https://github.com.evil.example/').detail).toMatch(/^It goes to: github\.com\.evil\.example\n/);
  });

  it('names the recipient of a mailto link', () => {
    expect(prompt('mailto:someone@example.com?subject=hi').detail).toMatch(
      /^It writes an e-mail to: someone@example\.com\n/,
    );
  });

  it('cuts a very long address, and asks in Chinese when that is the language', () => {
    const p = prompt(`https://example.com/${'a'.repeat(5000)}`, 'zh');
    expect(p.detail.length).toBeLessThan(700);
    expect(p.message).toBe('要在浏览器中打开此链接吗？');
    expect(p.buttons).toEqual(['打开', '取消']);
  });
});

describe('the links that may leave the app', () => {
  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'smb://attacker.example/share',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x',
    'ftp://example.com/',
    'ws://example.com/',
    'chrome://settings',
    'app://runnel/index.html',
    'https://user:pass@example.com/',
    'https://user@example.com/',
    '//example.com/',
    '/relative',
    'not a url',
  ])('refuses %s', (raw) => {
    expect(externalLink(raw)).toBeNull();
  });

  it.each(['https://example.com/', 'http://127.0.0.1:8080/docs', 'mailto:a@example.com', 'HTTPS://EXAMPLE.COM/'])(
    'allows %s',
    (raw) => {
      expect(externalLink(raw)?.protocol).toMatch(/^(https?|mailto):$/);
    },
  );
});
