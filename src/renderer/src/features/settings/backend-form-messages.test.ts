import { describe, expect, it } from 'vitest';
import { backendKinds } from '../../../../shared/domain';
import { backendFormMessages } from './backend-form-messages';

const en = backendFormMessages.en;
const zh = backendFormMessages.zh;

describe('kind names', () => {
  it('the Kind select’s label is built from the name the Backends list shows, in both languages', () => {
    expect(en.kindName('openai-chat')).toBe('OpenAI-compatible chat');
    expect(en.kindLabel('openai-chat')).toBe('OpenAI-compatible chat (openai-chat)');
    expect(en.kindLabel('runpod')).toBe('RunPod serverless endpoint, worker-vllm (runpod)');
    expect(zh.kindName('ollama')).toBe('Ollama 原生 API');
    expect(zh.kindLabel('ollama')).toBe('Ollama 原生 API（ollama）');
  });

  it('every kind has a name of its own in each language, and its label names its id', () => {
    for (const m of [en, zh]) {
      expect(new Set(backendKinds.map((k) => m.kindName(k))).size).toBe(backendKinds.length);
      for (const k of backendKinds) expect(m.kindLabel(k)).toContain(k);
    }
  });
});
