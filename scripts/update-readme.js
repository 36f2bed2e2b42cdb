// Rewrites the generated parts of the docs from the built node (run `npm run build` first): the operations table in
// docs/operations.md and the operations summary in README.md.
const { GENERATED, readDoc, withGenerated, writeDoc } = require('../test/support/operations-table');
const { Thinkeo } = require('../dist/nodes/Thinkeo/Thinkeo.node');

const { description } = new Thinkeo();
for (const { file, name, render } of GENERATED) writeDoc(file, withGenerated(readDoc(file), name, render(description)));
