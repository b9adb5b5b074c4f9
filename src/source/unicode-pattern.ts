// A JSON Schema `pattern` as ajv compiles it (a Unicode regular expression, no other flag), compiled
// once per text: the checks that decide schemas and arguments without ajv test the same patterns often.

const compiledPatterns = new Map<string, RegExp>();

/** The pattern's regular expression, or undefined when it does not compile. */
export function unicodePattern(pattern: string): RegExp | undefined {
  let regex = compiledPatterns.get(pattern);
  if (regex === undefined) {
    try {
      regex = new RegExp(pattern, 'u');
    } catch {
      return undefined;
    }
    if (compiledPatterns.size > 1000) compiledPatterns.clear();
    compiledPatterns.set(pattern, regex);
  }
  return regex;
}
