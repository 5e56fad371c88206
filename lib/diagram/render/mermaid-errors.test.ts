// mermaid.js's messages as puppeteer hands them over (recorded from mermaid 11.17 in Chromium).
import { describe, expect, it } from 'vitest';
import { explainMermaidError } from './mermaid-errors.ts';

const FRAME =
  'Parser.parseError (https://mermaid-cli-intercept.invalid/x/mermaid.esm/chunk-6HLVECFW.mjs:1523:21)';

describe('explainMermaidError', () => {
  it("keeps mermaid's line for a fault inside the text, with the line quoted", () => {
    const text = 'flowchart LR\n  a --> b\n  c --> d\n  e[["x"] --> f\n  g --> h\n';
    const message = `Parse error on line 4:\n...b  c --> d  e[["x"] --> f  g --> h\n---------------------^\nExpecting 'SUBROUTINEEND', 'TAGEND', got 'SQE'\n${FRAME}`;
    const error = explainMermaidError('ingestion', text, new Error(message));
    expect(error.diagram).toBe('ingestion');
    expect(error.line).toBe(4);
    expect(error.source).toBe('e[["x"] --> f');
    expect(error.message).not.toContain('mermaid-cli-intercept');
  });

  it('pins a fault mermaid finds at the end of the text to the line that causes it', () => {
    const text = 'flowchart LR\n  subgraph s["S"]\n  a --> b\n';
    const message = `Parse error on line 5:\n...h s["S"]  a --> b\n--------------------^\nExpecting 'SEMI', 'NEWLINE', got '1'\n${FRAME}`;
    const error = explainMermaidError('overview', text, new Error(message));
    expect(error.line).toBe(2);
    expect(error.detail).toBe('subgraph "s" is never closed with `end`');
  });

  it('explains the TypeError mermaid throws for a linkStyle beyond the last edge', () => {
    const text = 'flowchart LR\n  a --> b\n  linkStyle 5 stroke:#f00\n';
    const error = explainMermaidError(
      'overview',
      text,
      new Error(`Cannot set properties of undefined (setting 'style')\n${FRAME}`),
    );
    expect(error.message).toMatch(
      /line 3: linkStyle 5 refers to an edge that does not exist \(the diagram has 1 edges/,
    );
  });

  it('says the end of the diagram when neither knows better', () => {
    const text = 'flowchart LR\n  a --> b\n  b --> c\n\n';
    const message = "Parse error on line 9:\n...\n---^\nExpecting 'SEMI', got 'EOF'";
    const error = explainMermaidError('overview', text, new Error(message));
    expect(error.line).toBe(3);
    expect(error.detail).toMatch(
      /^the diagram ends in the middle of a statement .*Expecting 'SEMI', got 'EOF'$/,
    );
  });

  it('reports an unknown diagram type on line 1', () => {
    const error = explainMermaidError(
      'overview',
      'flowhcart LR\n  a --> b\n',
      new Error('No diagram type detected matching given configuration for text: flowhcart LR'),
    );
    expect(error.line).toBe(1);
    expect(error.message).toMatch(/^Mermaid syntax error in diagram "overview", line 1: /);
  });
});
