// What one MCP server is in Runnel's settings (McpServerConfig), its zod schema, and the defaults.
// Values of `env` and `headers` are secrets: nothing in this module logs or words them.
import * as z from 'zod';
import { headerListProblem, headerProblemWords } from '../../../shared/custom-headers';
import { ownError, ownIssue } from '../../../shared/ipc/invalid-input';
import { inputWords } from '../../../shared/words/input-words';

export interface StdioTransportConfig {
  type: 'stdio';
  command: string;
  args: string[];
  /** Added to the environment the server starts with (a secret per value). */
  env: Record<string, string>;
  cwd?: string;
}

export interface HttpTransportConfig {
  type: 'http';
  /** Tried as Streamable HTTP first, then as the older HTTP+SSE when it answers the old way. */
  url: string;
  /** Sent with every request (a secret per value). */
  headers: Record<string, string>;
}

export interface McpServerConfig {
  id: string;
  name: string;
  enabled: boolean;
  transport: StdioTransportConfig | HttpTransportConfig;
  /** A tool call's time limit; defaultCallTimeoutMs when missing. */
  callTimeoutMs?: number;
  /** Whether calls to this server's tools ask first (the tool loop decides; kept here for settings). */
  approval?: 'ask' | 'allow-all';
}

export const defaultCallTimeoutMs = 60_000;
/** Text of one tool result beyond this many UTF-8 bytes is cut (and marked cut). */
export const defaultMaxResultTextBytes = 100 * 1024;

const maxEnvEntries = 200;
const maxArgs = 500;

const text = (min: number, max: number) => z.string().min(min).max(max);

/** Environment variable names as shells take them; the value may be anything but NUL. */
export const envSchema = z
  .record(
    z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,255}$/, { error: 'expected a variable name (letters, digits, _)' }),
    z
      .string()
      .max(32 * 1024)
      .refine((v) => !v.includes('\0'), ownError(inputWords.say('noNul'))),
  )
  .refine(
    (env) => Object.keys(env).length <= maxEnvEntries,
    ownError(inputWords.say('tooManyVariables', { max: maxEnvEntries })),
  );

/** Header names and values checked as a backend's custom headers are (shared/custom-headers.ts). */
export const headersSchema = z.record(z.string(), z.string()).superRefine((headers, ctx) => {
  const list = Object.entries(headers).map(([name, value]) => ({ name, value }));
  const problem = headerListProblem(list);
  if (problem) ctx.addIssue(ownIssue(headerProblemWords(problem)));
});

export const httpUrlSchema = z
  .string()
  .max(2048)
  .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), ownError(inputWords.say('httpUrl')));

export const callTimeoutSchema = z
  .int()
  .min(1_000)
  .max(24 * 3_600_000);

export const mcpServerConfigSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'expected an id' }),
  name: text(1, 200),
  enabled: z.boolean(),
  transport: z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('stdio'),
      command: text(1, 4096),
      args: z.array(text(0, 32 * 1024)).max(maxArgs),
      env: envSchema,
      cwd: text(1, 4096).optional(),
    }),
    z.strictObject({ type: z.literal('http'), url: httpUrlSchema, headers: headersSchema }),
  ]),
  callTimeoutMs: callTimeoutSchema.optional(),
  approval: z.enum(['ask', 'allow-all']).optional(),
});

/** Args and the list shapes, for the config file's parser. */
export const argsSchema = z.array(z.string().max(32 * 1024)).max(maxArgs);
