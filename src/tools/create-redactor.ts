// The redactor: replaces given secret values with `***` in text and in JSON-like values. The runners
// use it on what a tool prints of the secrets it was handed; the run, on everything leaving planexec.

export const REDACTED = '***';

export interface Redactor {
  /** True when there is anything to redact. */
  readonly active: boolean;
  /** The text with every secret value replaced by `***`. */
  redactText(text: string): string;
  /** A copy of a JSON-like value with every string (and key) redacted; other values as they are. */
  redactValue<T>(value: T): T;
}

/**
 * A redactor for these values. Each is also matched as it reads inside a JSON string and
 * percent-encoded, so a secret quoted into JSON or a URL is caught too. Longer values are replaced
 * first, so a secret that contains another is replaced whole.
 */
export function createRedactor(values: readonly string[]): Redactor {
  const forms = new Set<string>();
  for (const value of values) {
    if (value === '') continue;
    forms.add(value);
    forms.add(JSON.stringify(value).slice(1, -1));
    forms.add(encodeURIComponent(value));
  }
  if (forms.size === 0) return { active: false, redactText: (text) => text, redactValue: (value) => value };
  const pattern = new RegExp([...forms].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'g');
  const redactText = (text: string): string => (text === '' ? text : text.replace(pattern, REDACTED));
  const redactValue = <T>(value: T): T => redactDeep(value, redactText) as T;
  return { active: true, redactText, redactValue };
}

function redactDeep(value: unknown, redactText: (text: string) => string, top = true): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redactText, false));
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // The top level is the record's own shape (an event's field names and its kind): never data, so a
    // short secret that happens to occur in "kind" cannot break the record.
    const shape = top && (key === 'kind' || key === 'time');
    const name = top ? key : redactText(key);
    // defineProperty: a "__proto__" key stays a plain key of the copy.
    Object.defineProperty(copy, name, { value: shape ? item : redactDeep(item, redactText, false), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
