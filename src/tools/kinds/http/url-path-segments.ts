// An argument in an http tool's url fills part of its path but must not change the path's shape: it
// cannot add a segment (values are percent-encoded, so a `/` stays inside one) and must not remove one
// either, as a `.` or `..` segment does when the URL is resolved (`/repos/{{owner}}/{{repo}}` with
// `..` and `user` becomes `/user`) or an empty segment does on a server that merges `//`.

import { quoteName } from '../../argument-text.ts';

/** The path part of a url: after `scheme://authority`, before `?` or `#`; undefined when it has no authority. */
function pathOf(url: string): string | undefined {
  const match = /^[A-Za-z][A-Za-z0-9+.-]*:[/\\]{2}[^/\\?#]*([^?#]*)/.exec(url);
  return match?.[1];
}

/**
 * Whether a segment as written in a url is `.` or `..` once percent-decoded, the way a URL parser
 * (`%2e`) or a server that decodes twice (`%252e`) reads it.
 */
export function isDotSegment(segment: string): boolean {
  // Only dots and percent-escapes of dots (%2e, %252e…) can spell one: most segments are ruled out at once.
  if (segment === '' || !/^[.%25eE]+$/.test(segment)) return false;
  let text = segment;
  for (let round = 0; round < 4; round++) {
    const decoded = text.replace(/%25/g, '%').replace(/%2e/gi, '.');
    if (decoded === text) break;
    text = decoded;
  }
  return text === '.' || text === '..';
}

/**
 * Why the rendered url's path is not the shape its template gives it, or undefined when it is:
 * a `.` or `..` segment (URL parsers treat `\` as `/` in http urls, so it separates segments too).
 */
export function dotSegmentProblem(renderedUrl: string): string | undefined {
  const path = pathOf(renderedUrl);
  if (path === undefined) return undefined;
  const segments = path.split(/[/\\]/).slice(1);
  const index = segments.findIndex(isDotSegment);
  if (index === -1) return undefined;
  const shown = path.length > 200 ? `${path.slice(0, 200)}…` : path;
  return `the url path ${shown} would have ${JSON.stringify(segments[index])} as segment ${index + 1}, which removes a segment when the URL is resolved; a value in the url may not be ".", ".." or empty, in any encoding (%2e)`;
}

const wholeSegmentCache = new Map<string, readonly string[]>();

/**
 * Names of the arguments whose placeholder `{{args.x}}` is a whole segment of the url template's path
 * (between two `/`, or a `/` and the end of the path): an empty value there removes a segment.
 */
export function wholeSegmentArguments(urlTemplate: string): readonly string[] {
  let names = wholeSegmentCache.get(urlTemplate);
  if (names === undefined) {
    const path = templatePathOf(urlTemplate);
    names = path === undefined ? [] : [...path.matchAll(/(?<=\/)\{\{\s*args\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}(?=\/|$)/g)].map((match) => match[1]!);
    wholeSegmentCache.set(urlTemplate, names);
  }
  return names;
}

/** Why the value of a whole-segment argument would remove its segment, or undefined when it does not. */
export function segmentValueProblem(name: string, text: string | undefined): string | undefined {
  if (text === undefined) return `argument ${quoteName(name)} is not given, but it is a whole segment of the url path, which would lose that segment`;
  if (text === '') return `argument ${quoteName(name)} is empty, but it is a whole segment of the url path, which would lose that segment`;
  if (isDotSegment(text)) return `argument ${quoteName(name)} is ${JSON.stringify(text.slice(0, 20))}, a dot segment that would remove a segment of the url path; a value in the url may not be ".", ".." or empty, in any encoding (%2e)`;
  return undefined;
}

/** The path part of a url template, skipping `{{…}}` so a placeholder's text is not read as a separator. */
function templatePathOf(template: string): string | undefined {
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(template);
  if (scheme === null) return undefined;
  let start: number | undefined;
  let depth = 0;
  for (let i = scheme[0].length; i < template.length; i++) {
    if (template.startsWith('{{', i)) {
      depth++;
      i++;
    } else if (template.startsWith('}}', i) && depth > 0) {
      depth--;
      i++;
    } else if (depth === 0) {
      const char = template[i]!;
      if (start === undefined && char === '/') start = i;
      else if (char === '?' || char === '#') return start === undefined ? '' : template.slice(start, i);
    }
  }
  return start === undefined ? '' : template.slice(start);
}

/** Dot segments the pipeline author wrote into the url template's path itself (a load error: write the path meant). */
export function literalDotSegment(urlTemplate: string): string | undefined {
  const path = templatePathOf(urlTemplate);
  if (path === undefined) return undefined;
  return path.split('/').find((segment) => !segment.includes('{{') && isDotSegment(segment));
}
