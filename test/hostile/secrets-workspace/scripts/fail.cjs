// Fails with exit code 1, whatever it is given.
process.exit(1);
