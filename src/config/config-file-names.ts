// The names planexec.config.yaml may have, on their own so that finding the project root (the run
// store's home) needs neither the config loader nor its schema validators.

export const CONFIG_FILE_NAMES: readonly string[] = ['planexec.config.yaml', 'planexec.config.yml'];
