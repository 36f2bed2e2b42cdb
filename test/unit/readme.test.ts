import fc from 'fast-check';

import { ThinkeoApi } from '../../credentials/ThinkeoApi.credentials';
import { Thinkeo } from '../../nodes/Thinkeo/Thinkeo.node';
import nodeCodex from '../../nodes/Thinkeo/Thinkeo.node.json';
import { ThinkeoTrigger } from '../../nodes/Thinkeo/ThinkeoTrigger.node';
import triggerCodex from '../../nodes/Thinkeo/ThinkeoTrigger.node.json';
import packageJson from '../../package.json';
import {
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
} from '../support/docs';
import { GENERATED, readDoc, withGenerated } from '../support/operations-table';

/** Whether `{file, anchor}` names a file of the repository and, when an anchor is given, a heading in it. */
function landsOnAnAnchor(landing: { file?: string; anchor?: string }): boolean {
	if (!landing.file || !exists(landing.file)) return false;
	if (!landing.anchor) return true;
	return landing.file.endsWith('.md') && anchorsOf(landing.file).has(landing.anchor);
}

describe('generated docs', () => {
	it.each(GENERATED.map((part) => [`${part.file} (${part.name})`, part] as const))(
		'%s lists every operation of the node (regenerate with `npm run build && npm run readme`)',
		(_label, { file, name, render }) => {
			const text = readDoc(file);
			const generated = render(new Thinkeo().description);
			expect(generated.split('\n').length).toBeGreaterThan(2);
			expect(text).toBe(withGenerated(text, name, generated));
		},
	);
});

describe('documentation URLs', () => {
	const urls: Array<[string, string]> = [
		['Thinkeo documentationUrl', String(new Thinkeo().description.documentationUrl)],
		['Thinkeo Trigger documentationUrl', String(new ThinkeoTrigger().description.documentationUrl)],
		['Thinkeo API credential documentationUrl', String(new ThinkeoApi().documentationUrl)],
		...[nodeCodex, triggerCodex].flatMap((codex) =>
			Object.entries(codex.resources).flatMap(([kind, links]) =>
				links.map(({ url }): [string, string] => [`${codex.node} codex ${kind}`, url]),
			),
		),
	];

	it.each(urls)('%s (%s) points at an anchor of this repository’s docs that exists', (_label, url) => {
		const landing = resolveDocumentationUrl(url);
		expect({ url, landing, exists: landsOnAnAnchor(landing) }).toEqual({ url, landing, exists: true });
	});

	it('fails for a heading that does not exist, a file that does not exist and another site', () => {
		expect(landsOnAnAnchor(resolveDocumentationUrl(`${REPOSITORY}#no-such-heading`))).toBe(false);
		expect(landsOnAnAnchor(resolveDocumentationUrl(`${REPOSITORY}/blob/main/docs/nothing.md`))).toBe(false);
		expect(resolveDocumentationUrl('https://example.com/docs#credentials')).toEqual({
			outside: 'https://example.com/docs#credentials',
		});
	});
});

describe('links between the docs', () => {
	const links = markdownFiles().flatMap((file) =>
		linksOf(file).map(({ target, image }) => [file, target, image, resolveLink(file, target)] as const),
	);
	const local = links.filter(([, , , landing]) => !('external' in landing));

	it('are many: every doc links somewhere', () => {
		expect(local.length).toBeGreaterThan(30);
	});

	it.each(local.map(([file, target, , landing]) => [file, target, landing] as const))(
		'%s → %s lands on a file and anchor that exist',
		(_file, _target, landing) => {
			expect({ landing, exists: landsOnAnAnchor(landing) }).toEqual({ landing, exists: true });
		},
	);

	it('are found wherever Markdown puts them: text over two lines, a title, reference links; none in code', () => {
		const markdown = [
			'See [AI agents and MCP',
			'clients](docs/ai-agents.md#mcp) and [the trigger](docs/trigger.md "Trigger"), [security][sec] or [queue-mode].',
			'`[not](a-link.md)`',
			'```',
			'[not](a-link-either.md)',
			'```',
			'![shot](docs/images/x.png)',
			'',
			'[sec]: docs/security.md#files',
			'[queue-mode]: <docs/queue-mode.md>',
		].join('\n');
		expect(linksIn(markdown).map(({ target, image }) => [target, image])).toEqual([
			['docs/ai-agents.md#mcp', false],
			['docs/trigger.md', false],
			['docs/images/x.png', true],
			['docs/security.md#files', false],
			['docs/queue-mode.md', false],
		]);
	});

	it('reach every page of docs/ from the README, directly', () => {
		const fromReadme = new Set(local.filter(([file]) => file === 'README.md').map(([, , , landing]) => landing.file));
		const pages = markdownFiles().filter((file) => file.startsWith('docs/'));
		expect(pages.filter((page) => !fromReadme.has(page))).toEqual([]);
	});
});

