// Puppeteer must never download a browser during `npm ci` (it cannot here, and CI installs Debian's
// Chromium instead). Diagrams render through a Chrome/Chromium found on the machine, or without one.
module.exports = { skipDownload: true };
