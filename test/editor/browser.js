// n8n's real editor in headless Chromium: Debian's chromium (installed by scripts/chromium.sh) driven by
// playwright-core, which downloads no browser of its own. CommonJS on purpose: the TypeScript tests are linted with
// n8n's rules, which forbid process and timers. Every step's screenshot goes to .tmp/editor-screenshots/; the docs'
// screenshots go there too, or into docs/images/ with THINKEO_DOCS_IMAGES=1, to refresh them.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium, selectors } = require('playwright-core');

const { ownerLogin, setUpOwner } = require('../support/owner');

const SCREENSHOTS = path.join(__dirname, '..', '..', '.tmp', 'editor-screenshots');
const DOCS_IMAGES = path.join(__dirname, '..', '..', 'docs', 'images');

const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/**
 * Opens Chromium on n8n at `url`, signed in as the local owner (created through n8n's own setup); `line` names the
 * screenshots' folder (e.g. "n8n-2").
 */
async function openEditor(url, line) {
	await setUpOwner(url);
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thinkeo-chromium-'));
	// n8n marks its elements with data-test-id.
	selectors.setTestIdAttribute('data-test-id');
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: { width: 1440, height: 900 },
	});
	const login = await context.request.post(`${url}/rest/login`, { data: ownerLogin() });
	if (!login.ok()) throw new Error(`n8n refused the owner's login (${login.status()}): ${await login.text()}`);
	const page = context.pages()[0] ?? (await context.newPage());
	page.setDefaultTimeout(20_000);
	const folder = path.join(SCREENSHOTS, line);
	fs.rmSync(folder, { recursive: true, force: true });
	fs.mkdirSync(folder, { recursive: true });
	const docsFolder = process.env.THINKEO_DOCS_IMAGES === '1' ? DOCS_IMAGES : path.join(folder, 'docs');
	fs.mkdirSync(docsFolder, { recursive: true });
	let step = 0;
	return {
		page,
		/** Saves a screenshot of the page as the next step, e.g. "03-actions.png"; resolves its path. */
		async screenshot(name) {
			step += 1;
			const file = path.join(folder, `${String(step).padStart(2, '0')}-${name}.png`);
			await page.screenshot({ path: file });
			return file;
		},
		/**
		 * Saves a screenshot of the page as the docs show it, `<name>.png` (see docsFolder above); resolves its path.
		 * Call it right after the checks of what it shows, so that an image in the docs shows what a test saw.
		 */
		async docImage(name) {
			const file = path.join(docsFolder, `${name}.png`);
			await page.screenshot({ path: file });
			return file;
		},
		async close() {
			await context.close();
			fs.rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}

module.exports = { openEditor, SCREENSHOTS };
