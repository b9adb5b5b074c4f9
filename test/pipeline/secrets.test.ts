import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/config/defaults.ts';
import { createRedactor, missingSecrets, secretValuesOf, shortSecrets, shortSecretWarning, undeclaredSecrets } from '../../src/pipeline/secrets.ts';
import type { HttpTool } from '../../src/index.ts';
import { commandTool } from '../support/tools.ts';

const api: HttpTool = {
  kind: 'http',
  name: 'api',
  description: 'api',
  method: 'GET',
  url: 'https://api.example.com/',
  allowHosts: ['api.example.com'],
  headers: { Authorization: 'Bearer {{secrets.GH_TOKEN}}', 'X-Legacy': '{{env.LEGACY_TOKEN}}' },
  args: { type: 'object' },
  output: 'json',
};

describe('the secret redactor', () => {
  it('replaces every value with ***, also as it reads inside JSON and in a URL, longest first', () => {
    const redactor = createRedactor(['ab"c/d-secret', 'abcdefgh', '']);
    expect(redactor.redactText('x ab"c/d-secret y')).toBe('x *** y');
    expect(redactor.redactText(JSON.stringify({ v: 'ab"c/d-secret' }))).toBe('{"v":"***"}');
    expect(redactor.redactText(`?q=${encodeURIComponent('ab"c/d-secret')}`)).toBe('?q=***');
    expect(redactor.redactText('abcdefghabcdefgh')).toBe('******');
  });

  it('redacts the strings of a value deeply, never its keys or numbers, keeping a "__proto__" key a plain key', () => {
    const redactor = createRedactor(['s3cr3t-value', '12345678']);
    const value = JSON.parse('{"a":["s3cr3t-value",12345678,null],"__proto__":{"s3cr3t-value":"x s3cr3t-value"}}');
    const redacted = redactor.redactValue(value) as Record<string, unknown>;
    expect(JSON.stringify(redacted)).toBe('{"a":["***",12345678,null],"__proto__":{"s3cr3t-value":"x ***"}}');
    expect(Object.getPrototypeOf(redacted)).toBe(Object.prototype);
  });

  it('does nothing without values', () => {
    const redactor = createRedactor([]);
    expect(redactor.active).toBe(false);
    expect(redactor.redactText('anything')).toBe('anything');
  });
});

describe('a pipeline\'s secrets', () => {
  const pipeline = { secrets: ['GH_TOKEN'], model: DEFAULT_SETTINGS.model, tools: [api] };

  it('are the listed variables, the API key and the variables headers read', () => {
    const env = { GH_TOKEN: 'gh-1', OPENAI_API_KEY: 'sk-2', LEGACY_TOKEN: 'legacy-3', OTHER: 'not-a-secret' };
    expect(secretValuesOf(pipeline, env).sort()).toEqual(['gh-1', 'legacy-3', 'sk-2']);
    expect(missingSecrets(pipeline, { GH_TOKEN: '' })).toEqual(['GH_TOKEN']);
  });

  it('must be listed before a tool names one', () => {
    const tool = commandTool('t', ['env'], { env: { A: '{{secrets.GH_TOKEN}}', B: 'x-{{secrets.NPM_TOKEN}}' }, source: { file: 'p.yaml', line: 4, col: 5 } });
    expect(undeclaredSecrets([tool, api], ['GH_TOKEN'])).toEqual([
      { file: 'p.yaml', line: 4, col: 5, severity: 'error', message: 'tool "t" uses {{secrets.NPM_TOKEN}}, but the pipeline does not list NPM_TOKEN under secrets: (add secrets: [GH_TOKEN, NPM_TOKEN])' },
    ]);
  });

  it('too short to be masked are named, with the API key and the variables headers read (unset ones are not)', () => {
    const env = { GH_TOKEN: ' t ', OPENAI_API_KEY: 'ollama', LEGACY_TOKEN: 'long-enough-1' };
    expect(shortSecrets(pipeline, env).map(({ name, role, length }) => ({ name, role, length }))).toEqual([
      { name: 'GH_TOKEN', role: 'secret', length: 1 },
      { name: 'OPENAI_API_KEY', role: 'api key', length: 6 },
    ]);
    expect(shortSecrets(pipeline, { LEGACY_TOKEN: 'abc' })).toMatchObject([{ name: 'LEGACY_TOKEN', role: 'header variable', tool: { name: 'api' } }]);
    expect(shortSecretWarning(shortSecrets(pipeline, { LEGACY_TOKEN: 'abc' })[0]!)).toBe(
      'LEGACY_TOKEN (read by a header of tool "api") is 3 characters long, too short to be masked (values shorter than 8 characters are not masked, as they occur in ordinary text), so its value may show in prompts, events and logs; use a longer secret',
    );
    expect(shortSecrets(pipeline, { GH_TOKEN: 'gh-long-token', OPENAI_API_KEY: '' })).toEqual([]);
  });
});
