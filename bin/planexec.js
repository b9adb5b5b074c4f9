#!/usr/bin/env node
// Entry point of the installed `planexec` command.
import module from 'node:module';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(`error: planexec needs Node.js 22 or newer; this is ${process.version}\n`);
  process.exit(2);
}
// Keep V8's compiled code of the modules planexec loads (Node >= 22.1; in Node's default place, the OS
// temp folder, or $NODE_COMPILE_CACHE; off with NODE_DISABLE_COMPILE_CACHE=1), so later starts skip
// compiling them. A cache that cannot be written only means no cache.
try {
  module.enableCompileCache?.();
} catch {
  // Starting matters more than starting fast.
}
await import('../dist/bin/planexec.js');
