#!/usr/bin/env node
// Entry point of the installed `planexec` command.

// The bundle loads Node's built-ins with process.getBuiltinModule (Node >= 22.3, 20.16).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 3) || typeof process.getBuiltinModule !== 'function') {
  process.stderr.write(`error: planexec needs Node.js 22.3 or newer; this is ${process.version}\n`);
  process.exit(2);
}
// Not an import: an ES module import of a built-in builds a facade of all its exports.
const module = process.getBuiltinModule('node:module');
// Keep V8's compiled code of the modules planexec loads (Node >= 22.1; in Node's default place, the OS
// temp folder, or $NODE_COMPILE_CACHE; off with NODE_DISABLE_COMPILE_CACHE=1), so later starts skip
// compiling them. A cache that cannot be written only means no cache.
try {
  module.enableCompileCache?.();
} catch {
  // Starting matters more than starting fast.
}
await import('../dist/bin/planexec.js');
