import { mkdtemp, realpath, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, loadPipeline, validateFiles } from '../../src/index.ts';

async function project(files: Record<string, string>): Promise<string> {
  const dir = await realpath(await mkdtemp(path.join(tmpdir(), 'planexec-trust-')));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}
const lines = (...text: string[]) => `${text.join('\n')}\n`;

describe('trust labels in pipeline and tool files', () => {
  it('are read into the typed tools and the pipeline policy', async () => {
    const dir = await project({
      'p.yaml': lines(
        'version: 1',
        'name: n',
        'task: t',
        'policy: { untrustedFlow: ask }',
        'tools:',
        '  - name: fetch',
        '    description: d',
        '    command: [echo, "{{args.url}}"]',
        '    trust: untrusted',
        '    args: { type: object, properties: { url: { type: string } } }',
        '  - name: send',
        '    description: d',
        '    command: [echo, "{{args.to}}"]',
        '    accepts: any',
        '    args: { type: object, properties: { to: { type: string, x-accepts: trusted } } }',
      ),
    });
    const pipeline = await loadPipeline(path.join(dir, 'p.yaml'), { cwd: dir, config: null });
    expect(pipeline.policy).toEqual({ untrustedFlow: 'ask' });
    expect(pipeline.tools.map((tool) => [tool.name, tool.trust, tool.accepts])).toEqual([
      ['fetch', 'untrusted', undefined],
      ['send', undefined, 'any'],
      ['llm', undefined, undefined],
    ]);
  });

  it('with bad values are reported by validate at file:line:col', async () => {
    const dir = await project({
      'tools.yaml': lines(
        '- name: fetch',
        '  description: d',
        '  command: [echo]',
        '  trust: maybe',
        '  accepts: everything',
        '  args: { type: object, properties: { to: { type: string, x-accepts: nobody } } }',
        '- name: other',
        '  description: d',
        '  command: [echo]',
        '  args: { type: object, x-accepts: trusted }',
      ),
      'planexec.config.yaml': 'policy: { untrustedFlow: sometimes }\n',
    });
    expect((await validateFiles(['tools.yaml', 'planexec.config.yaml'], dir)).map(formatDiagnostic)).toEqual([
      'tools.yaml:4:10 error: "[0].trust" must be one of: trusted, untrusted (got "maybe")',
      'tools.yaml:5:12 error: "[0].accepts" must be one of: trusted, any (got "everything")',
      'tools.yaml:6:70 error: "[0].args.properties.to.x-accepts" must be one of: trusted, any (got "nobody")',
      'tools.yaml:10:36 error: x-accepts belongs on one argument (args.properties.<name>.x-accepts); for the whole tool write accepts: trusted next to args',
      'planexec.config.yaml:1:26 error: "policy.untrustedFlow" must be one of: reject, ask (got "sometimes")',
    ]);
  });
});
