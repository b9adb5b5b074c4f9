import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileOptions } from '../../src/prompt/compile-options.ts';
import { loadHandlebarsRuntime } from '../../src/prompt/load-handlebars.ts';
import { lookupTemplate } from '../../src/prompt/lookup-template.ts';
import { parseTemplateToCompile } from '../../src/prompt/parse-template.ts';
import { newEngine, renderTemplate } from '../../src/prompt/template-engine.ts';

// A template of text and `{{a.b}}` lookups is made without Handlebars' compiler: it must render what
// the compiled template renders, fail as it fails and warn as it warns, for every shape of data.

// The runtime warns of a denied property once per process: reset before each render, so both warn.
const { resetLoggedProperties } = createRequire(import.meta.url)('handlebars/dist/cjs/handlebars/internal/proto-access.js') as { resetLoggedProperties: () => void };

const runtimeOptions = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false };

/** What a template does with `data`: its text, or its error's message, and what it logged. */
function outcome(template: HandlebarsTemplateDelegate, data: unknown): { readonly result?: unknown; readonly error?: string; readonly logged: unknown[][] } {
  resetLoggedProperties();
  const log = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    return { result: template(data, runtimeOptions), logged: log.mock.calls };
  } catch (error) {
    return { error: `${(error as Error).constructor.name}: ${(error as Error).message}`, logged: log.mock.calls };
  } finally {
    log.mockRestore();
  }
}

const TEMPLATES = [
  'Write {{inputs.version}} from {{inputs.log}}.',
  '{{args.pattern}}',
  '{{a.b}}{{c.d}}',
  '{{a.b}}x{{c.d}}',
  '{{a.b}} {{~c.d}}',
  '  {{~a.b~}}  \n  {{c.d}} x',
  'x {{{a.b}}} y',
  '{{a.b}}\n{{a.b}}\n',
  '{{ a.b }}',
  '{{a.b.c.d}}',
  '{{a.[b c]}}',
  '{{a.length}}',
  '{{a.constructor}}',
  '{{a.toString}}',
  '{{a.__proto__}}',
  '{{a.b.constructor.name}}',
  'line 1\n  line 2 {{c.d}}',
];

const DATA: readonly unknown[] = [
  { inputs: { version: 'v1.1.0', log: 'data/commits.txt' }, args: { pattern: '^feat' } },
  { a: { b: 0 }, c: { d: 0 } },
  { a: { b: 1 }, c: { d: 2 } },
  { a: { b: null }, c: { d: undefined } },
  { a: { b: false }, c: { d: true } },
  { a: {}, c: {} },
  { a: 'text', c: 7 },
  { a: [1, 2], c: { d: [] } },
  { a: { b: [1, 2], 'b c': 'spaced' }, c: { d: { e: 1 } } },
  { a: { b: { c: { d: 'deep' } } } },
  { a: { b: () => 'from a function' }, c: { d: 'x' } },
  { a: Object.create({ b: 'inherited' }), c: { d: 'own' } },
  { a: { b: { toString: () => 'its own text' } } },
  { a: { length: 3, constructor: 'own', toString: 'own' } },
  {},
  { a: null },
  null,
];

describe('text and lookups, made without the compiler', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('render, fail and warn as the compiled template does, for every shape of data', () => {
    const engine = newEngine({ precompiled: false });
    // Made in Handlebars' runtime alone, as a run makes them.
    const runtime = loadHandlebarsRuntime().create();
    for (const text of TEMPLATES) {
      const parsed = parseTemplateToCompile(text);
      if (!parsed.ok) throw new Error(`${text} does not parse`);
      const made = lookupTemplate(() => runtime, parsed.program);
      expect(made, text).toBeDefined();
      const compiled = engine.compile(text, compileOptions);
      for (const data of DATA) expect(outcome(made!, data), `${text} with ${JSON.stringify(data)}`).toEqual(outcome(compiled, data));
    }
  });

  it('are rendered through them: no JavaScript is generated for a task text or a command element', () => {
    const apply = vi.spyOn(Function.prototype, 'apply');
    // Each text new to this process: the engine compiles each text once.
    expect(renderTemplate('Notes for {{inputs.version}} (lookup test)', 'task', { inputs: { version: 'v2' } })).toBe('Notes for v2 (lookup test)');
    expect(apply.mock.contexts.filter((context) => context === Function)).toEqual([]);
    // A block is compiled: the compiler builds its function with Function.apply (what the spy sees).
    expect(renderTemplate('{{#if inputs.on}}on{{/if}} (lookup test)', 'task', { inputs: { on: true } })).toBe('on (lookup test)');
    expect(apply.mock.contexts.filter((context) => context === Function).length).toBeGreaterThan(0);
  });

  it('are left to the compiler by a runtime of another compiler revision, whose generated code may differ', () => {
    const parsed = parseTemplateToCompile('{{inputs.version}} (revision test)');
    if (!parsed.ok) throw new Error('does not parse');
    const runtime = loadHandlebarsRuntime().create();
    expect(lookupTemplate(() => runtime, parsed.program)).toBeDefined();
    const later = Object.assign(Object.create(runtime) as typeof runtime, { COMPILER_REVISION: 9 });
    expect(lookupTemplate(() => later, parsed.program)).toBeUndefined();
  });

  it('leave every other tree to the compiler: one name (maybe a helper), this, @data, ../, parameters, blocks, comments, partials, literals', () => {
    const engine = newEngine({ precompiled: false });
    for (const text of ['{{a}}', 'x {{name}} y', '{{this.a.b}}', '{{./a.b}}', '{{@root.a.b}}', '{{../a.b}}', '{{a.b c}}', '{{a.b x=1}}', '{{#if a.b}}x{{/if}}', '{{! note }}{{a.b}}', '{{> toolList}}', '{{"a.b"}}', '{{json a.b}}']) {
      const parsed = parseTemplateToCompile(text);
      if (!parsed.ok) throw new Error(`${text} does not parse`);
      expect(lookupTemplate(() => engine, parsed.program), text).toBeUndefined();
    }
  });
});
