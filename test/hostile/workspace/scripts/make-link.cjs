// Makes a symbolic link, as an archive extractor or a clone can with content a plan chose: the
// plan picks where the link points.
const fs = require('node:fs');
const path = require('node:path');
const [target, at] = process.argv.slice(2);
fs.mkdirSync(path.dirname(at), { recursive: true });
fs.symlinkSync(target, at);
console.log(`linked ${at} -> ${target}`);
