// Generates the run event types (src/events/event-types.generated.ts) from schemas/events.schema.json,
// so the documented `--json` format and the types the code emits cannot drift. `npm run generate:types`
// writes the file; test/events/event-types-fresh.test.ts regenerates it in memory and fails when it differs.
//
// Purpose-written for the shape of that schema rather than a general JSON Schema compiler: a root with
// common properties (`kind`, `time`) and one if/then branch per `kind`, each branch a definition. Every
// object with properties is a named definition (an interface); an enum definition is a union type; any
// other definition (planNumber, durationMs…) is inlined where it is referenced. A keyword that would
// change the type and that this script does not translate is an error, never silently ignored.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..');
export const eventSchemaPath = 'schemas/events.schema.json';
export const eventTypesPath = 'src/events/event-types.generated.ts';

/** The part of JSON Schema draft-07 the events schema uses. */
export interface Schema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly items?: Schema;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly description?: string;
  readonly allOf?: readonly { readonly if?: Schema; readonly then?: Schema }[];
  readonly definitions?: Readonly<Record<string, Schema>>;
  readonly [keyword: string]: unknown;
}

/** Keywords that only annotate or narrow a value without changing its TypeScript type. */
const TYPE_NEUTRAL = new Set(['$schema', '$id', 'title', 'description', 'minimum', 'maximum', 'format', 'examples', 'default']);
const TRANSLATED = new Set(['$ref', 'type', 'const', 'enum', 'items', 'properties', 'required', 'allOf', 'definitions']);
const DISCRIMINATOR = 'kind';
const JSDOC_WIDTH = 116;

interface Context {
  readonly definitions: Readonly<Record<string, Schema>>;
  /** Definition name → TypeScript name, for the definitions that become named types. */
  readonly names: ReadonlyMap<string, string>;
  /** Root properties besides the discriminator: on RunEvent, not on each body. */
  readonly envelope: ReadonlySet<string>;
}

/** The text of event-types.generated.ts for the events schema. */
export function generateEventTypes(schema: Schema): string {
  const definitions = schema.definitions ?? {};
  const branches = eventBranches(schema);
  const names = new Map<string, string>();
  for (const [name, definition] of Object.entries(definitions)) {
    if (branches.has(name)) names.set(name, `${pascalCase(name)}Body`);
    else if (definition.properties !== undefined || definition.enum !== undefined) names.set(name, pascalCase(name));
  }
  const envelope = Object.keys(schema.properties ?? {}).filter((key) => key !== DISCRIMINATOR);
  const context: Context = { definitions, names, envelope: new Set(envelope) };

  const blocks = [
    [
      `// Generated from ${eventSchemaPath} by \`npm run generate:types\` (scripts/generate-types.ts). Do not edit:`,
      '// change the schema and regenerate. test/events/event-types-fresh.test.ts fails while this file is stale.',
    ].join('\n'),
    `${jsdoc(schema.description, '')}export type RunEvent = EventBody & {\n${envelope.map((key) => property(key, schema.properties![key]!, true, context)).join('\n')}\n};`,
    `/** An event as the code emits it; the emitter adds \`${envelope.join('`, `')}\`. */\nexport type EventBody =\n${[...branches.values()].map((name) => `  | ${names.get(name)}`).join('\n')};`,
  ];
  for (const [name, definition] of Object.entries(definitions)) {
    const typeName = names.get(name);
    if (typeName === undefined) continue;
    blocks.push(branches.has(name) ? namedInterface(typeName, definition, context, branches.get(name)) : namedType(typeName, definition, context, `#/definitions/${name}`));
  }
  return `${blocks.join('\n\n')}\n`;
}

/** Definition name → its kind, in the order the root's `kind` enum lists the kinds. */
function eventBranches(schema: Schema): Map<string, string> {
  const byKind = new Map<string, string>();
  for (const branch of schema.allOf ?? []) {
    const kind = branch.if?.properties?.[DISCRIMINATOR]?.const;
    const ref = branch.then?.$ref;
    if (typeof kind !== 'string' || ref === undefined) throw new Error(`allOf: every branch must be if ${DISCRIMINATOR} is a const, then a $ref`);
    byKind.set(kind, definitionName(ref));
  }
  const kinds = schema.properties?.[DISCRIMINATOR]?.enum ?? [];
  const branches = new Map<string, string>();
  for (const kind of kinds) {
    const name = byKind.get(String(kind));
    if (name === undefined) throw new Error(`kind ${String(kind)} has no allOf branch`);
    branches.set(name, String(kind));
  }
  const unlisted = [...byKind.keys()].filter((kind) => !kinds.includes(kind));
  if (unlisted.length > 0) throw new Error(`allOf has branches for kinds the ${DISCRIMINATOR} enum does not list: ${unlisted.join(', ')}`);
  return branches;
}

