// What Runnel says about a config file's entries (runnel.config.json's backends and tool servers,
// and a pasted `mcpServers` object): the file's own words (zod's, JSON's) are values.
import { defineWords } from './define-words';

export const configWords = defineWords(
  'config',
  {
    notJson: ({ why }: { why: string }) => `not valid JSON: ${why}`,
    notObject: 'expected an object',
    cannotRead: ({ why }: { why: string }) => `cannot be read: ${why}`,
    unknownSetting: 'not a setting this version of Runnel knows; ignored',
    tooManyBackends: ({ max }: { max: number }) => `expected an array of at most ${max} backends`,
    placeNotObject: ({ place }: { place: string }) => `${place}: expected an object`,
    tooManyServers: ({ place, max }: { place: string; max: number }) => `${place}: expected at most ${max} servers`,
    nameNeeded: ({ place }: { place: string }) => `${place}: a name of 1 to 200 characters is needed`,
    unknownField: ({ place }: { place: string }) => `${place}: not a field Runnel knows; ignored`,
    // Said of one field of a tool server entry (the field's path goes before it).
    requiredForType: ({ type }: { type: string }) => `required for "type": "${type}"`,
    commandAndUrl: 'give either "command" (stdio) or "url" (HTTP), not both',
    commandOrUrl: 'expected "command" (stdio) or "url" (HTTP)',
    notForStdio: 'not used by a stdio server',
    notForHttp: 'not used by an HTTP server',
  },
  {
    zh: {
      notJson: ({ why }: { why: string }) => `不是有效的 JSON：${why}`,
      notObject: '应为一个对象',
      cannotRead: ({ why }: { why: string }) => `无法读取：${why}`,
      unknownSetting: '此版本的 Runnel 不认识这项设置，已忽略',
      tooManyBackends: ({ max }: { max: number }) => `应为至多 ${max} 个后端的数组`,
      placeNotObject: ({ place }: { place: string }) => `${place}：应为一个对象`,
      tooManyServers: ({ place, max }: { place: string; max: number }) => `${place}：至多 ${max} 个服务器`,
      nameNeeded: ({ place }: { place: string }) => `${place}：需要 1 到 200 个字符的名称`,
      unknownField: ({ place }: { place: string }) => `${place}：Runnel 不认识这个字段，已忽略`,
      requiredForType: ({ type }: { type: string }) => `"type": "${type}" 需要这个字段`,
      commandAndUrl: '只能给出 "command"（stdio）或 "url"（HTTP）之一，不能两者都给',
      commandOrUrl: '需要 "command"（stdio）或 "url"（HTTP）',
      notForStdio: 'stdio 服务器不使用这个字段',
      notForHttp: 'HTTP 服务器不使用这个字段',
    },
  },
);
