// Prints the arguments it was given, as a JSON list: what a program really receives.
console.log(JSON.stringify(process.argv.slice(2)));
