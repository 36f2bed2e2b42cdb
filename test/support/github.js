// The GitHub Actions workflows of .github/workflows, parsed (they cannot run here), and what they are checked against:
// the publish workflow that `n8n-node release --init-workflow` writes, and the npm scripts they call. CommonJS and
// file reads here, since the TypeScript tests are linted with n8n's rules, which forbid node:fs.
const fs = require('node:fs');
const path = require('node:path');
const Handlebars = require('handlebars');
const YAML = require('yaml');

const ROOT = path.join(__dirname, '..', '..');
const NODE_CLI = path.join(ROOT, 'node_modules', '@n8n', 'node-cli');

/** A workflow file of .github/workflows, parsed; YAML errors throw, with their line. */
function workflow(name) {
	const text = fs.readFileSync(path.join(ROOT, '.github', 'workflows', name), 'utf8');
	return YAML.parse(text, { prettyErrors: true, uniqueKeys: true });
}

/** The names of the files in .github/workflows. */
function workflowFiles() {
	return fs.readdirSync(path.join(ROOT, '.github', 'workflows')).filter((name) => /\.ya?ml$/.test(name));
}

/**
 * The publish workflow as `n8n-node release --init-workflow` means it for an npm project: its template rendered the
 * way the CLI does (Handlebars, with npm and `npm ci`), except that GitHub's own `${{ … }}` expressions are kept,
 * which the CLI's rendering replaces by a bare `$`.
 */
function cliPublishWorkflow() {
	const template = fs.readFileSync(
		path.join(NODE_CLI, 'dist', 'template', 'templates', 'shared', 'default', '.github', 'workflows', 'publish.yml'),
		'utf8',
	);
	const rendered = Handlebars.compile(template.replace(/\$\{\{/g, '$\\{{'), { noEscape: true })({
		packageManager: { name: 'npm', installCommand: 'ci' },
	});
	return YAML.parse(rendered);
}

/** The source of the CLI's `release` command, which the publish workflow runs. */
function cliReleaseSource() {
	return fs.readFileSync(path.join(NODE_CLI, 'dist', 'commands', 'release.js'), 'utf8');
}

/** The CLI's version, e.g. "0.48.3". */
function cliVersion() {
	return require(path.join(NODE_CLI, 'package.json')).version;
}

/** The scripts of package.json. */
function packageScripts() {
	return require(path.join(ROOT, 'package.json')).scripts;
}

/** Whether a path from the repository root exists. */
function exists(file) {
	return fs.existsSync(path.join(ROOT, file));
}

module.exports = { cliPublishWorkflow, cliReleaseSource, cliVersion, exists, packageScripts, workflow, workflowFiles };
