// A refused field as Runnel's sentence: the English main has always written (the path, then zod's
// or Runnel's own words), and a key the UI writes in Chinese from the kind of issue.
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { sayIn } from '../words/all-words';
import { inputWords } from '../words/input-words';
import { describeInvalidInput, ownError, ownIssue, sayInvalidInput } from './invalid-input';
import { requestSchemas } from './request-schemas';

const form = z.strictObject({
  name: z.string().min(1).max(5),
  note: z.string().min(3).optional(),
  kind: z.enum(['ollama', 'openai-chat']),
  url: z.url().optional(),
  id: z
    .string()
    .regex(/^[a-z]+$/, { error: 'expected an id' })
    .optional(),
  tries: z.int().min(2).max(4).optional(),
  tags: z.array(z.string()).min(1).max(2).optional(),
  on: z.boolean().optional(),
  env: z.record(z.string().regex(/^[A-Z]+$/), z.string()).optional(),
  even: z.number().multipleOf(2).optional(),
});
const good = { name: 'a', kind: 'ollama' };

/** The English, the key and the Chinese of what `form` says about `input`. */
function said(input: unknown, at?: string) {
  const result = form.safeParse(input);
  if (result.success) throw new Error('expected the input to be refused');
  const spoken = sayInvalidInput(result.error, at);
  const issue = result.error.issues[0]!;
  return { en: spoken.text, zod: issue.message, key: spoken.said.key, zh: sayIn('zh', spoken.said) };
}

