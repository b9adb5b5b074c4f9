// No keyword of a tool's args schema is silently ignored: a keyword the argument checker does not
// enforce (and that is no annotation the model reads) and an unknown format are errors at their
// file:line:col when the pipeline loads (planexec validate), each with what to write instead.

import { mkdtemp, realpath, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagnosticError, formatDiagnostic, loadPipeline } from '../../src/index.ts';

async function problemsOf(args: readonly string[]): Promise<string[]> {
  const dir = await realpath(await mkdtemp(path.join(tmpdir(), 'planexec-keywords-')));
  const text = ['version: 1', 'name: n', 'task: t', 'tools:', '  - name: t', '    description: d', '    command: [echo]', '    args:', ...args.map((line) => `      ${line}`), ''].join('\n');
  await writeFile(path.join(dir, 'p.yaml'), text);
  try {
    await loadPipeline('p.yaml', { cwd: dir, config: null });
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(DiagnosticError);
    return (error as DiagnosticError).diagnostics.map(formatDiagnostic);
  }
}

const withProperty = (property: string) => ['type: object', 'additionalProperties: false', 'properties:', `  x: ${property}`];

describe('args schema keywords at validate', () => {
  it('refuses keywords nothing would act on, each at its line and column, saying what to write instead', async () => {
    expect(await problemsOf(withProperty('{ type: integer, default: 50 }'))).toEqual([
      'p.yaml:12:29 error: "tools[0].args.properties.x" uses "default": planexec does not fill in defaults: say the default in the description and let the tool apply it (e.g. {{#if args.max}}{{args.max}}{{else}}50{{/if}} in a command)',
    ]);
    expect(await problemsOf(withProperty('{ type: string, contentMediaType: application/json }'))).toEqual([
      'p.yaml:12:28 error: "tools[0].args.properties.x" uses "contentMediaType": planexec does not check the content of strings; use pattern or format',
    ]);
    expect(await problemsOf(withProperty('{ type: string, nullable: true }'))).toEqual([
      'p.yaml:12:28 error: "tools[0].args.properties.x" uses "nullable": an OpenAPI keyword, not JSON Schema: write type: [string, "null"]',
    ]);
    for (const keyword of ['readOnly', 'writeOnly']) {
      expect(await problemsOf(withProperty(`{ type: string, ${keyword}: true }`))).toEqual([`p.yaml:12:28 error: "tools[0].args.properties.x" uses "${keyword}": an annotation planexec does not act on`]);
    }
  });

  it('refuses an unknown keyword, deep in the schema too, with a did-you-mean', async () => {
    expect(await problemsOf(['type: object', 'properties:', '  x: { type: array, items: { type: string, maxLenght: 3 } }'])).toEqual([
      'p.yaml:11:50 error: "tools[0].args.properties.x.items" uses "maxLenght", which is not a keyword planexec checks (did you mean "maxLength"?)',
    ]);
  });

  it('refuses an unknown format at its value, naming the known ones', async () => {
    expect(await problemsOf(withProperty('{ type: string, format: datetime }'))).toEqual([
      'p.yaml:12:36 error: "tools[0].args.properties.x.format" is the unknown format "datetime" (did you mean "date-time"?); the formats planexec checks: date, time, date-time, duration, email, hostname, ipv4, ipv6, uri, uuid, path',
    ]);
  });

  it('accepts the checked keywords, the annotations and planexec\'s own', async () => {
    expect(
      await problemsOf([
        'type: object',
        'title: T',
        '$comment: why',
        'additionalProperties: false',
        'properties:',
        '  a: { type: string, format: date, description: d, examples: ["2024-05-31"] }',
        '  b: { type: string, format: path, writes: true, allowOptionLike: true }',
        '  c: { type: array, items: { type: integer }, uniqueItems: true, contains: { const: 1 } }',
        '  d: { anyOf: [{ type: string, pattern: "^a" }, { not: { type: string } }] }',
      ]),
    ).toEqual([]);
  });
});
