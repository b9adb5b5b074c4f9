// How a step argument reads when a template inserts it into text (argv, url, header, body), and how
// a message quotes its name.

export function argumentText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

/** Every argument as text, for rendering templates over `args`. */
export function argumentsAsText(args: Readonly<Record<string, unknown>>, encode: (text: string) => string = (text) => text): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(args)) Object.defineProperty(result, key, { value: encode(argumentText(value)), enumerable: true, writable: true });
  return result;
}

/** `{{args.name}}` alone, with nothing around it: the argument's value itself can be used. */
export const wholeArgumentPattern = /^\{\{\s*args\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

/** A name as it appears in a message: quoted, on one line, and short (models put whole sentences in names). */
export function quoteName(name: string): string {
  return JSON.stringify(name.length > 60 ? `${name.slice(0, 57)}…` : name);
}
