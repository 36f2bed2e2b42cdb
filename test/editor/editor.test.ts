/**
 * The node in n8n's real editor (`n8n start`, the package installed as a community node), driven in headless
 * Chromium as a new user meets it: found by search in the nodes panels, "Generate a publication" first, the
 * credential, the App and version lists, the typed attribute fields, one execution and what reached the sandbox, and
 * the files a generation produced in the output's Binary tab. Each step leaves a screenshot in
 * .tmp/editor-screenshots/n8n-<line>/, and the steps the docs show save theirs with `editor.docImage(name)` (into
 * docs/images/ with THINKEO_DOCS_IMAGES=1). The steps build on each other, in order.
 */
import type { Locator, Page } from 'playwright-core';

import docxExample from '../../examples/publication-to-docx.json';
import { Thinkeo } from '../../nodes/Thinkeo/Thinkeo.node';
import { operationsOf } from '../support/description';
import type { Sandbox } from '../support/e2e';
import { emailPasswordCredential, startN8n, startSeededSandbox } from '../support/e2e';
import type { N8n } from '../support/n8n';
import type { Json, SeedApp } from '../support/types';
import { waitFor } from '../support/wait';
import { openEditor } from './browser';

jest.setTimeout(240_000);

// Named as `npm run try` names its credential, since the docs' screenshots show it.
const CREDENTIAL = { id: 'thinkeoEditor001', name: 'Thinkeo sandbox (demo@thinkeo.test)' };
const TITLE = 'Written in the editor';
// What people type for what the node makes, "docx" last: the docs show its result.
const SEARCH_WORDS = ['publication', 'document', 'generate', 'Thinkeo', 'word', 'docx'];
const GENERATE_NODE = docxExample.nodes.find(({ type }) => type === 'n8n-nodes-thinkeo.thinkeo')!;
/**
 * The docx example up to its Thinkeo node, on this test's credential, with every file the "Demo Documents" App
 * generates (the example keeps only the .docx).
 */
const FILES_WORKFLOW = {
	...docxExample,
	id: 'thinkeoEditorFiles',
	active: false,
	nodes: docxExample.nodes
		.filter(({ type }) => type !== 'n8n-nodes-base.extractFromFile')
		.map((node) =>
			node === GENERATE_NODE
				? { ...node, credentials: { thinkeoApi: CREDENTIAL }, parameters: { ...node.parameters, outputFileOptions: {} } }
				: node,
		),
	connections: { Start: docxExample.connections.Start, 'Report Data': docxExample.connections['Report Data'] },
};

let sandbox: Sandbox;
let n8n: N8n;
let app: SeedApp;
let editor: Awaited<ReturnType<typeof openEditor>>;
let page: Page;

/** The names of the entries the nodes panel lists now. */
const entryNames = async () => await page.getByTestId('node-creator-item-name').allInnerTexts();
const entry = (name: string) => page.getByTestId('node-creator-item-name').filter({ hasText: new RegExp(`^${name}$`) });
const attributeField = (attribute: { id: string }): Locator => page.getByTestId(`parameter-input-${attribute.id}`);

/**
 * Types each word in the panel's search and resolves, per word, the entries listed once the panel shows that search's
 * result: an entry named Thinkeo…, or its "no results" notice (cleared first, so no earlier result is read); when
 * neither comes, the entries other nodes got for that word, for the test's message.
 */
async function searchEach(words: string[]): Promise<Record<string, string[]>> {
	const bar = page.getByTestId('node-creator-search-bar');
	const thinkeoEntries = page.getByTestId('node-creator-item-name').filter({ hasText: /^Thinkeo/ });
	const found: Record<string, string[]> = {};
	for (const word of words) {
		await bar.fill('');
		await thinkeoEntries.first().waitFor({ state: 'hidden' });
		await bar.fill(word);
		await thinkeoEntries
			.or(page.getByTestId('node-creator-no-results'))
			.first()
			.waitFor({ timeout: 20_000 })
			.catch(() => undefined);
		found[word] = await entryNames();
	}
	return found;
}

/** The actions of the Thinkeo node as the panel should list them: by resource, each resource's default first. */
function accountActions(): string[] {
	return operationsOf(new Thinkeo().description.properties, 'account').map(({ action }) => String(action));
}

beforeAll(async () => {
	const setup = await startSeededSandbox();
	({ sandbox, demoApp: app } = setup);
	n8n = await startN8n([emailPasswordCredential(CREDENTIAL, sandbox.apiUrl, setup.demo, 'n8n editor test')]);
	await n8n.importWorkflows([FILES_WORKFLOW]);
	await n8n.start();
	editor = await openEditor(String(n8n.url), `n8n-${n8n.major}`);
	page = editor.page;
	// The editor's first load compiles a lot of code: slow on a busy machine.
	await page.goto(`${n8n.url}/workflow/new`, { waitUntil: 'domcontentloaded', timeout: 180_000 });
	await page.getByTestId('canvas-add-button').waitFor({ timeout: 180_000 });
}, 480_000);

