// Prints the files named by its arguments, one after the other.
const fs = require('node:fs');
for (const file of process.argv.slice(2)) {
  try {
    process.stdout.write(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`read-file: ${error.code ?? error.message}: ${file}`);
    process.exit(1);
  }
}
