// Prints a line into the test output; the TypeScript tests cannot use console or process under n8n's lint rules.
function report(line) {
	process.stdout.write(`${line}\n`);
}

module.exports = { report };
