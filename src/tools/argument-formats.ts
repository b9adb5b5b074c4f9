// The JSON Schema formats a tool's arguments may declare, each described by an example of its form
// (for messages a model can follow); `format: path` is planexec's own (argument-vocabulary.ts). What
// enforces them is add-argument-formats.ts: checking a declaration needs the names, not ajv.

/** Each standard format planexec checks, with what a value of it looks like. */
export const ARGUMENT_FORMATS: Readonly<Record<string, { readonly noun: string; readonly example: string }>> = {
  date: { noun: 'a date', example: '2024-05-31' },
  time: { noun: 'a time with its offset', example: '14:30:00Z' },
  'date-time': { noun: 'a date and time with its offset', example: '2024-05-31T14:30:00Z' },
  duration: { noun: 'an ISO 8601 duration', example: 'P3DT4H' },
  email: { noun: 'an email address', example: 'name@example.com' },
  hostname: { noun: 'a host name', example: 'example.com' },
  ipv4: { noun: 'an IPv4 address', example: '192.0.2.1' },
  ipv6: { noun: 'an IPv6 address', example: '2001:db8::1' },
  uri: { noun: 'an absolute URI', example: 'https://example.com/page' },
  uuid: { noun: 'a UUID', example: '123e4567-e89b-12d3-a456-426614174000' },
};

/** Every format an args schema may name: the standard ones above and planexec's `path`. */
export const KNOWN_ARGUMENT_FORMATS: readonly string[] = [...Object.keys(ARGUMENT_FORMATS), 'path'];

/** `"date" must be a date like 2024-05-31 (got "August 1st, 2023")`, the subject given. */
export function formatMessage(subject: string, format: string, value: unknown): string {
  const known = ARGUMENT_FORMATS[format];
  const expected = known ? `${known.noun} like ${known.example}` : `a valid ${format}`;
  return `${subject} must be ${expected} (got ${JSON.stringify(value)})`;
}
