// Prints one environment variable (as a careless tool might), or the whole environment as JSON.
const name = process.argv[2];
console.log(name === undefined ? JSON.stringify(process.env) : `token is ${process.env[name]}`);
