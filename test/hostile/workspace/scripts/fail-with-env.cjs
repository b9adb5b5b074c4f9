// Fails, printing an environment variable in its error (as a careless tool might).
console.error(`cannot authenticate with ${process.env[process.argv[2]]}`);
process.exit(3);
