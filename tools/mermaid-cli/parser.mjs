// Mermaid's own parser for the tests that check the syntax of our diagrams. Loaded one at a time: the tests
// quiet DOMPurify (it needs a DOM) before Mermaid imports it.
export const loadDOMPurify = () => import('dompurify');
export const loadMermaid = () => import('mermaid');
