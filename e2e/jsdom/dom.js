// Reads a page on stdin, parses it with jsdom running its scripts (as a
// browser without <template for> would), and prints the final DOM of
// <body> on stdout. Used by ../fallback_test.go.
const { JSDOM } = require("jsdom");
let html = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (d) => (html += d));
process.stdin.on("end", () => {
  const errors = [];
  const virtualConsole = new (require("jsdom").VirtualConsole)();
  virtualConsole.on("jsdomError", (e) => errors.push(String(e)));
  const dom = new JSDOM(html, { runScripts: "dangerously", virtualConsole });
  if (errors.length) {
    process.stderr.write(errors.join("\n") + "\n");
    process.exit(1);
  }
  process.stdout.write(dom.window.document.body.outerHTML);
});
