// An http tool's request, rendered from its templates with the step's arguments as data: values are
// percent-encoded in the url, added as encoded query parameters, checked for line breaks in headers,
// and placed as JSON values in a JSON body. Nothing a step passes is ever compiled as a template.

import { namesUnder, scanTemplate } from '../../../prompt/template-check.ts';
import { compileTemplate } from '../../../prompt/template-engine.ts';
import { argumentsAsText, argumentText, wholeArgumentPattern } from '../../argument-text.ts';
import { ToolError } from '../../tool-call.ts';
import type { HttpMethod, HttpTool } from './http-tool.ts';
import { dotSegmentProblem, segmentValueProblem, wholeSegmentArguments } from './url-path-segments.ts';

export interface HttpRequest {
  readonly method: HttpMethod;
  readonly url: URL;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Values of secrets and environment variables the headers carry, to be redacted from what comes back. */
  readonly secrets: readonly string[];
  /** Lower-case names of the headers whose value comes from a secret or an environment variable: dropped on a redirect to another origin. */
  readonly secretHeaders: readonly string[];
}

type Args = Readonly<Record<string, unknown>>;

export function renderHttpRequest(tool: HttpTool, args: Args, env: NodeJS.ProcessEnv): HttpRequest {
  const url = renderUrl(tool, args);
  for (const [name, template] of Object.entries(tool.query ?? {})) {
    for (const value of renderQueryValues(tool, name, template, args)) url.searchParams.append(name, value);
  }

  const headers: Record<string, string> = {};
  const secrets: string[] = [];
  const secretHeaders: string[] = [];
  for (const [name, template] of Object.entries(tool.headers ?? {})) {
    const fromEnv = envFor(tool, name, template, env, 'env');
    const fromSecrets = envFor(tool, name, template, env, 'secrets');
    secrets.push(...Object.values(fromEnv), ...Object.values(fromSecrets));
    const value = compileTemplate(template, `tool "${tool.name}" headers.${name}`)({ args: argumentsAsText(args), env: fromEnv, secrets: fromSecrets });
    if (/[\r\n\0]/.test(value)) throw new ToolError(`header "${name}" would contain a line break or NUL byte; refusing to send it`);
    headers[name.toLowerCase()] = value;
    // Named by the template, whatever its value: an empty secret is still a credential for this origin only.
    if (Object.keys(fromEnv).length > 0 || Object.keys(fromSecrets).length > 0) secretHeaders.push(name.toLowerCase());
  }
  headers['user-agent'] ??= 'planexec';
  if (tool.output === 'json') headers.accept ??= 'application/json';

  if (tool.body === undefined) return { method: tool.method, url, headers, secrets, secretHeaders };
  if (typeof tool.body === 'string') {
    headers['content-type'] ??= 'text/plain; charset=utf-8';
    return { method: tool.method, url, headers, body: compileTemplate(tool.body, `tool "${tool.name}" body`)({ args: argumentsAsText(args) }), secrets, secretHeaders };
  }
  headers['content-type'] ??= 'application/json';
  return { method: tool.method, url, headers, body: JSON.stringify(renderJsonBody(tool, tool.body, args, 'body')), secrets, secretHeaders };
}

/** The url template rendered with the arguments, each value percent-encoded, before it is parsed as a URL. */
function renderUrlText(tool: HttpTool, args: Args): string {
  return compileTemplate(tool.url, `tool "${tool.name}" url`)({ args: argumentsAsText(args, encodeURIComponent) });
}

/**
 * Why these arguments would change the shape of the url's path (remove a segment with `.`, `..` or an
 * empty value), or undefined. `unknown` tells a value not filled in yet (the compiler's `${steps.…}`
 * references): it is judged later, by the runner, which passes none.
 */
export function urlPathProblem(tool: HttpTool, args: Args, unknown: (text: string) => boolean = () => false): string | undefined {
  const problem = wholeSegmentProblem(tool, args, unknown);
  if (problem !== undefined || Object.values(args).some((value) => unknown(argumentText(value)))) return problem;
  let text: string;
  try {
    text = renderUrlText(tool, args);
  } catch {
    // A url that cannot be rendered from these arguments fails the step with its own message.
    return undefined;
  }
  return dotSegmentProblem(text);
}

function wholeSegmentProblem(tool: HttpTool, args: Args, unknown: (text: string) => boolean): string | undefined {
  for (const name of wholeSegmentArguments(tool.url)) {
    const text = Object.hasOwn(args, name) ? argumentText(args[name]) : undefined;
    if (text !== undefined && unknown(text)) continue;
    const problem = segmentValueProblem(name, text);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function renderUrl(tool: HttpTool, args: Args): URL {
  // Each value is percent-encoded, so an argument can fill a path segment or a query value but never
  // add a segment, a parameter or a different host; nor may it remove one (url-path-segments.ts).
  const text = renderUrlText(tool, args);
  const problem = wholeSegmentProblem(tool, args, () => false) ?? dotSegmentProblem(text);
  if (problem !== undefined) throw new ToolError(`refused: ${problem}`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ToolError(`the url ${JSON.stringify(text.slice(0, 200))} is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ToolError(`the url ${url.href} is not http or https`);
  return url;
}

/** A value that is exactly `{{args.x}}` is left out when x is not given, and repeated when x is a list. */
function renderQueryValues(tool: HttpTool, name: string, template: string, args: Args): string[] {
  const whole = wholeArgumentPattern.exec(template);
  if (whole) {
    if (!Object.hasOwn(args, whole[1]!)) return [];
    const value = args[whole[1]!];
    return (Array.isArray(value) ? value : [value]).map(argumentText);
  }
  const value = compileTemplate(template, `tool "${tool.name}" query.${name}`)({ args: argumentsAsText(args) });
  return value === '' ? [] : [value];
}

const omit = Symbol('omit');

function renderJsonBody(tool: HttpTool, template: unknown, args: Args, where: string): unknown {
  if (typeof template === 'string') {
    const whole = wholeArgumentPattern.exec(template);
    if (whole) return Object.hasOwn(args, whole[1]!) ? args[whole[1]!] : omit;
    return compileTemplate(template, `tool "${tool.name}" ${where}`)({ args: argumentsAsText(args) });
  }
  if (Array.isArray(template)) return template.map((item, i) => renderJsonBody(tool, item, args, `${where}[${i}]`)).map((item) => (item === omit ? null : item));
  if (template !== null && typeof template === 'object') {
    const entries = Object.entries(template).map(([key, item]) => [key, renderJsonBody(tool, item, args, `${where}.${key}`)] as const);
    return Object.fromEntries(entries.filter(([, item]) => item !== omit));
  }
  return template;
}

const envNamesCache = new Map<string, readonly string[]>();

/**
 * Only the variables this header's template names under `root` (`{{env.X}}` or `{{secrets.X}}`, both
 * read from the environment), so nothing else of the environment is in reach.
 */
function envFor(tool: HttpTool, header: string, template: string, env: NodeJS.ProcessEnv, root: 'env' | 'secrets'): Record<string, string> {
  const key = `${root}\0${template}`;
  let names = envNamesCache.get(key);
  if (names === undefined) {
    names = namesUnder(scanTemplate(template), root);
    envNamesCache.set(key, names);
  }
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = env[name];
    const what = root === 'env' ? 'environment variable' : 'secret';
    if (value === undefined) throw new ToolError(`header "${header}" of tool "${tool.name}" uses the ${what} ${name}, which is not set`);
    picked[name] = value;
  }
  return picked;
}
