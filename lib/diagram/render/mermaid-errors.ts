/** Turns mermaid.js's errors into a {@link DiagramSyntaxError} naming the diagram, the line and the fault. */
import { DiagramSyntaxError } from './errors.ts';
import { FlowchartSubsetError, prepareFlowchart } from './flowchart-subset.ts';

/**
 * mermaid.js says `Parse error on line N` with its grammar's token names; for a fault at the end of
 * the text (an unclosed bracket, label or subgraph) N is past the last line, and some faults (a
 * `linkStyle` index beyond the last edge) come as a bare TypeError. The subset reader explains those
 * better, so its finding wins when mermaid names no usable line or the same line.
 */
export function explainMermaidError(diagram: string, text: string, error: unknown): DiagramSyntaxError {
  const message = cleanMessage(error instanceof Error ? error.message : String(error));
  const lines = text.split(/\r?\n/);
  const lastLine = lastNonEmptyLine(lines);
  const subset = subsetFinding(text);

  const parse = /Parse error on line (\d+):[\s\S]*?\n(Expecting [^\n]*|Unrecognized text[^\n]*)/.exec(
    message,
  );
  const reported = parse ? Number(parse[1]) : /No diagram type detected/.test(message) ? 1 : undefined;
  const usable = reported !== undefined && reported <= lastLine ? reported : undefined;

  if (subset && (usable === undefined || subset.line === usable)) {
    return new DiagramSyntaxError(diagram, subset.line, subset.detail, subset.source);
  }
  if (usable !== undefined) {
    const detail = parse?.[2] ? `mermaid cannot parse it: ${shorten(parse[2])}` : shorten(firstLine(message));
    return new DiagramSyntaxError(diagram, usable, detail, (lines[usable - 1] ?? '').trim());
  }
  if (parse) {
    return new DiagramSyntaxError(
      diagram,
      lastLine,
      `the diagram ends in the middle of a statement (an unclosed bracket, quote, label or subgraph?); mermaid: ${shorten(parse[2] ?? '')}`,
      (lines[lastLine - 1] ?? '').trim(),
    );
  }
  return new DiagramSyntaxError(diagram, undefined, `mermaid failed: ${shorten(firstLine(message))}`);
}

function subsetFinding(text: string): FlowchartSubsetError | undefined {
  try {
    prepareFlowchart(text);
    return undefined;
  } catch (error) {
    if (error instanceof FlowchartSubsetError) return error;
    throw error;
  }
}

/** Drops the stack frames puppeteer appends to errors thrown in the page. */
function cleanMessage(message: string): string {
  return message
    .split('\n')
    .filter((line) => !/mermaid-cli-intercept\.invalid|^\s*at\s|\(<anonymous>\)/.test(line))
    .join('\n')
    .trim();
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function lastNonEmptyLine(lines: readonly string[]): number {
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i]?.trim()) return i + 1;
  return 1;
}

function shorten(text: string, max = 240): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
