// Renders a publication of a seeded App into the documented `{rootBlockId, blocks}` shape.
import { randomUUID } from 'node:crypto';

const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text) {
	return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

const html = (content) => ({ kind: 'html', content });
const concatenation = (children) => ({ kind: 'concatenation', children });

/**
 * Gives every block a fresh UUID and adds it to `blocks`. Children go in before their parent and
 * right to left, so the key order is never the document order: a consumer has to walk the tree
 * from rootBlockId.
 */
function addBlock(node, blocks) {
	const id = randomUUID();
	if (node.kind === 'html') {
		blocks[id] = node;
	} else {
		const childIds = node.children.toReversed().map((child) => addBlock(child, blocks));
		blocks[id] = { kind: 'concatenation', content: childIds.toReversed() };
	}
	return id;
}

/** The "Details" section: one paragraph per number, date or flag attribute that is set; none when all are empty. */
function details(value) {
	const lines = [];
	const budget = value('budget');
	if (budget !== undefined) lines.push(html(`<p>Budget: <strong>${escapeHtml(budget)}</strong></p>`));
	const dueDate = value('dueDate');
	if (dueDate !== undefined) lines.push(html(`<p>Due: <time datetime="${escapeHtml(dueDate)}">${escapeHtml(dueDate)}</time></p>`));
	if (value('confidential') === 'true') lines.push(html('<p class="confidential">Confidential</p>'));
	return lines.length ? [concatenation(lines)] : [];
}

/** One linked paragraph per file URL (File attributes hold URLs: public ones or uploaded attachments). */
function files(label, urls) {
	return urls.map((url) => html(`<p>${label}: <a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`));
}

/**
 * The report template shared by the seeded Apps. Deterministic: `fastPass` and `seed` change
 * nothing as it has no AI block. An App may lack the optional attributes (budget, dueDate, confidential, logo);
 * their sections then never appear. The `preview` version ends with an extra marker block so tests
 * can tell versions apart.
 */
export function renderReport(app, version, attributes) {
	const values = (key) => (app.attributes[key] ? (attributes[app.attributes[key].id] ?? []) : []);
	const value = (key) => values(key)[0];
	const title = value('title') || 'Untitled';
	const topics = values('topics');

	const children = [
		html(`<h1>${escapeHtml(title)}</h1>`),
		concatenation([
			html(`<p>Report on ${topics.length} topic(s).</p>`),
			html(`<ul>${topics.map((topic) => `<li>${escapeHtml(topic)}</li>`).join('')}</ul>`),
		]),
		...details(value),
		...files('Appendix', values('appendix').slice(0, 1)),
		...files('Logo', values('logo')),
	];
	if (version === 'preview') children.push(html('<p><em>Preview</em></p>'));

	const blocks = {};
	const rootBlockId = addBlock(concatenation(children), blocks);
	return { rootBlockId, blocks };
}