afterAll(async () => {
	await editor?.close();
	await n8n?.stop();
	n8n?.remove();
	await sandbox?.stop();
});

describe('in n8n’s editor', () => {
	it('offers Thinkeo and its trigger in the first-trigger panel, found by name, "publication", "document", "generate", "word" and "docx"', async () => {
		await page.getByTestId('canvas-add-button').click();
		const found = await searchEach(SEARCH_WORDS);
		for (const word of SEARCH_WORDS) expect({ word, found: found[word] }).toEqual({ word, found: expect.arrayContaining(['Thinkeo']) });
		// Node and trigger share this entry (the last search); it describes the node.
		const thinkeo = page.getByTestId('item-iterator-item').filter({ has: entry('Thinkeo') });
		expect(await thinkeo.getByTestId('node-creator-item-description').innerText()).toMatch(/^Generate documents with Thinkeo Apps/);
		await editor.screenshot('search-thinkeo');
		await editor.docImage('nodes-panel');

		await entry('Thinkeo').click();
		await entry('On new publication').waitFor();
		await entry('Thinkeo').waitFor({ state: 'hidden' });
		expect(await entryNames()).toEqual(['On new publication', 'On new attachment on a publication', 'On new team log entry']);
		await editor.screenshot('trigger-panel');
	});

	it('lists "Generate a publication" first among its actions, Account last, and adds the node with it', async () => {
		const category = page.getByTestId('node-creator-category-item').filter({ hasText: /^Actions/ });
		await category.click();
		await entry('Generate a publication').waitFor();
		// The panel renders long lists a part at a time, as they scroll into view: scroll to the end of all of them.
		const count = Number(/\((\d+)\)/.exec(await category.innerText())?.[1]);
		const items = page.getByTestId('node-creator-item-name');
		for (let shown = 0; shown < (await items.count()); ) {
			shown = await items.count();
			await items.last().scrollIntoViewIfNeeded();
			await page.waitForTimeout(300);
		}
		const actions = (await entryNames()).filter((name) => !name.startsWith('On new'));
		expect(actions).toHaveLength(count);
		expect(actions[0]).toBe('Generate a publication');
		expect(actions.slice(-accountActions().length)).toEqual(accountActions());
		await entry('Generate a publication').scrollIntoViewIfNeeded();
		await editor.screenshot('actions');

		await entry('Generate a publication').click();
		await page.getByTestId('ndv').waitFor();
		// No App yet: a hint, and no error.
		const mapper = page.getByTestId('resource-mapper-container');
		await expect(mapper.getByTestId('empty-fields-notice').innerText()).resolves.toMatch(/Choose an App first/);
		expect(await mapper.innerText()).not.toMatch(/No attributes found/);
		expect(await mapper.locator('.n8n-text.danger, [class*="danger"]').count()).toBe(0);
		await editor.screenshot('node-added');
	});

	it('uses the credential chosen in the list', async () => {
		await page.getByTestId('node-credentials-select').click();
		await page.getByTestId(`node-credentials-select-item-${CREDENTIAL.id}`).click();
		await expect(page.getByTestId('node-credentials-select').locator('input').inputValue()).resolves.toBe(CREDENTIAL.name);
		await editor.screenshot('credential');
	});

	it('lists the Apps by name, then the versions of the chosen App', async () => {
		await page.getByTestId('rlc-input').click();
		await page.getByTestId('rlc-item').first().waitFor();
		const apps = await page.getByTestId('rlc-item').allInnerTexts();
		expect(apps).toContain(app.name);
		expect(apps.filter((name) => name.includes('('))).toEqual([]);
		await editor.screenshot('apps');
		await page.getByTestId('rlc-item').filter({ hasText: new RegExp(`^${app.name}$`) }).click();
		// Choosing the App loads its attributes into the mapper and its versions into the Version list.
		await attributeField(app.attributes.title).waitFor();

		await page.getByTestId('parameter-input-version').click();
		const options = page.locator('.el-select-dropdown__item:visible');
		await options.first().waitFor();
		const versions = (await options.allInnerTexts()).map((text) => text.split('\n')[0]);
		expect(versions).toEqual(['Latest', 'Preview', '1.0.0']);
		await editor.screenshot('versions');
		await options.filter({ hasText: /^1\.0\.0/ }).click();
	});

	it('maps the App’s attributes by name, with a date picker for a date, a flag only once added', async () => {
		const { dueDate, confidential } = app.attributes;
		const flags = Object.values(app.attributes).filter(({ kind }) => kind === 'flag');
		for (const attribute of Object.values(app.attributes)) {
			const shown = await attributeField(attribute).count();
			expect({ attribute: attribute.name, shown }).toEqual({ attribute: attribute.name, shown: flags.includes(attribute) ? 0 : 1 });
		}
		await expect(attributeField(dueDate).locator('.el-date-editor').count()).resolves.toBe(1);
		await attributeField(dueDate).scrollIntoViewIfNeeded();
		await editor.screenshot('attributes');
		// A toggle has no empty state: a flag nobody added is not sent, an added one is (see a later step).
		await expect(page.getByTestId('add-fields-select').innerText()).resolves.toMatch(/Add attribute/);
		expect(confidential.kind).toBe('flag');
	});

	it('generates with only Title filled in: the output shows document.html, the sandbox got no other attribute', async () => {
		await sandbox.clearRequests();
		const title = attributeField(app.attributes.title);
		await title.scrollIntoViewIfNeeded();
		await title.locator('input, textarea').first().fill(TITLE);
		await page.getByTestId('node-execute-button').click();
		const output = page.getByTestId('output-panel');
		await output.getByText(`<h1>${TITLE}</h1>`, { exact: false }).first().waitFor({ timeout: 120_000 });
		expect(await output.innerText()).toMatch(/document[\s\S]*html/);
		await editor.screenshot('output');
		await editor.docImage('generate-a-publication');

		const [request, ...more] = await sandbox.requests({ method: 'POST', path: '/publications' });
		expect(more).toEqual([]);
		expect(JSON.parse(request.bodyText ?? 'null') as Json).toEqual({ attributes: { [app.attributes.title.id]: [TITLE] } });
	});

	it('sends a flag once added, "false" when its toggle is left off', async () => {
		const { title, confidential } = app.attributes;
		await sandbox.clearRequests();
		// The App has one flag: the button adds it at once.
		await page.getByTestId('add-fields-select').getByText(/Add attribute/).click();
		const toggle = attributeField(confidential).locator('.el-switch');
		await toggle.waitFor();
		await expect(toggle.getAttribute('class')).resolves.not.toMatch(/is-checked/);
		await toggle.scrollIntoViewIfNeeded();
		await editor.screenshot('flag-added');
		await page.getByTestId('node-execute-button').click();
		await waitFor(async () => (await sandbox.requests({ method: 'POST', path: '/publications' })).length > 0, {
			timeoutMs: 120_000,
			what: 'the second generation',
		});
		const [request] = await sandbox.requests({ method: 'POST', path: '/publications' });
		expect(JSON.parse(request.bodyText ?? 'null') as Json).toEqual({
			attributes: { [title.id]: [TITLE], [confidential.id]: ['false'] },
		});
	});

	it('is found by the same words in the "What happens next?" panel, and as a tool in the AI panel', async () => {
		await page.getByTestId('ndv-close-button').click();
		await page.getByTestId('node-creator-plus-button').click();
		const found = await searchEach(SEARCH_WORDS);
		for (const word of SEARCH_WORDS) expect({ word, found: found[word] }).toEqual({ word, found: expect.arrayContaining(['Thinkeo']) });
		await editor.screenshot('next-step-panel');

		await page.getByTestId('node-creator-search-bar').fill('');
		await entry('AI').click();
		await page.getByTestId('node-creator-search-bar').waitFor();
		const inAiPanel = await searchEach(['Thinkeo']);
		expect(inAiPanel.Thinkeo).toContain('Thinkeo Tool');
		await editor.screenshot('ai-panel');
	});

	it('shows the Word document and the image a generation produced in the output’s Binary tab', async () => {
		// Leaving the workflow built above unsaved: n8n asks the browser to confirm.
		page.once('dialog', (dialog) => void dialog.accept());
		await page.goto(`${n8n.url}/workflow/${FILES_WORKFLOW.id}/${GENERATE_NODE.id}`, {
			waitUntil: 'domcontentloaded',
			timeout: 180_000,
		});
		await page.getByTestId('ndv').waitFor({ timeout: 120_000 });
		await sandbox.clearRequests();
		await page.getByTestId('node-execute-button').click();
		const output = page.getByTestId('output-panel');
		const binaryTab = output.getByTestId('ndv-run-data-display-mode').getByText('Binary', { exact: true });
		await binaryTab.waitFor({ timeout: 120_000 });
		await binaryTab.click();
		await output.getByText('chart.png').first().waitFor();
		const shown = await output.innerText();
		expect({ docx: shown.includes('report.docx'), png: shown.includes('chart.png') }).toEqual({ docx: true, png: true });
		await editor.screenshot('generated-files');
		await editor.docImage('generated-files');

		// Both came from the sandbox, downloaded once each after one generation.
		const generations = await sandbox.requests({ method: 'POST', path: '/publications' });
		const downloads = (await sandbox.requests({ method: 'GET' })).filter((request) => request.path.startsWith('/attachments/'));
		expect(generations).toHaveLength(1);
		expect(downloads).toHaveLength(2);
	});
});
