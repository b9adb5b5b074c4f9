// Read a plan while the model is still writing it: fed the reply piece by piece, hand out each step
// of `{"steps": [...]}` as soon as its JSON object has closed. Deliberately narrow: a reply that does
// not start like a plan (prose, another first key, a step that is not an object) stops the reading,
// and the whole reply is then left to the compiler once it has ended. Each character is looked at
// once and each step parsed once, whatever the pieces: reading a reply is linear in its length.

import { replyTooLarge } from './check-plan-input.ts';
import type { PlanProblem } from './plan-types.ts';

export interface StreamedStepReader {
  /** Feed the next piece of the reply; returns the steps completed by it, parsed, in plan order. */
  push(text: string): unknown[];
  /** False once the reply stopped looking like a plan, or the steps array has closed. */
  readonly reading: boolean;
  /**
   * True when everything fed so far is exactly one plan object and nothing else: `{"steps": [...]}`
   * closed, JSON whitespace around, no fence. Its plan is then the steps handed out, as they were parsed.
   */
  readonly whole: boolean;
  /** Set once the reply has passed `maxBytes` (planning.maxPlanBytes): it need not be read further. */
  readonly tooLarge: PlanProblem | undefined;
}

type Phase = 'start' | 'fence' | 'key' | 'colon' | 'array' | 'first-step' | 'after-step' | 'next-step' | 'step' | 'object-end' | 'end' | 'stopped' | 'trailing';

const STEPS_KEY = '"steps"';
const FENCE = '```';

/** `maxBytes`: past this length (UTF-8) the reader stops and says so in `tooLarge`. */
export function createStreamedStepReader(maxBytes: number = Number.POSITIVE_INFINITY): StreamedStepReader {
  let bytes = 0;
  let highSurrogateLast = false;
  let phase: Phase = 'start';
  let fenced = false;
  let tooLarge: PlanProblem | undefined;
  // The text being scanned: what is left of earlier pieces (at most a few characters, or the step
  // being read) and the piece just fed.
  let text = '';
  let at = 0;
  // Inside a step: the pieces it spans so far, and where the scan is (escapes may split across pieces).
  const stepParts: string[] = [];
  let stepStart = 0;
  const step: StepScan = { depth: 0, inString: false, escaped: false };

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
          if (newline === -1) return void (at = text.length);
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
            } else if (ch === ']') {
              at++;
              phase = 'object-end';
            } else {
              phase = 'stopped';
            }
            break;
          }
          if (ch === ']' && phase === 'first-step') {
            at++;
            phase = 'object-end';
            break;
          }
          if (ch !== '{') return void (phase = 'stopped');
          stepStart = at;
          step.depth = 0;
          step.inString = false;
          step.escaped = false;
          phase = 'step';
          break;
        }
        case 'step': {
          const end = scanStep(text, at, step);
          if (end === -1) {
            at = text.length;
            return;
          }
          at = end;
          let source = text.slice(stepStart, at);
          if (stepParts.length > 0) {
            stepParts.push(source);
            source = stepParts.join('');
            stepParts.length = 0;
          }
          try {
            out.push(JSON.parse(source));
          } catch {
            return void (phase = 'stopped');
          }
          phase = 'after-step';
          break;
        }
        case 'object-end':
        case 'end': {
          // After the steps: the plan's closing brace, then nothing but whitespace makes it one whole plan.
          skipSpace();
          if (at >= text.length) return;
          if (phase === 'object-end' && text[at] === '}' && !fenced) {
            at++;
            phase = 'end';
          } else {
            phase = 'trailing';
          }
          break;
        }
        default:
          return;
      }
    }
  };

  return {
    push(piece: string): unknown[] {
      if (tooLarge) return [];
      bytes += Buffer.byteLength(piece);
      // A surrogate pair split between two pieces is 4 bytes, not two lone 3-byte halves.
      if (highSurrogateLast && isLowSurrogate(piece.charCodeAt(0))) bytes -= 2;
      if (piece.length > 0) highSurrogateLast = isHighSurrogate(piece.charCodeAt(piece.length - 1));
      if (bytes > maxBytes) {
        tooLarge = replyTooLarge(`more than ${maxBytes}`, maxBytes);
        phase = 'stopped';
        return [];
      }
      if (phase === 'stopped' || phase === 'trailing') return [];
      text = text.slice(at) + piece;
      at = 0;
      if (phase === 'step') stepStart = 0;
      const out: unknown[] = [];
      scan(out);
      if (phase === 'step') {
        // Keep the step's text as pieces, joined once it closes: a long step costs its length once.
        stepParts.push(text.slice(stepStart));
        text = '';
        at = 0;
      }
      return out;
    },
    get reading() {
      return phase !== 'stopped' && phase !== 'trailing' && phase !== 'object-end' && phase !== 'end';
    },
    get whole() {
      return phase === 'end';
    },
    get tooLarge() {
      return tooLarge;
    },
  };
}

/** How far into a step's JSON the scan is. */
interface StepScan {
  depth: number;
  inString: boolean;
  escaped: boolean;
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/** Scans a step's JSON from `from`: the index just after the bracket that closes it, or -1 when the text ends first. */
function scanStep(text: string, from: number, scan: StepScan): number {
  // Locals in the loop, written back once: this is the one place that looks at every character.
  let { depth, inString, escaped } = scan;
  let at = from;
  const length = text.length;
  let end = -1;
  for (; at < length; at++) {
    const code = text.charCodeAt(at);
    if (inString) {
      if (escaped) escaped = false;
      else if (code === BACKSLASH) escaped = true;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth++;
    } else if ((code === CLOSE_BRACE || code === CLOSE_BRACKET) && --depth === 0) {
      end = at + 1;
      break;
    }
  }
  scan.depth = depth;
  scan.inString = inString;
  scan.escaped = escaped;
  return end;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
