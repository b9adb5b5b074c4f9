// `${inputs.<name>}` in the arguments of a plan written by hand (a pipeline's fixed `plan:`, a plan
// file): replaced by the run's input values before the plan is compiled. Data substitution, like
// output references: a string that is exactly one reference gets the value itself (its type kept).

import { closestMatch } from '../source/did-you-mean.ts';

type InputValue = string | number | boolean;

const inputReferencePattern = /\$\{inputs\.([A-Za-z_][A-Za-z0-9_]*)\}/g;
const wholeInputReferencePattern = /^\$\{inputs\.([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** A reference that cannot be filled in, at its path under the plan (`['steps', 0, 'args', 'file']`). */
export interface InputReferenceProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * The steps with every `${inputs.X}` in their arguments replaced by `inputs[X]`. A name the pipeline does
 * not declare is a problem; so is a value holding `${`, which would otherwise be read as a reference.
 */
export function substituteInputReferences(
  steps: readonly unknown[],
  inputs: Readonly<Record<string, InputValue>>,
): { readonly steps: unknown[]; readonly problems: readonly InputReferenceProblem[] } {
  const problems: InputReferenceProblem[] = [];
  const declared = Object.keys(inputs);
  const valueOf = (name: string, path: readonly (string | number)[]): InputValue | undefined => {
    if (!Object.hasOwn(inputs, name)) {
      const guess = closestMatch(name, declared);
      problems.push({ path, message: `\${inputs.${name}} names no declared input${guess ? ` (did you mean "${guess}"?)` : declared.length > 0 ? ` (declared: ${declared.join(', ')})` : ' (the pipeline declares no inputs)'}` });
      return undefined;
    }
    const value = inputs[name]!;
    if (typeof value === 'string' && value.includes('${')) {
      problems.push({ path, message: `input "${name}" holds "\${", which a plan would read as a reference; its value cannot be put into the plan` });
      return undefined;
    }
    return value;
  };
  const substitute = (value: unknown, path: readonly (string | number)[]): unknown => {
    if (typeof value === 'string') {
      if (!value.includes('${inputs.')) return value;
      const whole = wholeInputReferencePattern.exec(value);
      // A reference that cannot be filled in is reported once, here: the compiler sees it as empty text.
      if (whole) return valueOf(whole[1]!, path) ?? '';
      return value.replace(inputReferencePattern, (_text, name: string) => String(valueOf(name, path) ?? ''));
    }
    if (Array.isArray(value)) return value.map((item, index) => substitute(item, [...path, index]));
    if (value !== null && typeof value === 'object') {
      // fromEntries defines own properties, so a "__proto__" key stays a plain key (the compiler refuses it).
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, [...path, key])]));
    }
    return value;
  };
  const substituted = steps.map((step, index) => {
    if (step === null || typeof step !== 'object' || Array.isArray(step) || !('args' in step)) return step;
    return { ...step, args: substitute((step as { args: unknown }).args, ['steps', index, 'args']) };
  });
  return { steps: substituted, problems };
}
