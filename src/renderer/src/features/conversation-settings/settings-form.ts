// The settings panel's fields as typed text, and the settings they stand for: empty means "the
// backend's default"; numbers are checked against the ranges main accepts, and a decimal comma is
// read as a point.
import type { ContextOverflowMode } from '../../../../shared/context-window';
import type { ConversationSettings, GenerationParams } from '../../../../shared/domain';

export interface SettingsForm {
  systemPrompt: string;
  temperature: string;
  topP: string;
  maxTokens: string;
  seed: string;
  /** When the history no longer fits the model's window. */
  contextOverflow: ContextOverflowMode;
}

export type ParamField = Exclude<keyof SettingsForm, 'systemPrompt' | 'contextOverflow'>;

export type FieldProblem =
  { kind: 'range'; min: number; max: number } | { kind: 'integer'; min: number; max: number } | { kind: 'seed' };

/** The same limits as the `params` schema in the contract. */
const limits: Record<ParamField, { min: number; max: number; integer: boolean }> = {
  temperature: { min: 0, max: 5, integer: false },
  topP: { min: 0, max: 1, integer: false },
  maxTokens: { min: 1, max: 10_000_000, integer: true },
  seed: { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, integer: true },
};

export const paramFields: readonly ParamField[] = ['temperature', 'topP', 'maxTokens', 'seed'];

export function toForm(settings: ConversationSettings): SettingsForm {
  const text = (v: number | undefined) => (v === undefined ? '' : String(v));
  const p = settings.params;
  return {
    systemPrompt: settings.systemPrompt,
    temperature: text(p.temperature),
    topP: text(p.topP),
    maxTokens: text(p.maxTokens),
    seed: text(p.seed),
    contextOverflow: settings.contextOverflow ?? 'drop-oldest',
  };
}

export type FormResult =
  { ok: true; settings: ConversationSettings } | { ok: false; problems: Partial<Record<ParamField, FieldProblem>> };

export function fromForm(form: SettingsForm): FormResult {
  const params: GenerationParams = {};
  const problems: Partial<Record<ParamField, FieldProblem>> = {};
  for (const field of paramFields) {
    const raw = form[field].trim().replace(',', '.');
    if (raw === '') continue;
    const { min, max, integer } = limits[field];
    const value = Number(raw);
    const fits = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(raw) && Number.isFinite(value);
    if (!fits || value < min || value > max || (integer && !Number.isInteger(value))) {
      problems[field] = field === 'seed' ? { kind: 'seed' } : { kind: integer ? 'integer' : 'range', min, max };
      continue;
    }
    params[field] = value;
  }
  if (Object.keys(problems).length) return { ok: false, problems };
  return { ok: true, settings: { systemPrompt: form.systemPrompt, params, contextOverflow: form.contextOverflow } };
}

/** Same prompt (ignoring whitespace at the ends) and the same parameters. */
export function sameSettings(a: ConversationSettings, b: ConversationSettings): boolean {
  return (
    a.systemPrompt.trim() === b.systemPrompt.trim() && paramFields.every((field) => a.params[field] === b.params[field])
  );
}
