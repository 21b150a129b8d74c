// Which UI language the system's preferences or the setting pick, and the document's lang for it.
import { describe, expect, it } from 'vitest';
import { htmlLang, pickLanguage, resolveLanguage } from './languages';

describe('pickLanguage', () => {
  it('takes the first system language the app has', () => {
    expect(pickLanguage(['zh-CN', 'en-US'])).toBe('zh');
    expect(pickLanguage(['zh-Hans-SG'])).toBe('zh');
    expect(pickLanguage(['zh_TW'])).toBe('zh');
    expect(pickLanguage(['fr-FR', 'en-GB', 'zh-CN'])).toBe('en');
    expect(pickLanguage(['de-DE', 'zh-CN'])).toBe('zh');
  });

  it('falls back to English', () => {
    expect(pickLanguage([])).toBe('en');
    expect(pickLanguage(['ja-JP'])).toBe('en');
  });

  it('lets the setting override the system', () => {
    expect(resolveLanguage('en', ['zh-CN'])).toBe('en');
    expect(resolveLanguage('zh', ['en-US'])).toBe('zh');
    expect(resolveLanguage('system', ['zh-CN'])).toBe('zh');
  });
});

describe('htmlLang', () => {
  it('marks Chinese as Simplified script, so CJK fonts pick the right glyphs', () => {
    expect(htmlLang('zh')).toBe('zh-Hans');
    expect(htmlLang('en')).toBe('en');
  });
});
