import { describe, expect, it } from 'vitest';
import type { ChatTurn } from '../types';
import { renderChatPrompt } from './chat-template';

const turns: ChatTurn[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Hi' },
  { role: 'assistant', content: 'Hello!' },
  { role: 'user', content: 'Why?' },
];

describe('chat template presets', () => {
  it('ChatML', () => {
    expect(renderChatPrompt(turns, 'ChatML')).toEqual({
      prompt:
        '<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello!<|im_end|>\n<|im_start|>user\nWhy?<|im_end|>\n<|im_start|>assistant\n',
      stop: ['<|im_end|>'],
    });
  });

  it('Llama 3 (no BOS: the server adds it)', () => {
    expect(renderChatPrompt(turns, 'llama3')).toEqual({
      prompt:
        '<|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\nHello!<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nWhy?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n',
      stop: ['<|eot_id|>'],
    });
  });

  it('Mistral: the system prompt goes before the last user message', () => {
    expect(renderChatPrompt(turns, 'mistral')).toEqual({
      prompt: '[INST] Hi[/INST] Hello!</s>[INST] Be brief.\n\nWhy?[/INST]',
      stop: ['</s>', '[INST]'],
    });
  });

  it('Gemma: model for the assistant, the system prompt in the first user turn', () => {
    expect(renderChatPrompt(turns, 'gemma')).toEqual({
      prompt:
        '<start_of_turn>user\nBe brief.\n\nHi<end_of_turn>\n<start_of_turn>model\nHello!<end_of_turn>\n<start_of_turn>user\nWhy?<end_of_turn>\n<start_of_turn>model\n',
      stop: ['<end_of_turn>'],
    });
  });

  it('defaults to the fallback preset when no template is set', () => {
    expect(renderChatPrompt([{ role: 'user', content: 'x' }], '  ')).toEqual(
      renderChatPrompt([{ role: 'user', content: 'x' }], 'chatml'),
    );
  });
});

describe('a pasted Jinja template', () => {
  it('renders with add_generation_prompt and takes the end markers it uses as stops', () => {
    const source =
      '{% for m in messages %}<|user|>{{ m.content }}<|end|>{% endfor %}{% if add_generation_prompt %}<|assistant|>{% endif %}';
    expect(renderChatPrompt([{ role: 'user', content: 'Hi' }], source)).toEqual({
      prompt: '<|user|>Hi<|end|><|assistant|>',
      stop: ['<|end|>'],
    });
  });

  it('a template that does not parse is invalid_input', () => {
    expect(() => renderChatPrompt(turns, '{% for m in %}')).toThrow(
      expect.objectContaining({ detail: expect.objectContaining({ code: 'invalid_input' }) }),
    );
  });

  it("a template's raise_exception is invalid_input with its words", () => {
    expect(() => renderChatPrompt(turns, "{{ raise_exception('System role not supported') }}")).toThrow(
      /failed to render: System role not supported/,
    );
  });
});

describe('continuing a partial answer (the last turn is the assistant’s)', () => {
  const cut: ChatTurn[] = [...turns, { role: 'assistant', content: 'Because the sky ' }];

  it.each([
    ['chatml', '<|im_start|>user\nWhy?<|im_end|>\n<|im_start|>assistant\nBecause the sky '],
    [
      'llama3',
      '<|start_header_id|>user<|end_header_id|>\n\nWhy?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\nBecause the sky ',
    ],
    ['mistral', '[INST] Be brief.\n\nWhy?[/INST] Because the sky '],
    ['gemma', '<start_of_turn>user\nWhy?<end_of_turn>\n<start_of_turn>model\nBecause the sky '],
  ])('%s leaves the answer open, its text exactly as stored, with no end marker or new turn', (preset, ending) => {
    const { prompt, stop } = renderChatPrompt(cut, preset);
    expect(prompt.endsWith(ending)).toBe(true);
    // Everything before the partial answer is what a normal render of the earlier turns gives.
    const before = renderChatPrompt(turns, preset).prompt;
    expect(prompt.startsWith(before.slice(0, before.lastIndexOf('Why?')))).toBe(true);
    for (const marker of stop) expect(prompt.endsWith(marker)).toBe(false);
  });

  it('Mistral keeps the system prompt on the last user message when an answer follows it', () => {
    expect(renderChatPrompt(cut, 'mistral').prompt).toBe(
      '[INST] Hi[/INST] Hello!</s>[INST] Be brief.\n\nWhy?[/INST] Because the sky ',
    );
  });

  it('a pasted template continues too, even one that trims the content', () => {
    const source =
      '{% for m in messages %}<|{{ m.role }}|>{{ m.content | trim }}<|end|>{% endfor %}{% if add_generation_prompt %}<|assistant|>{% endif %}';
    expect(
      renderChatPrompt(
        [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hel' },
        ],
        source,
      ),
    ).toEqual({
      prompt: '<|user|>Hi<|end|><|assistant|>Hel',
      stop: ['<|end|>'],
    });
  });

  it('a template that rewrites the text is searched for it; one that drops it cannot continue', () => {
    const upper = '{% for m in messages %}[{{ m.role }}]{{ m.content | upper }}{% endfor %}';
    expect(
      renderChatPrompt(
        [
          { role: 'user', content: 'HI' },
          { role: 'assistant', content: 'OK SO' },
        ],
        upper,
      ).prompt,
    ).toBe('[user]HI[assistant]OK SO');
    const dropsAnswers = "{% for m in messages %}{% if m.role == 'user' %}{{ m.content }}{% endif %}{% endfor %}";
    expect(() =>
      renderChatPrompt(
        [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Partial' },
        ],
        dropsAnswers,
      ),
    ).toThrow(/cannot be continued/);
  });
});
