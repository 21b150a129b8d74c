// The conversation settings form read into settings and back, and when two settings are the same.
import { describe, expect, it } from 'vitest';
import { fromForm, sameSettings, toForm, type SettingsForm } from './settings-form';

const blank: SettingsForm = {
  systemPrompt: '',
  temperature: '',
  topP: '',
  maxTokens: '',
  seed: '',
  contextOverflow: 'drop-oldest',
};

describe('conversation settings form', () => {
  it('reads empty fields as defaults and numbers as parameters, a decimal comma included', () => {
    expect(fromForm(blank)).toEqual({
      ok: true,
      settings: { systemPrompt: '', params: {}, contextOverflow: 'drop-oldest' },
    });
    expect(
      fromForm({
        systemPrompt: 'Be brief.',
        temperature: '0,7',
        topP: ' .9 ',
        maxTokens: '512',
        seed: '-3',
        contextOverflow: 'ask',
      }),
    ).toEqual({
      ok: true,
      settings: {
        systemPrompt: 'Be brief.',
        params: { temperature: 0.7, topP: 0.9, maxTokens: 512, seed: -3 },
        contextOverflow: 'ask',
      },
    });
  });

  it('names every field out of range or not a number', () => {
    expect(fromForm({ ...blank, temperature: '7', topP: '1.5', maxTokens: '2.5', seed: '1e400' })).toEqual({
      ok: false,
      problems: {
        temperature: { kind: 'range', min: 0, max: 5 },
        topP: { kind: 'range', min: 0, max: 1 },
        maxTokens: { kind: 'integer', min: 1, max: 10_000_000 },
        seed: { kind: 'seed' },
      },
    });
    expect(fromForm({ ...blank, temperature: '0.5x' })).toMatchObject({ ok: false, problems: { temperature: {} } });
    expect(fromForm({ ...blank, maxTokens: '0' })).toMatchObject({ ok: false, problems: { maxTokens: {} } });
    expect(fromForm({ ...blank, seed: '1.5' })).toMatchObject({ ok: false, problems: { seed: { kind: 'seed' } } });
  });

  it('round-trips settings through the form', () => {
    const settings = {
      systemPrompt: 'S',
      params: { temperature: 1, topP: 0.25, maxTokens: 9, seed: 0 },
      contextOverflow: 'ask' as const,
    };
    const form = toForm(settings);
    expect(form).toEqual({
      systemPrompt: 'S',
      temperature: '1',
      topP: '0.25',
      maxTokens: '9',
      seed: '0',
      contextOverflow: 'ask',
    });
    expect(fromForm(form)).toEqual({ ok: true, settings });
    expect(sameSettings(settings, { ...settings, systemPrompt: ' S\n' })).toBe(true);
    expect(sameSettings(settings, { ...settings, params: { ...settings.params, seed: 1 } })).toBe(false);
  });
});
