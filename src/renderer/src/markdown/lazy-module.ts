// A library the page needs only for some answers (KaTeX for math, the highlighter for code), kept
// out of the first script and fetched from the app's own origin the first time it is wanted.
// Until then its users show the plain text; once loaded it is used synchronously.
import { startTransition, useEffect, useState } from 'react';

export interface LazyModule<T> {
  /** The module if it has loaded, else null. */
  get(): T | null;
  load(): Promise<T>;
}

export function lazyModule<T>(importer: () => Promise<T>): LazyModule<T> {
  let value: T | null = null;
  let loading: Promise<T> | null = null;
  return {
    get: () => value,
    load: () =>
      (loading ??= importer().then((v) => {
        value = v;
        return v;
      })),
  };
}

/**
 * The module once loaded (re-rendering then, as a transition: every formula or code block of a
 * long answer typesets in that render, which React cuts into slices), loading it only when `wanted`.
 */
export function useLazyModule<T>(module: LazyModule<T>, wanted: boolean): T | null {
  const [value, setValue] = useState(module.get);
  useEffect(() => {
    if (!wanted || value) return;
    let live = true;
    module.load().then(
      (v) => live && startTransition(() => setValue(() => v)),
      () => {}, // not loadable (offline build?): the plain text stays
    );
    return () => {
      live = false;
    };
  }, [module, wanted, value]);
  return value;
}
