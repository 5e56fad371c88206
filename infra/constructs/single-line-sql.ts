/**
 * SQL on one line, comments removed: the form a Step Functions intrinsic (States.Format) carries safely.
 * A `--` inside a quoted string is kept; braces other than {{placeholders}} are refused, as States.Format
 * reads them as slots.
 */
export function singleLineSql(sql: string): string {
  const lines = sql.split('\n').map(withoutComment);
  const text = lines.join(' ').replaceAll(/\s+/g, ' ').trim();
  const stray = text.replaceAll(/\{\{\w+\}\}/g, '').match(/[{}]/);
  if (stray) throw new Error(`SQL for States.Format holds a literal "${stray[0]}": ${text.slice(0, 80)}…`);
  return text;
}

function withoutComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === "'") quoted = !quoted;
    else if (!quoted && line.startsWith('--', i)) return line.slice(0, i);
  }
  return line;
}
