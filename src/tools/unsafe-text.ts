// Text no program can receive: a NUL byte, or broken Unicode (an unpaired surrogate has no UTF-8
// form). The compiler refuses it in a plan's arguments; the runners, in the values they finally pass on.

type Args = Readonly<Record<string, unknown>>;

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why this text cannot be passed on as an argument, or undefined when it can. */
export function unsafeTextReason(text: string): string | undefined {
  const nul = text.indexOf('\0');
  if (nul !== -1) return `contains a NUL byte (character ${nul + 1}), which no program can receive`;
  const broken = loneSurrogate.exec(text);
  if (broken) return `is not valid Unicode (an unpaired surrogate \\u${broken[0].charCodeAt(0).toString(16)} at character ${broken.index + 1}), so it has no UTF-8 form`;
  return undefined;
}

const unsafeCharacter = /[\0\uD800-\uDFFF]/;

/** Whether any string or key in the value holds a NUL or a surrogate (paired ones are looked at closer later). */
function mayHoldUnsafeText(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') {
      if (unsafeCharacter.test(item)) return true;
    } else if (Array.isArray(item)) {
      for (const inner of item) stack.push(inner);
    } else if (item !== null && typeof item === 'object') {
      for (const key in item) {
        if (!Object.hasOwn(item, key)) continue;
        if (unsafeCharacter.test(key)) return true;
        stack.push((item as Record<string, unknown>)[key]);
      }
    }
  }
  return false;
}

/** The first string (or key) in the arguments that cannot be passed on, with where it is. */
export function findUnsafeText(args: Args): { readonly where: string; readonly reason: string } | undefined {
  if (!mayHoldUnsafeText(args)) return undefined;
  const stack: [unknown, string][] = Object.entries(args).map(([key, value]) => [value, key]);
  for (const key of Object.keys(args)) {
    const reason = unsafeTextReason(key);
    if (reason) return { where: key, reason: `the argument name ${reason}` };
  }
  while (stack.length > 0) {
    const [value, where] = stack.pop()!;
    if (typeof value === 'string') {
      const reason = unsafeTextReason(value);
      if (reason) return { where, reason };
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push([item, `${where}[${index}]`]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const reason = unsafeTextReason(key);
        if (reason) return { where: `${where}.${key.slice(0, 20)}`, reason: `a field name ${reason}` };
        stack.push([item, `${where}.${key}`]);
      }
    }
  }
  return undefined;
}
