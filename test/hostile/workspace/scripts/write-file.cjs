// Writes its second argument into the file named by its first.
require('node:fs').writeFileSync(process.argv[2], process.argv[3] ?? '');
console.log(`wrote ${process.argv[2]}`);
