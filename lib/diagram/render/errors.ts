/** A diagram's Mermaid text does not parse: names the diagram, the line and what is wrong there. */
export class DiagramSyntaxError extends Error {
  override readonly name = 'DiagramSyntaxError';
  constructor(
    /** The diagram's name (its output file's base name). */
    readonly diagram: string,
    /** 1-based line in the diagram's Mermaid text, when the parser says where. */
    readonly line: number | undefined,
    /** What is wrong, without the diagram name. */
    readonly detail: string,
    /** The text of that line. */
    readonly source?: string,
  ) {
    const where = line === undefined ? '' : `, line ${line}`;
    const quoted = source === undefined ? '' : `\n    ${line ?? ''} | ${source}`;
    super(`Mermaid syntax error in diagram "${diagram}"${where}: ${detail}${quoted}`);
  }
}

/** The asked-for renderer cannot run here; the message says what is missing and how to get it. */
export class RendererUnavailableError extends Error {
  override readonly name = 'RendererUnavailableError';
}
