// The registry of tool kinds against the tool schema, where a type error cannot see: every kind the
// schema lets a file declare has a registry entry that reads the same field, in the schema's order,
// and every registry entry is either declarable by the schema or built in.

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TOOLS } from '../../src/pipeline/builtin-tools.ts';
import { projectSchemaUrl } from '../../src/source/project-schemas.ts';
import { declarationOrder, toolKinds } from '../../src/tools/tool-kinds.ts';

interface SchemaBranch {
  readonly if?: { readonly required?: readonly string[] };
  readonly then?: { readonly $ref?: string };
  readonly else?: SchemaBranch;
  readonly $ref?: string;
}

/** The tool schema's if/then/else chain as [field, definition] pairs; the final else has no field of its own. */
function schemaKinds(branch: SchemaBranch): { readonly field?: string; readonly definition: string }[] {
  const definition = (ref: string | undefined) => ref!.replace('#/definitions/', '');
  if (branch.$ref !== undefined) return [{ definition: definition(branch.$ref) }];
  expect(branch.if?.required).toHaveLength(1);
  return [{ field: branch.if!.required![0]!, definition: definition(branch.then?.$ref) }, ...schemaKinds(branch.else!)];
}

const toolSchema = async () => JSON.parse(await readFile(projectSchemaUrl('tool'), 'utf8'));

describe('the registry of tool kinds', () => {
  it('has an entry for every kind the tool schema declares, telling it by the same field in the same order', async () => {
    const { definitions } = await toolSchema();
    const chain = schemaKinds(definitions.tool);
    // Definitions are named <kind>Tool: commandTool, httpTool, moduleTool.
    expect(chain.map(({ definition }) => definition.replace(/Tool$/, ''))).toEqual(declarationOrder);
    for (const { field, definition } of chain) {
      const kind = definition.replace(/Tool$/, '') as (typeof declarationOrder)[number];
      const declared = toolKinds[kind].declaration;
      if (field !== undefined) expect(declared.field).toBe(field);
      // The field that tells the kind is one its definition requires (the final else's too).
      expect(definitions[definition].required).toContain(declared.field);
    }
  });

  it('declares every entry that is not built in, and builds in every entry the schema cannot declare', async () => {
    const { definitions } = await toolSchema();
    const declarable = Object.keys(toolKinds).filter((kind) => toolKinds[kind as keyof typeof toolKinds].declaration !== undefined);
    expect(declarable.sort()).toEqual([...declarationOrder].sort());
    for (const kind of declarable) expect(definitions[`${kind}Tool`], `definitions.${kind}Tool`).toBeDefined();
    const builtIn = Object.keys(toolKinds).filter((kind) => !declarable.includes(kind));
    expect(builtIn).toEqual(['llm']);
    expect(definitions.llmTool).toBeUndefined();
    expect([...new Set(BUILTIN_TOOLS.map((tool) => tool.kind))]).toEqual(builtIn);
  });

  it('tells the rest of planexec what each kind needs: secrets, paths, streaming, workers', () => {
    const common = { description: 'd', args: { type: 'object' }, output: 'text' } as const;
    const command = { ...common, kind: 'command', name: 'c', command: ['echo'], cwd: '/work/sub', env: { T: '{{secrets.T}}' } } as const;
    const post = { ...common, kind: 'http', name: 'h', method: 'POST', url: 'https://x.example/', allowHosts: ['x.example'], headers: { A: '{{env.A}}' } } as const;
    expect(toolKinds.command.secretTemplates(command)).toEqual(['{{secrets.T}}']);
    expect(toolKinds.command.envTemplates(command)).toEqual([]);
    expect(toolKinds.http.envTemplates(post)).toEqual(['{{env.A}}']);
    expect(toolKinds.command.pathBase(command)).toEqual({ kind: 'directory', path: '/work/sub' });
    expect(toolKinds.http.pathBase(post)).toEqual({ kind: 'workspace' });
    expect(toolKinds.llm.pathBase(BUILTIN_TOOLS[0]!)).toEqual({ kind: 'none' });
    expect(toolKinds.http.streamHold(post)).toMatch(/^sends POST requests/);
    expect(toolKinds.http.streamHold({ ...post, method: 'GET' })).toBeUndefined();
    expect(Object.entries(toolKinds).filter(([, kind]) => !kind.runsOnWorker).map(([name]) => name)).toEqual(['llm']);
  });
});
