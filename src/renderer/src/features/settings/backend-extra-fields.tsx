// The backend form's connection extras: custom headers (rows of name and value), the connect and
// idle timeouts, and the default parameters. Plain controlled fields; backend-extras.ts checks them.
import type { ReactNode } from 'react';
import { ValueRows } from '../../components/value-rows';
import type { BackendFormMessages } from './backend-form-messages';
import type { ExtraFields } from './backend-extras';

interface Props {
  idPrefix: string;
  fields: ExtraFields;
  onChange: (update: (fields: ExtraFields) => ExtraFields) => void;
  m: BackendFormMessages;
}

type NumberKey = 'connectTimeout' | 'idleTimeout' | 'temperature' | 'topP' | 'maxTokens' | 'seed';

/** Text, not type=number: what was typed stays what is checked, so a wrong value is named, not dropped. */
function NumberField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  unit?: string;
  note?: string;
}): ReactNode {
  const { id, label, value, onChange, placeholder, unit, note } = props;
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <span className="number-field">
        <input
          id={id}
          inputMode="decimal"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder={placeholder}
          autoComplete="off"
          aria-describedby={note ? `${id}-note` : undefined}
        />
        {unit && <span aria-hidden="true">{unit}</span>}
        {note && (
          <span id={`${id}-note`} className="field-note">
            {note}
          </span>
        )}
      </span>
    </>
  );
}

export function BackendExtraFields({ idPrefix, fields, onChange, m }: Props) {
  const id = (suffix: string): string => `${idPrefix}-${suffix}`;
  const setNumber = (key: NumberKey) => (value: string) => onChange((f) => ({ ...f, [key]: value }));
  return (
    <>
      <ValueRows
        rows={fields.headers}
        onChange={(headers) => onChange((f) => ({ ...f, headers }))}
        text={{
          legend: m.headers,
          note: m.headersNote,
          name: m.headerName,
          value: m.headerValue,
          remove: m.removeHeader,
          add: m.addHeader,
          namePlaceholder: m.headerNamePlaceholder,
          valuePlaceholder: m.headerValuePlaceholder,
          savedPlaceholder: m.headerValueSaved,
        }}
      />
      <fieldset className="form-group form-grid">
        <legend>{m.timeouts}</legend>
        <NumberField
          id={id('connect-timeout')}
          label={m.connectTimeout}
          value={fields.connectTimeout}
          onChange={setNumber('connectTimeout')}
          placeholder="30"
          unit={m.seconds}
          note={m.connectTimeoutNote}
        />
        <NumberField
          id={id('idle-timeout')}
          label={m.idleTimeout}
          value={fields.idleTimeout}
          onChange={setNumber('idleTimeout')}
          placeholder="120"
          unit={m.seconds}
          note={m.idleTimeoutNote}
        />
      </fieldset>
      <fieldset className="form-group form-grid">
        <legend>{m.defaultParameters}</legend>
        <p className="field-note">{m.defaultParametersNote}</p>
        <NumberField
          id={id('temperature')}
          label={m.temperature}
          value={fields.temperature}
          onChange={setNumber('temperature')}
        />
        <NumberField id={id('top-p')} label={m.topP} value={fields.topP} onChange={setNumber('topP')} />
        <NumberField
          id={id('max-tokens')}
          label={m.maxTokens}
          value={fields.maxTokens}
          onChange={setNumber('maxTokens')}
        />
        <NumberField id={id('seed')} label={m.seed} value={fields.seed} onChange={setNumber('seed')} />
      </fieldset>
    </>
  );
}
