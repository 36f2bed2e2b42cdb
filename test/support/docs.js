// The project's Markdown docs as GitHub shows them: their files, the anchors their headings get, the links and images
// they hold, and where a documentation URL of the node (documentationUrl, codex files) lands. CommonJS and file reads
// here, since the TypeScript tests are linted with n8n's rules, which forbid node:fs.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');
const PACKAGE = require(path.join(ROOT, 'package.json'));
/** The GitHub repository the docs are published from, e.g. https://github.com/thinkeo/n8n-nodes-thinkeo. */
const REPOSITORY = PACKAGE.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

/** Every Markdown file users or contributors read: the README, CONTRIBUTING, CHANGELOG and docs/. */
function markdownFiles() {
	const docs = fs.readdirSync(path.join(ROOT, 'docs')).filter((name) => name.endsWith('.md'));
	return ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md', ...docs.map((name) => `docs/${name}`)];
}

function read(file) {
	return fs.readFileSync(path.join(ROOT, file), 'utf8');
}

function exists(file) {
	return fs.existsSync(path.join(ROOT, file));
}

/** The lines of a Markdown text outside fenced code blocks. */
function proseLines(text) {
	let fenced = false;
	return text.split('\n').filter((line) => {
		if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
		return !fenced && !/^\s*(```|~~~)/.test(line);
	});
}

/**
 * The anchor GitHub gives a heading: its text as shown (no Markdown marks, links by their text), lower-cased, without
 * punctuation other than hyphens and underscores, spaces as hyphens (github-slugger's rules).
 */
function slug(heading) {
	const shown = heading
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/`/g, '')
		.replace(/(\*\*|__|\*)/g, '');
	return shown
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\p{M}\p{Pc} -]/gu, '')
		.replace(/ /g, '-');
}

/** The anchors of a Markdown file: one per heading (repeats get -1, -2… as on GitHub), and explicit `id`s. */
function anchorsOf(file) {
	const anchors = new Set();
	const seen = new Map();
	for (const line of proseLines(read(file))) {
		const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
		if (heading) {
			const base = slug(heading[1]);
			const count = seen.get(base) ?? 0;
			seen.set(base, count + 1);
			anchors.add(count === 0 ? base : `${base}-${count}`);
		}
		for (const [, id] of line.matchAll(/\b(?:id|name)="([^"]+)"/g)) anchors.add(id);
	}
	return anchors;
}

/**
 * The links and images of a Markdown text, outside code: `{ text, target, image }`. Inline links whose text wraps
 * over lines or that carry a title, and reference links (`[text][label]`, `[label]`) with their `[label]: target`
 * definitions.
 */
function linksIn(markdown) {
	const lines = proseLines(markdown);
	const definitions = new Map();
	for (const line of lines) {
		const definition = /^ {0,3}\[([^\]]+)\]:\s*<?([^\s>]+)>?/.exec(line);
		if (definition) definitions.set(definition[1].toLowerCase(), definition[2]);
	}
	const prose = lines
		.filter((line) => !/^ {0,3}\[[^\]]+\]:/.test(line))
		.join('\n')
		.replace(/`[^`]*`/g, '');
	const links = [];
	for (const [, bang, text, target] of prose.matchAll(/(!?)\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g)) {
		links.push({ text, target, image: bang === '!' });
	}
	for (const [, bang, text, label] of prose.matchAll(/(!?)\[([^\]]+)\](?:\[([^\]]*)\])?(?![(:])/g)) {
		const target = definitions.get((label || text).toLowerCase());
		if (target) links.push({ text, target, image: bang === '!' });
	}
	return links;
}

/** The links and images of a Markdown file (see linksIn). */
function linksOf(file) {
	return linksIn(read(file));
}

/**
 * Where a link of `file` lands in this repository: `{ file, anchor }` (the file relative to the root, '' anchor for
 * none), or `{ external: url }` for a link elsewhere. Links to this repository on GitHub land in its files.
 */
function resolveLink(file, target) {
	if (target.startsWith(REPOSITORY)) return resolveDocumentationUrl(target);
	if (/^[a-z]+:/i.test(target)) return { external: target };
	const [relative, anchor = ''] = target.split('#');
	const landing = relative === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), relative));
	return { file: landing, anchor };
}

/**
 * Where a documentation URL lands: `{ file, anchor }` for this repository's page on GitHub (its README, the README's
 * `#readme` being GitHub's own anchor for it, or a file under /blob/<branch>/), `{ outside: url }` for anything else.
 */
function resolveDocumentationUrl(url) {
	const [address, anchor = ''] = url.split('#');
	if (address === REPOSITORY || address === `${REPOSITORY}/`) {
		return { file: 'README.md', anchor: anchor === 'readme' ? '' : anchor };
	}
	const blob = new RegExp(`^${REPOSITORY.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(?:blob|tree)/[^/]+/(.+)$`).exec(address);
	if (blob) return { file: blob[1], anchor };
	return { outside: url };
}

/** The PNG files in docs/images. */
function docImages() {
	return fs
		.readdirSync(path.join(ROOT, 'docs', 'images'))
		.filter((name) => name.endsWith('.png'))
		.map((name) => `docs/images/${name}`);
}

/** The names of the screenshots the editor suite writes for the docs: its `editor.docImage('<name>')` steps. */
function editorDocImages() {
	const suite = read('test/editor/editor.test.ts');
	return [...suite.matchAll(/\.docImage\('([^']+)'\)/g)].map(([, name]) => `docs/images/${name}.png`);
}

module.exports = {
	REPOSITORY,
	anchorsOf,
	docImages,
	editorDocImages,
	exists,
	linksIn,
	linksOf,
	markdownFiles,
	read,
	resolveDocumentationUrl,
	resolveLink,
	slug,
};