function namedType(typeName: string, definition: Schema, context: Context, at: string): string {
  if (definition.properties !== undefined) return namedInterface(typeName, definition, context);
  const type = typeOf(definition, context, at);
  const declaration = `export type ${typeName} = ${type};`;
  // A long union reads better one member a line, as hand-written unions in src/ do.
  const text = declaration.length <= JSDOC_WIDTH || definition.enum === undefined ? declaration : `export type ${typeName} =\n${definition.enum.map((value) => `  | ${literal(value)}`).join('\n')};`;
  return `${jsdoc(definition.description, '')}${text}`;
}

/** An object definition as an interface; an event body also gets its `kind` and leaves out the envelope. */
function namedInterface(typeName: string, definition: Schema, context: Context, kind?: string): string {
  const at = `interface ${typeName}`;
  checkKeywords(definition, at);
  const required = new Set(definition.required ?? []);
  const lines: string[] = [];
  if (kind !== undefined) {
    const declared = definition.properties?.[DISCRIMINATOR];
    if (declared !== undefined && declared.const !== kind) throw new Error(`${at}: its ${DISCRIMINATOR} must be the const ${kind}, as its allOf branch says`);
    lines.push(`  readonly ${DISCRIMINATOR}: ${literal(kind)};`);
  }
  for (const [key, schema] of Object.entries(definition.properties ?? {})) {
    if (kind !== undefined && (key === DISCRIMINATOR || context.envelope.has(key))) continue;
    lines.push(property(key, schema, required.has(key), context));
  }
  return `${jsdoc(definition.description, '')}export interface ${typeName} {\n${lines.join('\n')}\n}`;
}

function property(key: string, schema: Schema, required: boolean, context: Context): string {
  const referenced = schema.$ref === undefined ? undefined : context.definitions[definitionName(schema.$ref)];
  const description = schema.description ?? referenced?.description;
  const name = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : literal(key);
  return `${jsdoc(description, '  ')}  readonly ${name}${required ? '' : '?'}: ${typeOf(schema, context, key)};`;
}

function typeOf(schema: Schema, context: Context, at: string): string {
  checkKeywords(schema, at);
  if (schema.$ref !== undefined) {
    const name = definitionName(schema.$ref);
    const definition = context.definitions[name];
    if (definition === undefined) throw new Error(`${at}: $ref ${schema.$ref} names no definition`);
    return context.names.get(name) ?? typeOf(definition, context, schema.$ref);
  }
  if ('const' in schema) return literal(schema.const);
  if (schema.enum !== undefined) return schema.enum.map(literal).join(' | ');
  if (schema.type === undefined) return 'unknown';
  const types = typeof schema.type === 'string' ? [schema.type] : schema.type;
  return types.map((type) => primitive(type, schema, context, at)).join(' | ');
}

function primitive(type: string, schema: Schema, context: Context, at: string): string {
  switch (type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array': {
      if (schema.items === undefined) return 'readonly unknown[]';
      const item = typeOf(schema.items, context, `${at}[]`);
      return `readonly ${/[ |&]/.test(item) ? `(${item})` : item}[]`;
    }
    case 'object':
      if (schema.properties !== undefined) throw new Error(`${at}: an object with properties must be a definition of its own (it becomes a named interface)`);
      return 'Readonly<Record<string, unknown>>';
    default:
      throw new Error(`${at}: unknown type ${type}`);
  }
}

function checkKeywords(schema: Schema, at: string): void {
  for (const keyword of Object.keys(schema)) {
    if (TYPE_NEUTRAL.has(keyword) || TRANSLATED.has(keyword)) continue;
    // additionalProperties: false only forbids what the interface does not declare anyway.
    if (keyword === 'additionalProperties' && schema.additionalProperties === false) continue;
    throw new Error(`${at}: the type generator does not translate \`${keyword}\``);
  }
}

function definitionName(ref: string): string {
  const match = /^#\/definitions\/([^/]+)$/.exec(ref);
  if (match === null) throw new Error(`$ref ${ref}: only #/definitions/<name> is supported`);
  return match[1]!;
}

function pascalCase(name: string): string {
  return name.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

function literal(value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A description as a JSDoc comment, wrapped to the width the source uses; empty without one. */
function jsdoc(description: string | undefined, indent: string): string {
  if (description === undefined) return '';
  const text = description.replace(/\*\//g, '*\\/');
  if (indent.length + text.length + 7 <= JSDOC_WIDTH) return `${indent}/** ${text} */\n`;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && indent.length + 3 + line.length + 1 + word.length > JSDOC_WIDTH) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return `${indent}/**\n${lines.map((l) => `${indent} * ${l}\n`).join('')}${indent} */\n`;
}

/** The generated file's text from the schema as it is on disk. */
export function renderEventTypes(): string {
  return generateEventTypes(JSON.parse(readFileSync(path.join(repoRoot, eventSchemaPath), 'utf8')) as Schema);
}

if (import.meta.main) {
  writeFileSync(path.join(repoRoot, eventTypesPath), renderEventTypes());
  console.log(`${eventTypesPath}: generated from ${eventSchemaPath}`);
}