describe('screenshots', () => {
	const shown = markdownFiles().flatMap((file) =>
		linksOf(file)
			.filter(({ image }) => image)
			.map(({ target }) => resolveLink(file, target).file),
	);

	it('shows every image of docs/images, and each is written by a named step of the editor suite', () => {
		expect(new Set(shown)).toEqual(new Set(docImages()));
		expect(new Set(editorDocImages())).toEqual(new Set(docImages()));
	});

	it('puts two of them near the top of the README', () => {
		const readme = read('README.md');
		const firstHeading = readme.indexOf('\n## ');
		const images = [...readme.slice(0, firstHeading).matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map(([, target]) => target);
		expect(images).toHaveLength(2);
	});
});

describe('README', () => {
	it('reads in about five minutes: at most 1,600 words, the generated operations summary included', () => {
		const words = read('README.md').split(/\s+/).filter(Boolean).length;
		expect(words).toBeLessThanOrEqual(1600);
	});

	it('has the sections of n8n’s starter template, in its order', () => {
		const sections = [...read('README.md').matchAll(/^## (.+)$/gm)].map(([, title]) => title);
		const template = ['Installation', 'Operations', 'Credentials', 'Compatibility', 'Usage', 'Resources', 'Version history'];
		expect(sections.filter((title) => template.includes(title))).toEqual(template);
	});
});

describe('heading anchors', () => {
	it('follow GitHub’s rules on examples', () => {
		expect(slug('Rate limits (HTTP 429)')).toBe('rate-limits-http-429');
		expect(slug('The exchange’s time limit and token check')).toBe('the-exchanges-time-limit-and-token-check');
		expect(slug('`npm run try`: [Try it](#try-it)')).toBe('npm-run-try-try-it');
		expect(slug('AI agents and MCP clients')).toBe('ai-agents-and-mcp-clients');
	});

	it('are lower-case words joined by hyphens, for any heading', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (heading) => {
				const anchor = slug(heading);
				expect(anchor).toBe(anchor.toLowerCase());
				expect(anchor).not.toMatch(/[\s#()[\]`*.,:;!?'"’/\\]/u);
				expect(slug(anchor)).toBe(anchor);
			}),
			{ numRuns: 2000 },
		);
	});
});

describe('CHANGELOG.md and the release that writes it', () => {
	const MARKER = '<!-- auto-changelog-above -->';
	const changelog = read('CHANGELOG.md');
	const settings = packageJson['auto-changelog'];
	const version = (text: string) => text.split('.').map(Number);
	const below = (a: string, b: string) => {
		const [x, y] = [version(a), version(b)];
		const index = x.findIndex((part, at) => part !== y[at]);
		return index !== -1 && x[index] < y[index];
	};

	it('keeps its header through a release: the text above the marker is what the release template writes there', () => {
		const template = read(settings.template);
		expect(changelog.slice(0, changelog.indexOf(MARKER)).trim()).toBe(template.slice(0, template.indexOf('{{#each releases}}')).trim());
	});

	it('is not written twice: the release lists only versions after the hand-written entries below the marker', () => {
		const handWritten = [...changelog.slice(changelog.indexOf(MARKER)).matchAll(/^#### (\d+\.\d+\.\d+)$/gm)].map(([, entry]) => entry);
		expect(handWritten).toContain(packageJson.version);
		for (const entry of handWritten) expect({ entry, before: below(entry, settings.startingVersion) }).toEqual({ entry, before: true });
		expect(settings).toMatchObject({ commitLimit: false, hideCredit: true });
	});
});
