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

/**
 * The report template shared by the seeded Apps. Deterministic: `fastPass` and `seed` change
 * nothing as it has no AI block. The `preview` version ends with an extra marker block so tests
 * can tell versions apart.
 */
export function renderReport(app, version, attributes) {
	const values = (key) => attributes[app.attributes[key].id] ?? [];
	const title = values('title')[0] || 'Untitled';
	const topics = values('topics');
	const appendix = values('appendix')[0];

	const children = [
		html(`<h1>${escapeHtml(title)}</h1>`),
		concatenation([
			html(`<p>Report on ${topics.length} topic(s).</p>`),
			html(`<ul>${topics.map((topic) => `<li>${escapeHtml(topic)}</li>`).join('')}</ul>`),
		]),
	];
	if (appendix) {
		const link = escapeHtml(appendix);
		children.push(html(`<p>Appendix: <a href="${link}">${link}</a></p>`));
	}
	if (version === 'preview') children.push(html('<p><em>Preview</em></p>'));

	const blocks = {};
	const rootBlockId = addBlock(concatenation(children), blocks);
	return { rootBlockId, blocks };
}
