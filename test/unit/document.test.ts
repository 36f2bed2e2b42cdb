import { assembleDocument, documentBlocks } from '../../nodes/Thinkeo/io/document';

const html = (content: string) => ({ kind: 'html', content });
const concat = (...children: string[]) => ({ kind: 'concatenation', content: children });

describe('assembleDocument', () => {
	it('walks from rootBlockId, html blocks in their concatenation order, whatever the map order', () => {
		const output = {
			rootBlockId: 'root',
			blocks: {
				item2: html('<li>b</li>'),
				list: concat('open', 'item1', 'item2', 'close'),
				close: html('</ul>'),
				title: html('<h1>T</h1>'),
				root: concat('title', 'list'),
				item1: html('<li>a</li>'),
				open: html('<ul>'),
			},
		};
		expect(assembleDocument(output)).toBe('<h1>T</h1><ul><li>a</li><li>b</li></ul>');
	});

	it('ignores blocks outside the tree and kinds that carry no HTML', () => {
		const output = {
			rootBlockId: 'root',
			blocks: {
				root: concat('a', 'export', 'missing'),
				a: html('<p>a</p>'),
				export: { kind: 'file', content: 'https://example.test/report.docx' },
				orphan: html('<p>not in the tree</p>'),
			},
		};
		expect(assembleDocument(output)).toBe('<p>a</p>');
	});

	it('repeats a block used twice but stops at a cycle', () => {
		const output = {
			rootBlockId: 'root',
			blocks: { root: concat('sep', 'loop', 'sep'), sep: html('<hr>'), loop: concat('root') },
		};
		expect(assembleDocument(output)).toBe('<hr><hr>');
	});

	it('starts from the top-level blocks when rootBlockId is missing', () => {
		const output = { blocks: { child: html('<p>x</p>'), top: concat('child') } };
		expect(assembleDocument(output)).toBe('<p>x</p>');
	});

	it('returns an empty document when there are no blocks', () => {
		expect(assembleDocument({ publicationId: 'p' })).toBe('');
	});
});

describe('documentBlocks', () => {
	it('lists a deep tree in document order, each block with its parent and depth', () => {
		// Five levels deep, keys deliberately in reverse order.
		const output = {
			rootBlockId: 'l0',
			blocks: {
				leaf: html('<em>deep</em>'),
				l3: concat('leaf'),
				l2: concat('l3', 'after'),
				after: html('<p>after</p>'),
				l1: concat('l2'),
				l0: concat('first', 'l1'),
				first: html('<h1>first</h1>'),
			},
		};
		expect(documentBlocks(output).map(({ id, parentId, depth }) => [id, parentId, depth])).toEqual([
			['l0', null, 0],
			['first', 'l0', 1],
			['l1', 'l0', 1],
			['l2', 'l1', 2],
			['l3', 'l2', 3],
			['leaf', 'l3', 4],
			['after', 'l2', 3],
		]);
		expect(assembleDocument(output)).toBe('<h1>first</h1><em>deep</em><p>after</p>');
	});

	it('keeps an empty block and an empty concatenation in place without adding text', () => {
		const output = {
			rootBlockId: 'root',
			blocks: { root: concat('a', 'empty', 'none', 'b'), a: html('<p>a</p>'), empty: html(''), none: concat(), b: html('<p>b</p>') },
		};
		expect(documentBlocks(output).map((block) => block.id)).toEqual(['root', 'a', 'empty', 'none', 'b']);
		expect(assembleDocument(output)).toBe('<p>a</p><p>b</p>');
	});

	it('joins HTML as rendered, never escaping it twice', () => {
		const output = {
			rootBlockId: 'root',
			blocks: { root: concat('p'), p: html('<p>Q3 &lt;review&gt; &amp; R&amp;D — “quoted”</p>') },
		};
		expect(assembleDocument(output)).toBe('<p>Q3 &lt;review&gt; &amp; R&amp;D — “quoted”</p>');
	});

	it('keeps block kinds it does not know, with their kind and content, in document order', () => {
		const content = { attachmentId: 'f', url: 'https://api.test/v1/attachments/f', filename: 'r.docx' };
		const output = {
			rootBlockId: 'root',
			blocks: { root: concat('title', 'doc', 'future'), title: html('<h1>T</h1>'), doc: { kind: 'word', content }, future: { kind: 'hologram', content: [1, 2] } },
		};
		expect(documentBlocks(output).map(({ id, kind, content: blockContent }) => ({ id, kind, content: blockContent }))).toEqual([
			{ id: 'root', kind: 'concatenation', content: ['title', 'doc', 'future'] },
			{ id: 'title', kind: 'html', content: '<h1>T</h1>' },
			{ id: 'doc', kind: 'word', content },
			{ id: 'future', kind: 'hologram', content: [1, 2] },
		]);
		expect(assembleDocument(output)).toBe('<h1>T</h1>');
	});
});
