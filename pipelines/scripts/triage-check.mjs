// check_triage for pipelines/issue-triage.yaml: the model's triage answer is text; this turns it into
// checked JSON. It must be one JSON object with labels from the allowed list, a known priority and a
// reply, or the step fails with a message that says exactly what is wrong (and the run replans).

const PRIORITIES = ['p0', 'p1', 'p2', 'p3'];

/**
 * @param {{ answer: string, allowed: string[] }} args
 * @returns {{ labels: string[], priority: string, reply: string }}
 */
export function checkTriage(args) {
  const text = args.answer.trim().replace(/^```(?:json)?\s*|\s*```$/g, '');
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`the triage answer is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('the triage answer must be a JSON object');
  const { labels, priority, reply } = value;
  const problems = [];
  if (!Array.isArray(labels) || labels.length === 0) problems.push('"labels" must be a non-empty list');
  else {
    const unknown = labels.filter((label) => !args.allowed.includes(label));
    if (unknown.length > 0) problems.push(`unknown labels ${unknown.map((l) => JSON.stringify(l)).join(', ')} (allowed: ${args.allowed.join(', ')})`);
  }
  if (!PRIORITIES.includes(priority)) problems.push(`"priority" must be one of ${PRIORITIES.join(', ')}`);
  if (typeof reply !== 'string' || reply.trim() === '') problems.push('"reply" must be the text of a reply');
  if (problems.length > 0) throw new Error(`the triage answer is not usable: ${problems.join('; ')}`);
  return { labels: [...labels].sort(), priority, reply: reply.trim() };
}
