// The redactor on its own: which forms of a secret it finds, where it may cut, what it leaves alone.

import { describe, expect, it } from 'vitest';
import { createRedactor, MIN_SECRET_LENGTH } from '../../src/tools/create-redactor.ts';

const special = 'p@ss/w0rd"q\\z&=?#t0k!~*() 91ab';
const pem = ['-----BEGIN PRIVATE KEY-----', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj', 'MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu', '-----END PRIVATE KEY-----'].join('\n');

describe('the forms of a secret the redactor finds', () => {
  const redactor = createRedactor([special]);
  const rfc3986 = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

  it.each([
    ['as it is', special],
    ['JSON-escaped', JSON.stringify(special).slice(1, -1)],
    ['JSON-escaped twice', JSON.stringify(JSON.stringify(special).slice(1, -1)).slice(1, -1)],
    ['JSON-escaped with \\u escapes', special.replace(/[^a-z0-9]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)],
    ['percent-encoded', encodeURIComponent(special)],
    ['percent-encoded in lower case', encodeURIComponent(special).toLowerCase()],
    ['percent-encoded the RFC 3986 way', rfc3986(special)],
    ['form-encoded (+ for a space)', new URLSearchParams({ q: special }).toString().slice(2)],
    ['percent-encoded with the URL way (encodeURI)', encodeURI(special)],
  ])('%s', (_name, form) => {
    expect(redactor.redactText(`<${form}>`)).toBe('<***>');
  });

  it.each([0, 1, 2])('inside base64 and base64url, %i bytes into it (HTTP Basic user:secret)', (offset) => {
    const before = 'u:'.slice(0, offset);
    for (const encoding of ['base64', 'base64url'] as const) {
      const text = Buffer.from(`${before}${special}tail`).toString(encoding);
      const masked = redactor.redactText(text);
      expect(masked).toContain('***');
      // What is left around *** decodes to no 4 characters of the secret in a row.
      for (const part of masked.split('***')) expect(Buffer.from(part, encoding).toString('latin1')).not.toMatch(/w0rd|t0k!|91ab/);
    }
  });

  it('across line breaks: \\n, \\r\\n, collapsed onto one line, re-indented, JSON-escaped', () => {
    const multi = createRedactor([pem]);
    for (const form of [pem, pem.replaceAll('\n', '\r\n'), pem.replace(/\s+/g, ' '), pem.replaceAll('\n', '\n    '), JSON.stringify(pem).slice(1, -1), `${pem}\n`]) {
      expect(multi.redactText(`[${form}]`)).toMatch(/^\[\*\*\*\s*\]$/);
    }
  });

  it('each line of a multi-line secret on its own, so a value split into lines does not show', () => {
    const multi = createRedactor([pem]);
    expect(pem.split('\n').map((line) => multi.redactText(line))).toEqual(['***', '***', '***', '***']);
  });

  it('a run of backslashes in a secret, as it is and escaped, also in text made of thousands of them', () => {
    const slashes = `pass${'\\'.repeat(30)}word-9f`;
    const redactor = createRedactor([slashes]);
    expect(redactor.redactText(`<${slashes}> <${JSON.stringify(slashes).slice(1, -1)}> <${JSON.stringify(JSON.stringify(slashes).slice(1, -1)).slice(1, -1)}>`)).toBe('<***> <***> <***>');
    // A search that backtracked over every way to split the run would not end here.
    expect(redactor.redactText(`pass${'\\'.repeat(20_000)}`)).toBe(`pass${'\\'.repeat(20_000)}`);
  });

  it('the longest first, so a secret that contains another is replaced whole', () => {
    expect(createRedactor(['abcdefgh', 'abcdefgh-longer']).redactText('abcdefgh-longer abcdefgh')).toBe('*** ***');
  });
});

describe('what the redactor leaves alone', () => {
  it(`values shorter than ${MIN_SECRET_LENGTH} characters (after trimming), such as a local server's placeholder key`, () => {
    const redactor = createRedactor(['x', 'ollama', 'sk-1234', '  short  ']);
    expect(redactor.active).toBe(false);
    expect(redactor.redactText('planexec executes text with ollama')).toBe('planexec executes text with ollama');
    expect(createRedactor(['12345678']).redactText('id 12345678')).toBe('id ***');
  });

  it('keys and numbers of a value, and an event\'s kind and time', () => {
    const redactor = createRedactor(['completionTokens', '20240101']);
    const event = { kind: 'completionTokens', time: '20240101', usage: { promptTokens: 1, completionTokens: 20240101 }, note: 'completionTokens 20240101' };
    expect(redactor.redactValue(event)).toEqual({ kind: 'completionTokens', time: '20240101', usage: { promptTokens: 1, completionTokens: 20240101 }, note: '*** ***' });
  });
});

describe('cutting text around secrets', () => {
  const secret = 'tok-Zq7wX9-c0rpus-4Lm2Vt';
  const redactor = createRedactor([secret]);
  const text = `key=${secret}; more`;

  it('clipEnd keeps text before the cut; a secret the cut falls inside becomes *** from its start', () => {
    for (let end = 5; end < 4 + secret.length; end++) expect(redactor.clipEnd(text, end)).toBe('key=***');
    expect(redactor.clipEnd(text, 4)).toBe('key=');
    expect(redactor.clipEnd(text, 4 + secret.length)).toBe(`key=${secret}`);
    expect(redactor.clipEnd(text, text.length + 10)).toBe(text);
  });

  it('clipStart keeps text after the cut; a secret the cut falls inside becomes *** up to its end', () => {
    for (let start = 5; start < 4 + secret.length; start++) expect(redactor.clipStart(text, start)).toBe('***; more');
    expect(redactor.clipStart(text, 4 + secret.length)).toBe('; more');
  });

  it('also when the cut falls inside an encoded form', () => {
    const encoded = `q=${encodeURIComponent(`${secret} x`)}&z`;
    expect(redactor.clipEnd(encoded, 10)).toBe('q=***');
    const basic = `Basic ${Buffer.from(`user:${secret}`).toString('base64')}`;
    expect(redactor.clipEnd(basic, basic.length - 4)).toMatch(/^Basic dXNlcj\w*\*\*\*$/);
  });

  it('reach is at least as long as any form of a secret', () => {
    expect(redactor.reach).toBeGreaterThanOrEqual(JSON.stringify(JSON.stringify(secret)).length);
    expect(createRedactor([]).reach).toBe(0);
  });
});
