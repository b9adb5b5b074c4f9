// summarize_csv for pipelines/csv-report.yaml: group the rows of a CSV text by one column and add up
// numeric columns. A small, strict parser (quoted fields, "" escapes); rows come out sorted by the
// first summed column, largest first, so the same data always gives the same JSON.

/**
 * @param {{ csv: string, groupBy: string, sum: string[] }} args
 * @returns {{ groupBy: string, rows: number, groups: Record<string, string | number>[], totals: Record<string, number> }}
 */
export function summarizeCsv(args) {
  const [header, ...records] = parseCsv(args.csv).filter((row) => row.some((cell) => cell !== ''));
  if (header === undefined) throw new Error('the CSV is empty');
  const column = (name) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`the CSV has no column "${name}" (columns: ${header.join(', ')})`);
    return index;
  };
  const key = column(args.groupBy);
  const summed = args.sum.map((name) => ({ name, index: column(name) }));
  /** @type {Map<string, Record<string, string | number>>} */
  const groups = new Map();
  const totals = Object.fromEntries(summed.map(({ name }) => [name, 0]));
  records.forEach((record, i) => {
    const group = groups.get(record[key]) ?? { [args.groupBy]: record[key], rows: 0, ...Object.fromEntries(summed.map(({ name }) => [name, 0])) };
    group.rows = Number(group.rows) + 1;
    for (const { name, index } of summed) {
      const value = Number(record[index]);
      if (!Number.isFinite(value)) throw new Error(`row ${i + 2}: "${name}" is not a number: ${JSON.stringify(record[index])}`);
      group[name] = round(Number(group[name]) + value);
      totals[name] = round(totals[name] + value);
    }
    groups.set(record[key], group);
  });
  const first = summed[0]?.name;
  const sorted = [...groups.values()].sort((a, b) => (first ? Number(b[first]) - Number(a[first]) : 0) || String(a[args.groupBy]).localeCompare(String(b[args.groupBy])));
  return { groupBy: args.groupBy, rows: records.length, groups: sorted, totals };
}

/** @param {number} n */
function round(n) {
  return Math.round(n * 100) / 100;
}

/** @param {string} text @returns {string[][]} */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell), rows.push(row), (row = []), (cell = '');
    } else cell += c;
  }
  if (quoted) throw new Error('the CSV ends inside a quoted field');
  if (cell !== '' || row.length > 0) row.push(cell), rows.push(row);
  return rows;
}
