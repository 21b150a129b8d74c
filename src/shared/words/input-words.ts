// What Runnel says about a field its schemas refuse (zod issues, `shared/ipc/invalid-input.ts`):
// in a config file, a pasted tool config, a tool server's settings or a request. The English is
// the issue's own message (`detail`: zod's words, or Runnel's sentence below for a check of its
// own), kept as it has always been written; the other languages write the reason from the issue's
// kind and figures. `field` is the path (`backends[0].baseUrl`), never translated.
import { defineWords } from './define-words';

type Field = { field: string; detail: string };
type Limit = Field & { limit: number };

/** zod's names of the types a field expected, in Chinese (a name not listed stays as zod wrote it). */
const zhTypes: Readonly<Record<string, string>> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  object: '对象',
  array: '数组',
  null: 'null',
};
const zhType = (expected: string) => {
  const type = Object.hasOwn(zhTypes, expected) ? zhTypes[expected]! : expected;
  // A Latin word after Chinese text gets a space before it.
  return /^[A-Za-z]/.test(type) ? ` ${type}` : type;
};

const sameAsZod = ({ field, detail }: Field) => `${field}: ${detail}`;

export const inputWords = defineWords(
  'input',
  {
    /** A field that is not there (zod: expected a type, received undefined). */
    missing: sameAsZod,
    wrongType: ({ field, detail }: Field & { expected: string }) => `${field}: ${detail}`,
    notOneOf: ({ field, detail }: Field & { options: string }) => `${field}: ${detail}`,
    empty: sameAsZod,
    tooShort: ({ field, detail }: Limit) => `${field}: ${detail}`,
    tooLong: ({ field, detail }: Limit) => `${field}: ${detail}`,
    tooFew: ({ field, detail }: Limit) => `${field}: ${detail}`,
    tooMany: ({ field, detail }: Limit) => `${field}: ${detail}`,
    tooSmall: ({ field, detail }: Limit) => `${field}: ${detail}`,
    tooLarge: ({ field, detail }: Limit) => `${field}: ${detail}`,
    notUrl: sameAsZod,
    badFormat: sameAsZod,
    /** A name in an object of names (`options`, `env`) that is not allowed. */
    badName: sameAsZod,
    noSuchField: ({ field }: { field: string }) => `${field}: expected no such field`,
    invalid: ({ field }: { field: string }) => `${field}: invalid`,
    /** Runnel's own check, its sentence (below, or another book's) as `detail`. */
    own: sameAsZod,
    /** An issue of a kind no schema of Runnel's makes: zod's English as it came. */
    other: sameAsZod,
    // Runnel's own checks, said as `detail` of `own`.
    tooManyEntries: ({ max }: { max: number }) => `expected at most ${max} entries`,
    tooManyModels: ({ max }: { max: number }) => `expected at most ${max} models`,
    tooManyHeaders: ({ max }: { max: number }) => `expected at most ${max} headers`,
    tooManyVariables: ({ max }: { max: number }) => `expected at most ${max} variables`,
    noNul: 'must not contain a NUL character',
    httpUrl: 'expected an http:// or https:// URL',
  },
  {
    zh: {
      missing: ({ field }: Field) => `${field}：缺少这个字段`,
      wrongType: ({ field, expected }: Field & { expected: string }) => `${field}：应为${zhType(expected)}`,
      notOneOf: ({ field, options }: Field & { options: string }) => `${field}：应为以下之一：${options}`,
      empty: ({ field }: Field) => `${field}：不能为空`,
      tooShort: ({ field, limit }: Limit) => `${field}：至少 ${limit} 个字符`,
      tooLong: ({ field, limit }: Limit) => `${field}：至多 ${limit} 个字符`,
      tooFew: ({ field, limit }: Limit) => `${field}：至少 ${limit} 项`,
      tooMany: ({ field, limit }: Limit) => `${field}：至多 ${limit} 项`,
      tooSmall: ({ field, limit }: Limit) => `${field}：不能小于 ${limit}`,
      tooLarge: ({ field, limit }: Limit) => `${field}：不能大于 ${limit}`,
      notUrl: ({ field }: Field) => `${field}：不是有效的 URL`,
      badFormat: ({ field }: Field) => `${field}：格式不对`,
      badName: ({ field }: Field) => `${field}：名称无效`,
      noSuchField: ({ field }: { field: string }) => `${field}：没有这个字段`,
      invalid: ({ field }: { field: string }) => `${field}：无效`,
      own: ({ field, detail }: Field) => `${field}：${detail}`,
      other: ({ field, detail }: Field) => `${field}：${detail}`,
      tooManyEntries: ({ max }: { max: number }) => `至多 ${max} 项`,
      tooManyModels: ({ max }: { max: number }) => `至多 ${max} 个模型`,
      tooManyHeaders: ({ max }: { max: number }) => `至多 ${max} 个请求头`,
      tooManyVariables: ({ max }: { max: number }) => `至多 ${max} 个变量`,
      noNul: '不能含有 NUL 字符',
      httpUrl: '应为 http:// 或 https:// 开头的 URL',
    },
  },
);
