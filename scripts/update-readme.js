// Rewrites the operations table in README.md from the built node (run `npm run build` first).
const { readReadme, renderOperationsTable, withOperationsTable, writeReadme } = require('../test/support/operations-table');
const { Thinkeo } = require('../dist/nodes/Thinkeo/Thinkeo.node');

writeReadme(withOperationsTable(readReadme(), renderOperationsTable(new Thinkeo().description)));
