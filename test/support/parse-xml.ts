// A strict XML 1.0 reader for checking the JUnit planexec writes: it throws on anything not
// well-formed (a raw & or <, a character XML cannot hold, unbalanced or mismatched tags, a repeated or
// unquoted attribute, a second root) and returns the element tree with references resolved.
// No DTDs, CDATA or processing instructions beyond the XML declaration: planexec writes none.

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text (not its children's), references resolved. */
  readonly text: string;
}

const NAME = /[A-Za-z_:][A-Za-z0-9_:.-]*/y;
const SPACE = /[ \t\r\n]*/y;

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

export function parseXml(xml: string): XmlElement {
  for (const char of xml) {
    const code = char.codePointAt(0)!;
    if (!isXmlChar(code)) throw new Error(`character U+${code.toString(16).padStart(4, '0')} is not allowed in XML`);
  }
  let at = 0;
  const fail = (why: string): never => {
    const line = xml.slice(0, at).split('\n').length;
    throw new Error(`${why} (line ${line}, offset ${at})`);
  };
  const skipSpace = () => {
    SPACE.lastIndex = at;
    SPACE.exec(xml);
    at = SPACE.lastIndex;
  };
  const readName = (): string => {
    NAME.lastIndex = at;
    const match = NAME.exec(xml);
    if (!match) return fail('expected a name');
    at = NAME.lastIndex;
    return match[0];
  };
  const resolve = (raw: string, inAttribute: boolean): string => {
    if (inAttribute && raw.includes('<')) fail('a raw < in an attribute value');
    if (!inAttribute && raw.includes(']]>')) fail(']]> in text');
    return raw.replace(/&([^;&<]*);?/g, (whole, ref: string) => {
      if (!whole.endsWith(';')) fail(`a raw & not starting a reference: ${JSON.stringify(whole)}`);
      const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
      if (ref in named) return named[ref]!;
      const numeric = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(ref);
      if (!numeric) return fail(`an unknown reference &${ref};`);
      const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2]!, 10);
      if (!isXmlChar(code)) fail(`a reference to a character XML cannot hold: &${ref};`);
      return String.fromCodePoint(code);
    });
  };
  const readElement = (): XmlElement => {
    if (xml[at] !== '<') fail('expected <');
    at++;
    const name = readName();
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = at;
      skipSpace();
      if (xml.startsWith('/>', at)) {
        at += 2;
        return { name, attributes, children: [], text: '' };
      }
      if (xml[at] === '>') {
        at++;
        break;
      }
      if (at === before) fail('expected white space before an attribute');
      const attribute = readName();
      skipSpace();
      if (xml[at] !== '=') fail(`attribute ${attribute} has no =`);
      at++;
      skipSpace();
      const quote = xml[at];
      if (quote !== '"' && quote !== "'") fail(`attribute ${attribute} is not quoted`);
      const end = xml.indexOf(quote!, at + 1);
      if (end < 0) fail(`attribute ${attribute} never closes`);
      if (Object.hasOwn(attributes, attribute)) fail(`attribute ${attribute} is repeated`);
      attributes[attribute] = resolve(xml.slice(at + 1, end), true);
      at = end + 1;
    }
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      const next = xml.indexOf('<', at);
      if (next < 0) fail(`<${name}> never closes`);
      text += resolve(xml.slice(at, next), false);
      at = next;
      if (xml.startsWith('</', at)) {
        at += 2;
        const closing = readName();
        if (closing !== name) fail(`</${closing}> closes <${name}>`);
        skipSpace();
        if (xml[at] !== '>') fail('expected >');
        at++;
        return { name, attributes, children, text };
      }
      if (xml.startsWith('<!--', at)) {
        const end = xml.indexOf('-->', at);
        if (end < 0) fail('a comment never closes');
        at = end + 3;
        continue;
      }
      if (xml.startsWith('<!', at) || xml.startsWith('<?', at)) fail('unsupported markup');
      children.push(readElement());
    }
  };

  const declaration = /^<\?xml version="1\.0"( encoding="UTF-8")?\?>/.exec(xml);
  if (declaration) at = declaration[0].length;
  skipSpace();
  const root = readElement();
  skipSpace();
  if (at !== xml.length) fail('content after the root element');
  return root;
}
