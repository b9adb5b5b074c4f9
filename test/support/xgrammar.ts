// xgrammar (vLLM's default guided-decoding backend) from its WebAssembly build, @mlc-ai/web-xgrammar:
// converts a JSON Schema to the grammar a server would decode with, and says whether a text fits it.
// The package is a UMD bundle that node cannot import as ESM, so it is run as the CommonJS it also is
// (its loader imports `module` dynamically: node's own loader serves that, with an experimental warning).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { compileFunction, constants } from 'node:vm';

interface Grammar {
  toString(): string;
}

export interface Xgrammar {
  readonly Grammar: { fromJSONSchema(schema: string, anyWhitespace?: boolean): Promise<Grammar> };
  readonly Testings: { isGrammarAcceptString(grammar: Grammar, text: string): Promise<boolean> };
}

let loaded: Xgrammar | undefined;

export function loadXgrammar(): Xgrammar {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const file = require.resolve('@mlc-ai/web-xgrammar');
  const exports: Record<string, unknown> = {};
  const module = { exports };
  compileFunction(readFileSync(file, 'utf8'), ['exports', 'module', 'require', '__filename', '__dirname'], { filename: file, importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER })(exports, module, require, file, file.replace(/\/[^/]*$/, ''));
  loaded = module.exports as unknown as Xgrammar;
  return loaded;
}
