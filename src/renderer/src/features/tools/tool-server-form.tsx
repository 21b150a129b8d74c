// The form that adds or edits an MCP server: a command (with arguments, working folder and
// environment) or a URL (with headers), the call time limit and the approval. Saved env and header
// values are never shown: an empty value keeps them. Main's refusal is shown in an alert.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ToolServerView } from '../../../../shared/tools';
import { ValueRows } from '../../components/value-rows';
import { useMessages } from '../../i18n/use-messages';
import { backendFormMessages } from '../settings/backend-form-messages';
import { draftOf, fieldsOf, type ServerFields, type ToolServerDraft } from './tool-server-fields';
import { toolsMessages, type ToolsMessages } from './tools-messages';

interface Props {
  /** The server being edited, or null for a new one. */
  server: ToolServerView | null;
  /** Resolves to main's error message, or null when saved. */
  onSave: (draft: ToolServerDraft) => Promise<string | null>;
  onCancel: () => void;
}

function Choice<T extends string>(props: {
  legend: string;
  name: string;
  value: T;
  options: readonly { value: T; label: string; note?: string }[];
  onChange: (value: T) => void;
}): ReactNode {
  return (
    <fieldset className="form-group tool-choice">
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <div key={o.value} className="tool-choice-option">
          <input
            type="radio"
            id={`${props.name}-${o.value}`}
            name={props.name}
            value={o.value}
            checked={props.value === o.value}
            aria-describedby={o.note ? `${props.name}-${o.value}-note` : undefined}
            onChange={() => props.onChange(o.value)}
          />
          <label htmlFor={`${props.name}-${o.value}`}>{o.label}</label>
          {o.note && (
            <span id={`${props.name}-${o.value}-note`} className="field-note">
              {o.note}
            </span>
          )}
        </div>
      ))}
    </fieldset>
  );
}

function rowsText(m: ToolsMessages, kind: 'env' | 'headers') {
  const common = {
    namePlaceholder: m.nameLabel,
    valuePlaceholder: m.valueLabel,
    savedPlaceholder: m.savedValue,
  };
  return kind === 'env'
    ? {
        ...common,
        legend: m.environment,
        note: m.environmentNote,
        name: m.variableName,
        value: m.variableValue,
        remove: m.removeVariable,
        add: m.addVariable,
      }
    : {
        ...common,
        legend: m.headers,
        note: m.headersNote,
        name: m.headerName,
        value: m.headerValue,
        remove: m.removeHeader,
        add: m.addHeader,
      };
}

export function ToolServerForm({ server, onSave, onCancel }: Props) {
  const m = useMessages(toolsMessages);
  const bm = useMessages(backendFormMessages);
  const id = useId();
  const [fields, setFields] = useState<ServerFields>(() => fieldsOf(server));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);

  // The form opens where the user asked for it: its first field takes the focus (and scrolls in).
  useEffect(() => nameInput.current?.focus(), []);

  const set =
    <K extends keyof ServerFields>(key: K) =>
    (value: ServerFields[K]) =>
      setFields((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const draft = draftOf(fields, server?.enabled ?? true, m, bm.headerProblem);
    if (!draft.ok) return setError(draft.message);
    setError(null);
    setSaving(true);
    const refused = await onSave(draft.value);
    setSaving(false);
    setError(refused);
  };

  const field = (suffix: string): string => `${id}-${suffix}`;
  const stdio = fields.transport === 'stdio';
  const title = server ? m.editing(server.name) : m.newServer;

  return (
    <form
      className="tool-server-form"
      aria-labelledby={field('title')}
      noValidate
      onSubmit={(event) => void submit(event)}
    >
      <h3 id={field('title')}>{title}</h3>
      <label htmlFor={field('name')}>{m.name}</label>
      <input
        ref={nameInput}
        id={field('name')}
        value={fields.name}
        onChange={(e) => set('name')(e.target.value)}
        placeholder={m.namePlaceholder}
        autoComplete="off"
        required
      />
      <Choice
        legend={m.type}
        name={field('type')}
        value={fields.transport}
        options={[
          { value: 'stdio', label: m.typeCommand, note: m.typeCommandNote },
          { value: 'http', label: m.typeUrl, note: m.typeUrlNote },
        ]}
        onChange={set('transport')}
      />
      {stdio ? (
        <>
          <label htmlFor={field('command')}>{m.command}</label>
          <input
            id={field('command')}
            value={fields.command}
            onChange={(e) => set('command')(e.target.value)}
            placeholder="npx"
            autoComplete="off"
            spellCheck={false}
            required
          />
          <label htmlFor={field('args')}>{m.arguments}</label>
          <span className="tool-field">
            <textarea
              id={field('args')}
              value={fields.args}
              onChange={(e) => set('args')(e.target.value)}
              placeholder={'-y\n@modelcontextprotocol/server-filesystem\n/path/to/folder'}
              aria-describedby={field('args-note')}
              rows={4}
              spellCheck={false}
            />
            <span id={field('args-note')} className="field-note">
              {m.argumentsNote}
            </span>
          </span>
          <label htmlFor={field('cwd')}>{m.workingFolder}</label>
          <input
            id={field('cwd')}
            value={fields.cwd}
            onChange={(e) => set('cwd')(e.target.value)}
            placeholder={m.optional}
            autoComplete="off"
            spellCheck={false}
          />
          <ValueRows rows={fields.env} onChange={set('env')} text={rowsText(m, 'env')} />
        </>
      ) : (
        <>
          <label htmlFor={field('url')}>{m.url}</label>
          <input
            id={field('url')}
            type="url"
            value={fields.url}
            onChange={(e) => set('url')(e.target.value)}
            placeholder="http://127.0.0.1:3001/mcp"
            autoComplete="off"
            spellCheck={false}
            required
          />
          <ValueRows rows={fields.headers} onChange={set('headers')} text={rowsText(m, 'headers')} />
        </>
      )}
      <label htmlFor={field('limit')}>{m.callTimeLimit}</label>
      <span className="number-field">
        <input
          id={field('limit')}
          inputMode="numeric"
          value={fields.timeLimit}
          onChange={(e) => set('timeLimit')(e.target.value)}
          placeholder="60"
          autoComplete="off"
          aria-describedby={field('limit-note')}
        />
        <span aria-hidden="true">{m.seconds}</span>
        <span id={field('limit-note')} className="field-note">
          {m.callTimeLimitNote}
        </span>
      </span>
      <Choice
        legend={m.approval}
        name={field('approval')}
        value={fields.approval}
        options={[
          { value: 'ask', label: m.approvalAsk },
          { value: 'allow-all', label: m.approvalAllowAll },
        ]}
        onChange={set('approval')}
      />
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={onCancel}>
          {m.cancel}
        </button>
        <button type="submit" className="primary" disabled={saving}>
          {m.save}
        </button>
      </div>
    </form>
  );
}
