import { describe, expect, it } from 'vitest';
import { modelOptionName } from './model-option-name';

describe('modelOptionName', () => {
  it('names the model, then its backend, with a spaced em dash', () => {
    expect(modelOptionName('llama3:8b', 'Ollama on gpu-box')).toBe('llama3:8b — Ollama on gpu-box');
  });

  it('keeps names as they are (no trimming, no translation)', () => {
    expect(modelOptionName('模型 A', '本地')).toBe('模型 A — 本地');
  });
});
