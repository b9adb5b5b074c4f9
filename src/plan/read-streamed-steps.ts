// Read a plan while the model is still writing it: fed the reply piece by piece, hand out each step
// of `{"steps": [...]}` as soon as its JSON object has closed. Deliberately narrow: a reply that does
// not start like a plan (prose, another first key, a step that is not an object) stops the reading,
// and the whole reply is then left to the compiler once it has ended.

interface StreamedStepReader {
  /** Feed the next piece of the reply; returns the steps completed by it, parsed, in plan order. */
  push(text: string): unknown[];
  /** False once the reply stopped looking like a plan, or the steps array has closed. */
  readonly reading: boolean;
}

type Phase = 'start' | 'fence' | 'key' | 'colon' | 'array' | 'first-step' | 'after-step' | 'next-step' | 'step' | 'stopped' | 'closed';

const STEPS_KEY = '"steps"';
const FENCE = '```';

/** `maxBytes`: the reader stops (and leaves the reply to the compiler's size check) past this length. */
export function createStreamedStepReader(maxBytes: number = Number.POSITIVE_INFINITY): StreamedStepReader {
  let text = '';
  let bytes = 0;
  let at = 0;
  let phase: Phase = 'start';
  let fenced = false;
  // Inside a step: where it began, how deep the scan is, and string state (escapes may split across pieces).
  let stepStart = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;

  const skipSpace = () => {
    while (at < text.length && (text[at] === ' ' || text[at] === '\n' || text[at] === '\r' || text[at] === '\t')) at++;
  };

  /** Scans as far as the text allows; pushes each completed step into `out`. */
  const scan = (out: unknown[]) => {
    for (;;) {
      switch (phase) {
        case 'start': {
          skipSpace();
          if (at >= text.length) return;
          if (text[at] === '{') {
            at++;
            phase = 'key';
          } else if (!fenced && text[at] === '`') {
            const rest = text.slice(at, at + FENCE.length);
            if (rest.length < FENCE.length) return;
            if (rest !== FENCE) return void (phase = 'stopped');
            phase = 'fence';
          } else {
            return void (phase = 'stopped');
          }
          break;
        }
        case 'fence': {
          // ```json (or any info string) up to the end of its line.
          const newline = text.indexOf('\n', at);
          if (newline === -1) return;
          at = newline + 1;
          fenced = true;
          phase = 'start';
          break;
        }
        case 'key': {
          skipSpace();
          const rest = text.slice(at, at + STEPS_KEY.length);
          if (!STEPS_KEY.startsWith(rest)) return void (phase = 'stopped');
          if (rest.length < STEPS_KEY.length) return;
          at += STEPS_KEY.length;
          phase = 'colon';
          break;
        }
        case 'colon':
        case 'array': {
          skipSpace();
          if (at >= text.length) return;
          const expected = phase === 'colon' ? ':' : '[';
          if (text[at] !== expected) return void (phase = 'stopped');
          at++;
          phase = phase === 'colon' ? 'array' : 'first-step';
          break;
        }
        case 'first-step':
        case 'next-step':
        case 'after-step': {
          skipSpace();
          if (at >= text.length) return;
          const ch = text[at]!;
          if (phase === 'after-step') {
            if (ch === ',') {
              at++;
              phase = 'next-step';
            } else {
              phase = ch === ']' ? 'closed' : 'stopped';
            }
            break;
          }
          if (ch === ']' && phase === 'first-step') return void (phase = 'closed');
          if (ch !== '{') return void (phase = 'stopped');
          stepStart = at;
          depth = 0;
          inString = false;
          escaped = false;
          phase = 'step';
          break;
        }
        case 'step': {
          for (; at < text.length; at++) {
            const ch = text[at];
            if (inString) {
              if (escaped) escaped = false;
              else if (ch === '\\') escaped = true;
              else if (ch === '"') inString = false;
            } else if (ch === '"') {
              inString = true;
            } else if (ch === '{' || ch === '[') {
              depth++;
            } else if ((ch === '}' || ch === ']') && --depth === 0) {
              at++;
              try {
                out.push(JSON.parse(text.slice(stepStart, at)));
              } catch {
                return void (phase = 'stopped');
              }
              phase = 'after-step';
              break;
            }
          }
          if (phase === 'step') return;
          break;
        }
        default:
          return;
      }
    }
  };

  return {
    push(piece: string): unknown[] {
      if (phase === 'stopped' || phase === 'closed') return [];
      text += piece;
      bytes += Buffer.byteLength(piece);
      if (bytes > maxBytes) {
        phase = 'stopped';
        return [];
      }
      const out: unknown[] = [];
      scan(out);
      return out;
    },
    get reading() {
      return phase !== 'stopped' && phase !== 'closed';
    },
  };
}
