// What lib/diagram/render/mermaid-cli-renderer.ts loads from this folder, resolved against its own
// node_modules, which `npm run mermaid-cli:install` fills.
export { renderMermaid } from '@mermaid-js/mermaid-cli';
export { default as puppeteer } from 'puppeteer';
