// A small schema toolkit for untrusted input, left to the Runnel export format's checks
// (transfer/runnel-format.ts) until they move to zod as the IPC contract and the config file did.
// A schema either returns the typed value or throws SchemaError naming the path that failed.
export class SchemaError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path || 'input'}: expected ${expected}`);
    this.name = 'SchemaError';
  }
}

export type Schema<T> = (value: unknown, path?: string) => T;
export type Infer<S> = S extends Schema<infer T> ? T : never;

export const string =
  (opts: { min?: number; max?: number } = {}): Schema<string> =>
  (v, path = '') => {
    const { min = 0, max = 1_000_000 } = opts;
    if (typeof v !== 'string' || v.length < min || v.length > max) {
      throw new SchemaError(path, `a string of ${min} to ${max} characters`);
    }
    return v;
  };

export const number =
  (opts: { min?: number; max?: number; integer?: boolean } = {}): Schema<number> =>
  (v, path = '') => {
    const { min = -Number.MAX_VALUE, max = Number.MAX_VALUE, integer = false } = opts;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
      throw new SchemaError(path, `${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
    }
    return v;
  };

export const boolean =
  (): Schema<boolean> =>
  (v, path = '') => {
    if (typeof v !== 'boolean') throw new SchemaError(path, 'a boolean');
    return v;
  };

export const literal =
  <const T extends readonly string[]>(values: T): Schema<T[number]> =>
  (v, path = '') => {
    if (typeof v !== 'string' || !values.includes(v)) throw new SchemaError(path, `one of ${values.join(', ')}`);
    return v as T[number];
  };

export const optional =
  <T>(inner: Schema<T>): Schema<T | undefined> =>
  (v, path) =>
    v === undefined ? undefined : inner(v, path);

export const nullable =
  <T>(inner: Schema<T>): Schema<T | null> =>
  (v, path) =>
    v === null ? null : inner(v, path);

export const array =
  <T>(inner: Schema<T>, opts: { max?: number } = {}): Schema<T[]> =>
  (v, path = '') => {
    const { max = 10_000 } = opts;
    if (!Array.isArray(v) || v.length > max) throw new SchemaError(path, `an array of at most ${max} items`);
    return v.map((item, i) => inner(item, `${path}[${i}]`));
  };

type Shape = Record<string, Schema<unknown>>;
type ObjectOf<S extends Shape> = {
  [K in keyof S as undefined extends Infer<S[K]> ? never : K]: Infer<S[K]>;
} & {
  [K in keyof S as undefined extends Infer<S[K]> ? K : never]?: Infer<S[K]>;
};

/** A plain object with exactly these keys; unknown keys are refused, so typos and smuggling fail loudly. */
export const object =
  <S extends Shape>(shape: S): Schema<ObjectOf<S>> =>
  (v, path = '') => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new SchemaError(path, 'an object');
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) throw new SchemaError(path, 'a plain object');
    const input = v as Record<string, unknown>;
    for (const key of Object.keys(input)) {
      if (!Object.hasOwn(shape, key)) throw new SchemaError(path ? `${path}.${key}` : key, 'no such field');
    }
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [key, schema] of Object.entries(shape)) {
      const value = schema(input[key], path ? `${path}.${key}` : key);
      if (value !== undefined) out[key] = value;
    }
    return { ...out } as ObjectOf<S>;
  };

/** A plain object of string values with safe keys (no `__proto__` and the like), at most `maxKeys`. */
export const stringMap =
  (opts: { maxKeys?: number; maxLength?: number } = {}): Schema<Record<string, string>> =>
  (v, path = '') => {
    const { maxKeys = 50, maxLength = 64 * 1024 } = opts;
    if (typeof v !== 'object' || v === null || Array.isArray(v) || Object.getPrototypeOf(v) !== Object.prototype) {
      throw new SchemaError(path, 'an object of strings');
    }
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length > maxKeys) throw new SchemaError(path, `at most ${maxKeys} entries`);
    const out: Record<string, string> = {};
    for (const [key, value] of entries) {
      if (!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(key)) throw new SchemaError(`${path}.${key}`, 'a plain name');
      out[key] = string({ max: maxLength })(value, `${path}.${key}`);
    }
    return out;
  };

/** Requests that take no input accept `undefined` or an empty object. */
export const empty =
  (): Schema<Record<string, never>> =>
  (v, path = '') => {
    if (v === undefined || v === null) return {};
    return object({})(v, path) as Record<string, never>;
  };

/** An id as the core makes them (UUID-like, no path or SQL characters). */
export const id =
  (): Schema<string> =>
  (v, path = '') => {
    if (typeof v !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(v)) throw new SchemaError(path, 'an id');
    return v;
  };
