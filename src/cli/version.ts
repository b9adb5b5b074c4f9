// planexec's version, from its package.json. The bundled CLI has it written in when it is built
// (scripts/build-cli.ts), so a start reads no package.json for it.

import { createRequire } from 'node:module';

export const version: string = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
