/**
 * Sections of a generated page that belong to the person: the portfolio's "Goals" and "Trade-offs". The
 * first generation writes each between `<!-- BEGIN YOURS: name -->` / `<!-- END YOURS: name -->` markers
 * with a prompt saying what to write; every later run leaves what stands between the markers untouched,
 * and only adds a section the page does not have yet.
 */

export interface UserSection {
  readonly name: string;
  /** The section's heading and prompt, written once. */
  readonly prompt: string;
}

const begin = (name: string) => `<!-- BEGIN YOURS: ${name} -->`;
const end = (name: string) => `<!-- END YOURS: ${name} -->`;

/** A section with its markers, as first written. */
export function userSection(section: UserSection): string {
  return `${begin(section.name)}\n${section.prompt.trim()}\n${end(section.name)}`;
}

/**
 * The text with every section it lacks added just before `before` (the generated region's BEGIN line), or
 * at the end when that is absent. Sections already there, and what they hold, are left as they are.
 */
export function addUserSections(text: string, sections: readonly UserSection[], before: string): string {
  const missing = sections.filter((s) => !text.includes(begin(s.name)));
  if (missing.length === 0) return text;
  const block = `${missing.map(userSection).join('\n\n')}\n\n`;
  const at = text.indexOf(before);
  return at === -1 ? `${text.trimEnd()}\n\n${block}` : `${text.slice(0, at)}${block}${text.slice(at)}`;
}

/** The portfolio's own sections: what a visitor cannot learn from the generated part. */
export const PORTFOLIO_SECTIONS: readonly UserSection[] = [
  {
    name: 'goals',
    prompt: `## Goals

_Fill in: why you built this and what you wanted to learn or prove (for example: "run a streaming ride
pipeline end to end on AWS for under $20 a month", "learn Glue and Delta Lake MERGE"), and who it is for.
This section is yours: \`npm run docs\` never changes what stands between its markers._`,
  },
  {
    name: 'trade-offs',
    prompt: `## Trade-offs

_Fill in: the choices you made and what each cost you, in your own words (what you switched off to save
money, what you would change with a bigger budget or more time, what broke and what you learned). The
design decisions below say what the template chose; say here what you chose. \`npm run docs\` never changes
this section._`,
  },
];