describe('sayInvalidInput', () => {
  it('keeps the English as the path and the issue’s own message, as describeInvalidInput wrote it', () => {
    const result = form.safeParse({ ...good, kind: 'x' });
    expect(result.success).toBe(false);
    const spoken = sayInvalidInput(result.error!, 'backends[2]');
    expect(spoken.text).toBe('backends[2].kind: Invalid option: expected one of "ollama"|"openai-chat"');
    expect(describeInvalidInput(result.error!, 'backends[2]')).toBe(spoken.text);
    // The English sentence of the book writes the same text from the key.
    expect(sayIn('en', spoken.said)).toBe(spoken.text);
  });

  it.each([
    ['a missing field', { kind: 'ollama' }, 'input.missing', 'name：缺少这个字段'],
    ['a wrong type', { ...good, on: 'yes' }, 'input.wrongType', 'on：应为 true 或 false'],
    ['an integer expected', { ...good, tries: 2.5 }, 'input.wrongType', 'tries：应为整数'],
    ['a value not allowed', { ...good, kind: 'x' }, 'input.notOneOf', 'kind：应为以下之一："ollama", "openai-chat"'],
    ['an empty text', { ...good, name: '' }, 'input.empty', 'name：不能为空'],
    ['a short text', { ...good, note: 'ab' }, 'input.tooShort', 'note：至少 3 个字符'],
    ['a long text', { ...good, name: 'abcdef' }, 'input.tooLong', 'name：至多 5 个字符'],
    ['too few items', { ...good, tags: [] }, 'input.tooFew', 'tags：至少 1 项'],
    ['too many items', { ...good, tags: ['a', 'b', 'c'] }, 'input.tooMany', 'tags：至多 2 项'],
    ['a small number', { ...good, tries: 1 }, 'input.tooSmall', 'tries：不能小于 2'],
    ['a large number', { ...good, tries: 9 }, 'input.tooLarge', 'tries：不能大于 4'],
    ['a bad URL', { ...good, url: 'not a url' }, 'input.notUrl', 'url：不是有效的 URL'],
    ['a bad format', { ...good, id: 'A1' }, 'input.badFormat', 'id：格式不对'],
    ['a bad name in a record', { ...good, env: { 'bad name': 'x' } }, 'input.badName', 'env.bad name：名称无效'],
  ])('says %s in Chinese from the kind of issue', (_, input, key, zh) => {
    const words = said(input);
    expect(words.key).toBe(key);
    expect(words.en).toBe(`${words.zh?.split('：')[0]}: ${words.zod}`);
    expect(words.zh).toBe(zh);
  });

  it('tells a missing field from a wrong one by the input, where the schema words type errors its own way', () => {
    const worded = z.strictObject({ a: z.string({ error: 'expected a string' }) });
    const say = (input: Record<string, unknown>) => {
      const spoken = sayInvalidInput(worded.safeParse(input).error!, 'x', input);
      return [spoken.text, sayIn('zh', spoken.said)];
    };
    expect(say({})).toEqual(['x.a: expected a string', 'x.a：缺少这个字段']);
    expect(say({ a: 1 })).toEqual(['x.a: expected a string', 'x.a：应为文本']);
    // A key that is not the object's own (its prototype's) is missing too.
    expect(say(JSON.parse('{"__proto__": {"a": "x"}}') as Record<string, unknown>)[1]).toBe('x.a：缺少这个字段');
  });

  it('names a field no schema knows at the field, in both languages', () => {
    const words = said({ ...good, colour: 'red' }, 'mcpServers.a');
    expect(words.en).toBe('mcpServers.a.colour: expected no such field');
    expect(words.key).toBe('input.noSuchField');
    expect(words.zh).toBe('mcpServers.a.colour：没有这个字段');
  });

  it('keeps zod’s English for an issue of a kind Runnel does not make, behind the path', () => {
    const words = said({ ...good, even: 3 });
    expect(words.key).toBe('input.other');
    expect(words.en).toBe(`even: ${words.zod}`);
    expect(words.zh).toBe(`even：${words.zod}`);
  });

  it('says a check of Runnel’s own in its own words, refined or added', () => {
    const max = z.array(z.string()).refine((a) => a.length < 2, ownError(inputWords.say('tooManyModels', { max: 1 })));
    const refined = max.safeParse(['a', 'b']);
    expect(refined.success).toBe(false);
    const spoken = sayInvalidInput(refined.error!, 'models');
    expect(spoken.text).toBe('models: expected at most 1 models');
    expect(sayIn('zh', spoken.said)).toBe('models：至多 1 个模型');

    const added = z.object({ url: z.string() }).superRefine((_, ctx) => {
      ctx.addIssue(ownIssue(inputWords.say('httpUrl'), ['url']));
    });
    const addedResult = added.safeParse({ url: 'ftp://h' });
    const addedSpoken = sayInvalidInput(addedResult.error!);
    expect(addedSpoken.text).toBe('url: expected an http:// or https:// URL');
    expect(sayIn('zh', addedSpoken.said)).toBe('url：应为 http:// 或 https:// 开头的 URL');
  });

  it('says a custom check without Runnel’s words in the words it came with', () => {
    const plain = z.string().refine((s) => s === 'a', { error: 'only a' });
    const spoken = sayInvalidInput(plain.safeParse('b').error!);
    expect(spoken.text).toBe('input: only a');
    expect(spoken.said.key).toBe('input.other');
    expect(sayIn('zh', spoken.said)).toBe('input：only a');
  });

  it('says what a request channel refuses, as dispatch does, Runnel’s own limits too', () => {
    const refused = (options: Record<string, string>) => {
      const backend = { name: 'A', kind: 'ollama', baseUrl: 'http://h', options };
      const result = requestSchemas['backends:save'].safeParse({ backend });
      expect(result.success).toBe(false);
      const spoken = sayInvalidInput(result.error!);
      return { en: spoken.text, zh: sayIn('zh', spoken.said) };
    };
    expect(refused({ 'bad name': 'x' })).toEqual({
      en: 'backend.options.bad name: Invalid key in record',
      zh: 'backend.options.bad name：名称无效',
    });
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    expect(refused(many)).toEqual({
      en: 'backend.options: expected at most 50 entries',
      zh: 'backend.options：至多 50 项',
    });
  });
});
