// Read a plan while the model is still writing it: fed the reply piece by piece, hand out each step
// of `{"steps": [...]}` once its JSON object has closed. Deliberately narrow: a reply that does not
// start like a plan (prose, another first key, a step that is not an object or not JSON) stops the
// reading, and the whole reply is then left to the compiler once it has ended. A step whole in the
// text at hand is matched at once, one still arriving is scanned as its pieces come (each character
// at most twice), and each step is parsed once, whatever the pieces: reading is linear in the reply's
// length. Steps found are parsed when taken, all those found since together (as one JSON array).

import { replyTooLarge } from './check-plan-input.ts';
import type { PlanProblem } from './plan-types.ts';

export interface StreamedStepReader {
  /** Feed the next piece of the reply; returns how many steps it completed. */
  push(text: string): number;
  /**
   * The steps completed since the last call, parsed, in plan order. A step that is not JSON ends the
   * reading: the steps before it are returned, and none after.
   */
  take(): readonly unknown[];
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

const Phase = {
  Start: 0,
  Fence: 1,
  Key: 2,
  Colon: 3,
  Array: 4,
  FirstStep: 5,
  AfterStep: 6,
  NextStep: 7,
  Step: 8,
  // From here on no more steps are read.
  ObjectEnd: 9,
  End: 10,
  Stopped: 11,
  Trailing: 12,
} as const;
type Phase = (typeof Phase)[keyof typeof Phase];

const STEPS_KEY = '"steps"';
const FENCE = '```';
const NONE: readonly unknown[] = Object.freeze([]);

/** `maxBytes`: past this length (UTF-8) the reader stops and says so in `tooLarge`. */
export function createStreamedStepReader(maxBytes: number = Number.POSITIVE_INFINITY): StreamedStepReader {
  return new StepReader(maxBytes);
}

// A class, not closures: no call site's inline cache keeps a finished reader (its last pieces) alive.
class StepReader implements StreamedStepReader {
  readonly #maxBytes: number;
  #bytes = 0;
  #highSurrogateLast = false;
  #phase: Phase = Phase.Start;
  #fenced = false;
  #tooLarge: PlanProblem | undefined;
  // The text being scanned: what is left of earlier pieces (at most a few characters) and the piece just fed.
  #text = '';
  #at = 0;
  // Inside a step: the pieces it spans so far, and where the scan is (escapes may split across pieces).
  readonly #stepParts: string[] = [];
  #stepStart = 0;
  readonly #step: StepScan = { depth: 0, inString: false, escaped: false };
  // Steps found and not yet taken, as their JSON text.
  #found: string[] = [];
  #completed = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  push(piece: string): number {
    if (this.#tooLarge) return 0;
    this.#bytes += Buffer.byteLength(piece);
    // A surrogate pair split between two pieces is 4 bytes, not two lone 3-byte halves.
    if (this.#highSurrogateLast && isLowSurrogate(piece.charCodeAt(0))) this.#bytes -= 2;
    if (piece.length > 0) this.#highSurrogateLast = isHighSurrogate(piece.charCodeAt(piece.length - 1));
    if (this.#bytes > this.#maxBytes) {
      this.#tooLarge = replyTooLarge(`more than ${this.#maxBytes}`, this.#maxBytes);
      this.#phase = Phase.Stopped;
      return 0;
    }
    if (this.#phase === Phase.Stopped || this.#phase === Phase.Trailing) return 0;
    this.#text = this.#at < this.#text.length ? this.#text.slice(this.#at) + piece : piece;
    this.#at = 0;
    this.#stepStart = 0;
    this.#completed = 0;
    this.#scan();
    if (this.#phase === Phase.Step) {
      // Keep the step's text as pieces, joined once it closes: a long step costs its length once.
      this.#stepParts.push(this.#stepStart === 0 ? this.#text : this.#text.slice(this.#stepStart));
      this.#text = '';
      this.#at = 0;
    }
    return this.#completed;
  }

  take(): readonly unknown[] {
    if (this.#found.length === 0) return NONE;
    const sources = this.#found;
    this.#found = [];
    try {
      // One parse for the lot: steps found together (a burst of the reply) cost what the whole plan's parse would.
      return sources.length === 1 ? [JSON.parse(sources[0]!)] : (JSON.parse(`[${sources.join(',')}]`) as unknown[]);
    } catch {
      this.#phase = Phase.Stopped;
      const steps: unknown[] = [];
      for (const source of sources) {
        try {
          steps.push(JSON.parse(source));
        } catch {
          break;
        }
      }
      return steps;
    }
  }

  get reading(): boolean {
    return this.#phase < Phase.ObjectEnd;
  }

  get whole(): boolean {
    return this.#phase === Phase.End;
  }

  get tooLarge(): PlanProblem | undefined {
    return this.#tooLarge;
  }

  #skipSpace(): void {
    const text = this.#text;
    let at = this.#at;
    while (at < text.length && isSpace(text.charCodeAt(at))) at++;
    this.#at = at;
  }

  /** The step from `stepStart` to `end` is complete. */
  #stepRead(end: number): void {
    let source = this.#text.slice(this.#stepStart, end);
    if (this.#stepParts.length > 0) {
      this.#stepParts.push(source);
      source = this.#stepParts.join('');
      this.#stepParts.length = 0;
    }
    this.#found.push(source);
    this.#completed++;
    this.#at = end;
    this.#phase = Phase.AfterStep;
  }

  /** Scans as far as the text allows, collecting each completed step in `found`. */
  #scan(): void {
    const text = this.#text;
    for (;;) {
      switch (this.#phase) {
        case Phase.Start: {
          this.#skipSpace();
          if (this.#at >= text.length) return;
          const code = text.charCodeAt(this.#at);
          if (code === OPEN_BRACE) {
            this.#at++;
            this.#phase = Phase.Key;
          } else if (!this.#fenced && code === BACKTICK) {
            const rest = text.slice(this.#at, this.#at + FENCE.length);
            if (rest.length < FENCE.length) return;
            if (rest !== FENCE) return void (this.#phase = Phase.Stopped);
            this.#phase = Phase.Fence;
          } else {
            return void (this.#phase = Phase.Stopped);
          }
          break;
        }
        case Phase.Fence: {
          // ```json (or any info string) up to the end of its line.
          const newline = text.indexOf('\n', this.#at);
          if (newline === -1) return void (this.#at = text.length);
          this.#at = newline + 1;
          this.#fenced = true;
          this.#phase = Phase.Start;
          break;
        }
        case Phase.Key: {
          this.#skipSpace();
          const rest = text.slice(this.#at, this.#at + STEPS_KEY.length);
          if (!STEPS_KEY.startsWith(rest)) return void (this.#phase = Phase.Stopped);
          if (rest.length < STEPS_KEY.length) return;
          this.#at += STEPS_KEY.length;
          this.#phase = Phase.Colon;
          break;
        }
        case Phase.Colon:
        case Phase.Array: {
          this.#skipSpace();
          if (this.#at >= text.length) return;
          const expected = this.#phase === Phase.Colon ? COLON : OPEN_BRACKET;
          if (text.charCodeAt(this.#at) !== expected) return void (this.#phase = Phase.Stopped);
          this.#at++;
          this.#phase = this.#phase === Phase.Colon ? Phase.Array : Phase.FirstStep;
          break;
        }
        case Phase.AfterStep: {
          this.#skipSpace();
          if (this.#at >= text.length) return;
          const code = text.charCodeAt(this.#at++);
          this.#phase = code === COMMA ? Phase.NextStep : code === CLOSE_BRACKET ? Phase.ObjectEnd : Phase.Stopped;
          break;
        }
        case Phase.FirstStep:
        case Phase.NextStep: {
          this.#skipSpace();
          if (this.#at >= text.length) return;
          const code = text.charCodeAt(this.#at);
          if (code === CLOSE_BRACKET && this.#phase === Phase.FirstStep) {
            this.#at++;
            this.#phase = Phase.ObjectEnd;
            break;
          }
          if (code !== OPEN_BRACE) return void (this.#phase = Phase.Stopped);
          this.#stepStart = this.#at;
          // Most steps arrive whole in the text at hand: matched at once, else scanned as they come.
          wholeStep.lastIndex = this.#at;
          if (wholeStep.test(text)) {
            this.#stepRead(wholeStep.lastIndex);
            break;
          }
          this.#step.depth = 0;
          this.#step.inString = false;
          this.#step.escaped = false;
          this.#phase = Phase.Step;
          break;
        }
        case Phase.Step: {
          const end = scanStep(text, this.#at, this.#step);
          if (end === -1) return void (this.#at = text.length);
          this.#stepRead(end);
          break;
        }
        case Phase.ObjectEnd:
        case Phase.End: {
          // After the steps: the plan's closing brace, then nothing but whitespace makes it one whole plan.
          this.#skipSpace();
          if (this.#at >= text.length) return;
          if (this.#phase === Phase.ObjectEnd && text.charCodeAt(this.#at) === CLOSE_BRACE && !this.#fenced) {
            this.#at++;
            this.#phase = Phase.End;
          } else {
            this.#phase = Phase.Trailing;
          }
          break;
        }
        default:
          return;
      }
    }
  }
}

/** How far into a step's JSON the scan is. */
interface StepScan {
  depth: number;
  inString: boolean;
  escaped: boolean;
}

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const BACKTICK = 96;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

const isSpace = (code: number) => code === 32 || code === 10 || code === 13 || code === 9;

/**
 * A step object, complete, nesting at most four levels (brackets of either kind, as scanStep counts
 * them): one native match instead of a loop over its characters. Deeper or unfinished, it fails.
 */
const wholeStep = (() => {
  const string = '"[^"\\\\]*(?:\\\\.[^"\\\\]*)*"';
  // One character at a time: `[^…]+` inside the repetition could split a run many ways when a step is unfinished.
  const plain = '[^"{}\\[\\]]';
  let nested = `[{\\[](?:${plain}|${string})*[}\\]]`;
  for (let level = 1; level < 4; level++) nested = `[{\\[](?:${plain}|${string}|${nested})*[}\\]]`;
  return new RegExp(nested, 'y');
})();

/** Scans a step's JSON from `from`: the index just after the bracket that closes it, or -1 when the text ends first. */
function scanStep(text: string, from: number, scan: StepScan): number {
  // Locals in the loop, written back once.
  let { depth, inString, escaped } = scan;
  let at = from;
  let end = -1;
  for (; at < text.length; at++) {
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
