// What Runnel says about a custom header it cannot send (`custom-headers.ts`), for backends and
// tool servers alike. The header's name is a value.
import { defineWords } from './define-words';

type Named = { name: string };

export const headerWords = defineWords(
  'header',
  {
    emptyName: 'A header needs a name',
    badName: ({ name }: Named) => `"${name}" is not a valid header name (letters, digits and !#$%&'*+-.^_\`|~ only)`,
    reserved: ({ name }: Named) => `The header "${name}" is set by the connection itself and cannot be changed`,
    badValue: ({ name }: Named) => `The value of "${name}" contains a line break or a control character`,
    tooLong: ({ name }: Named) => `The header "${name}" is too long`,
    duplicate: ({ name }: Named) => `The header "${name}" is listed twice`,
    tooMany: ({ max }: { max: number }) => `At most ${max} headers`,
  },
  {
    zh: {
      emptyName: '请求头需要名称',
      badName: ({ name }: Named) => `“${name}”不是有效的请求头名称（只能用字母、数字和 !#$%&'*+-.^_\`|~）`,
      reserved: ({ name }: Named) => `请求头“${name}”由连接本身设置，不能更改`,
      badValue: ({ name }: Named) => `“${name}”的值含有换行或控制字符`,
      tooLong: ({ name }: Named) => `请求头“${name}”太长`,
      duplicate: ({ name }: Named) => `请求头“${name}”重复出现`,
      tooMany: ({ max }: { max: number }) => `最多 ${max} 个请求头`,
    },
  },
);
