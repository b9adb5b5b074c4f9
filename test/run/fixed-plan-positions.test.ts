import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPipelineSource, loadPipeline } from '../../src/pipeline/load-pipeline.ts';
import { validatePaths } from '../../src/pipeline/validate-files.ts';
import { checkFixedPlans } from '../../src/run/check-fixed-plans.ts';
import { compileStaticPlan } from '../../src/run/compile-static-plan.ts';
import { inlinePlanSource } from '../../src/run/read-plan-file.ts';
import { parseYamlSource } from '../../src/source/yaml-source.ts';

// The positions of a fixed plan's problems come from the pipeline file as it was read: validate
// reads each file once, and a run reads the file again only when a problem needs a line:col.

const pipelineText = (tool: string) => `version: 1
name: fixed
tools:
  - name: echo
    description: Print a word
    command: [echo, "{{args.word}}"]
    args: { type: object, properties: { word: { type: string } }, required: [word], additionalProperties: false }
plan:
  steps:
    - { id: 1, action: Say hi, tool: ${tool}, args: { word: hi } }
`;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('fixed plan positions', () => {
  it('validate checks a plan at its line:col in the text it read, without reading the file again', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'planexec-fixed-'));
    dirs.push(cwd);
    // Not on disk at all: what validate read is all there is.
    const source = parseYamlSource(pipelineText('ecko'), path.join(cwd, 'fixed.yaml'), 'fixed.yaml');
    const { pipeline } = await checkPipelineSource(source, { cwd, config: null });
    const checked = await checkFixedPlans([pipeline === undefined ? { source } : { source, pipeline }], cwd);
    expect(checked.pipelineFiles).toBe(1);
    expect(checked.diagnostics.map((d) => `${d.file}:${d.line}:${d.col}`)).toEqual(['fixed.yaml:10:38']);
    expect(checked.diagnostics[0]!.message).toMatch(/ecko/);
  });

  it('validate checks the plan against the pipeline as it checked it, without loading it (and its tool files) again', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'planexec-fixed-'));
    dirs.push(cwd);
    writeFileSync(path.join(cwd, 'tools.yaml'), `- name: echo
  description: Print a word
  command: [echo, "{{args.word}}"]
  args: { type: object, properties: { word: { type: string } }, required: [word], additionalProperties: false }
`);
    writeFileSync(path.join(cwd, 'fixed.yaml'), `version: 1\nname: fixed\ntools:\n  - use: tools.yaml\nplan:\n  steps:\n    - { id: 1, action: Say hi, tool: ecko, args: { word: hi } }\n`);
    const found = await validatePaths(['fixed.yaml'], cwd);
    expect(found.diagnostics).toEqual([]);
    expect(found.pipelines.map(({ source, pipeline }) => [source.displayPath, pipeline?.tools.map((tool) => tool.name)])).toEqual([['fixed.yaml', ['echo', 'llm']]]);
    // Gone once validate has read it: loading the pipeline again would fail, and leave its plan unchecked.
    rmSync(path.join(cwd, 'tools.yaml'));
    const checked = await checkFixedPlans(found.pipelines, cwd);
    expect(checked.pipelineFiles).toBe(1);
    expect(checked.diagnostics.map((d) => `${d.file}:${d.line}`)).toEqual(['fixed.yaml:7']);
    expect(checked.diagnostics[0]!.message).toMatch(/ecko/);
  });

  it('a run whose plan fits does not read the pipeline again; one that does not fit reads it for the position', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'planexec-fixed-'));
    dirs.push(cwd);
    const file = path.join(cwd, 'fixed.yaml');
    writeFileSync(file, pipelineText('echo'));
    const pipeline = await loadPipeline(file, { cwd, config: null });
    // Gone after loading: a plan that fits needs no position, so nothing notices.
    rmSync(file);
    const fits = compileStaticPlan(pipeline, inlinePlanSource({ ...pipeline, plan: pipeline.plan! }, cwd), {});
    expect(fits.ok).toBe(true);
    // Back, with the step two lines lower: the position is looked up when the problem is reported.
    writeFileSync(file, pipelineText('echo').replace('plan:\n', '# a\n# b\nplan:\n'));
    const broken = { ...pipeline, plan: { steps: [{ id: 1, action: 'Say hi', tool: 'ecko', args: { word: 'hi' } }] } };
    const source = inlinePlanSource(broken, cwd);
    writeFileSync(file, pipelineText('echo').replace('plan:\n', '# a\n# b\n# c\nplan:\n'));
    const compiled = compileStaticPlan(broken, source, {});
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.diagnostics.map((d) => d.line)).toEqual([13]);
  });
});
