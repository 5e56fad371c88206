/** Text safe inside an XML or HTML element or a double-quoted attribute: `& < > "` as entities. */
export const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
