// The JUnit XML of pipeline tests is well-formed whatever the names and messages hold (markup,
// quotes, control characters, lone surrogates), checked with a strict XML reader that can fail.

import { describe, expect, it } from 'vitest';
import { renderJunitReport, type JunitCase } from '../../src/report/junit-report.ts';
import { parseXml, type XmlElement } from '../support/parse-xml.ts';

const hostile = `a <b> & "c" 'd' ]]> \x1b[2J \x00 \r\n\ttab \ud800 😀 \ufffe`;

function testcase(overrides: Partial<JunitCase>): JunitCase {
  return { pipeline: 'p', file: 'pipelines/p.yaml', name: 't', line: 3, passed: true, problems: [], durationMs: 1500, ...overrides };
}

function all(root: XmlElement, name: string): XmlElement[] {
  return [...(root.name === name ? [root] : []), ...root.children.flatMap((c) => all(c, name))];
}

describe('renderJunitReport', () => {
  it('groups cases by pipeline into testsuites with counts, and a failed case has a <failure>', () => {
    const xml = renderJunitReport([
      testcase({ name: 'one' }),
      testcase({ name: 'two', passed: false, problems: ['the result does not contain "x"', 'the run made 3 model calls, expected at most 2'] }),
      testcase({ pipeline: 'q', file: 'pipelines/q.yaml', name: 'three', passed: false, problems: ['stale recording: …'], detail: 'replay: no recorded answer' }),
    ]);
    const root = parseXml(xml);
    expect(root.attributes).toMatchObject({ name: 'planexec test', tests: '3', failures: '2', errors: '0', time: '4.500' });
    expect(all(root, 'testsuite').map((s) => [s.attributes.name, s.attributes.tests, s.attributes.failures])).toEqual([['p', '2', '1'], ['q', '1', '1']]);
    const failures = all(root, 'failure');
    expect(failures.map((f) => f.attributes.type)).toEqual(['expectation', 'stale-recording']);
    expect(failures[0]!.attributes.message).toBe('the result does not contain "x"');
    expect(failures[0]!.text).toBe('the result does not contain "x"\nthe run made 3 model calls, expected at most 2');
    expect(failures[1]!.text).toBe('stale recording: …\n\nreplay: no recorded answer');
  });

  it('escapes markup and quotes, keeps newlines and tabs in attributes, writes what XML cannot hold as \\x escapes', () => {
    const xml = renderJunitReport([testcase({ name: hostile, pipeline: hostile, passed: false, problems: [hostile] })]);
    const root = parseXml(xml);
    const shown = `a <b> & "c" 'd' ]]> \\x1b[2J \\x00 \r\n\ttab \\ud800 😀 \\ufffe`;
    const [testcaseElement] = all(root, 'testcase');
    expect(testcaseElement!.attributes.name).toBe(shown);
    expect(testcaseElement!.attributes.classname).toBe(shown);
    expect(all(root, 'failure')[0]!.attributes.message).toBe(shown);
    expect(all(root, 'failure')[0]!.text).toBe(shown);
  });
});

describe('the strict XML reader (so the checks above can fail)', () => {
  it.each([
    ['a raw &', '<a>x & y</a>'],
    ['a raw < in an attribute', '<a b="<"/>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['a control character', '<a>\x1b</a>'],
    ['a reference to a control character', '<a>&#27;</a>'],
    ['mismatched tags', '<a><b></a></b>'],
    ['an unclosed element', '<a><b/>'],
    ['an unquoted attribute', '<a b=c/>'],
    ['a repeated attribute', '<a b="1" b="2"/>'],
    ['two roots', '<a/><b/>'],
    [']]> in text', '<a>]]></a>'],
  ])('rejects %s', (_, xml) => {
    expect(() => parseXml(xml)).toThrow();
  });

  it('reads references and nested elements', () => {
    expect(parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a x="&quot;&#10;&apos;"><b>&lt;&amp;&gt;&#x1F600;</b></a>\n')).toEqual({
      name: 'a',
      attributes: { x: `"\n'` },
      children: [{ name: 'b', attributes: {}, children: [], text: '<&>😀' }],
      text: '',
    });
  });
});
