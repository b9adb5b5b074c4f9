// Prints a file of the workspace the way a tool might: node print.cjs <form> <file> [pad] [after]
// form: raw, json, json2, pct, pct-lower, rfc3986, form, basic, base64url, crlf, reindent.
// pad puts that many "x" before the text, after that many "y" after it; with PRINT_TO=stderr it
// prints there and exits 1.
const { readFileSync } = require('node:fs');
const [form, file, pad, after] = process.argv.slice(2);
const text = readFileSync(file, 'utf8').trim();
const forms = {
  raw: () => text,
  json: () => JSON.stringify(text),
  json2: () => JSON.stringify(JSON.stringify(text)),
  pct: () => encodeURIComponent(text),
  'pct-lower': () => encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
  rfc3986: () => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
  form: () => new URLSearchParams({ q: text }).toString(),
  basic: () => `Authorization: Basic ${Buffer.from(`corpus-user:${text}`).toString('base64')}`,
  base64url: () => Buffer.from(`ab${text}`).toString('base64url'),
  crlf: () => text.replace(/\r?\n/g, '\r\n'),
  reindent: () => JSON.stringify(JSON.parse(text), null, 4),
};
const shown = `${'x'.repeat(Number(pad ?? 0))}${forms[form]()}${'y'.repeat(Number(after ?? 0))}`;
if (process.env.PRINT_TO === 'stderr') {
  process.stderr.write(shown);
  process.exit(1);
}
process.stdout.write(`${shown}\n`);
