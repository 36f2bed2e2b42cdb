import type { IExecuteSingleFunctions, IN8nHttpFullResponse, INodeExecutionData } from 'n8n-workflow';

import { assembleDocument, documentBlocks, MAX_REPEATED_BLOCKS, readRenderOutput } from '../../nodes/Thinkeo/generation/output/document';
import { shapeDocumentOutput } from '../../nodes/Thinkeo/generation/output/documentOutput';
import { normalizeItems } from '../../nodes/Thinkeo/operationKit/items';

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

describe('a render result of an odd shape (issue 19, item 13)', () => {
	it('leaves out entries of blocks that are no block, as missing blocks, with or without rootBlockId', () => {
		expect(documentBlocks({ blocks: { a: null } } as never)).toEqual([]);
		const output = { rootBlockId: 'root', blocks: { root: concat('a', 'gone', 'b'), a: html('<p>a</p>'), gone: null, b: 'text' } };
		expect(documentBlocks(output as never).map((block) => block.id)).toEqual(['root', 'a']);
		expect(assembleDocument({ blocks: { a: null, b: 7, c: html('<p>c</p>'), d: concat('a', 'c') } } as never)).toBe('<p>c</p>');
	});

	it('reads only text ids in a concatenation, and ids such as "__proto__" or "constructor" as any other', () => {
		const blocks = JSON.parse('{"root": {"kind": "concatenation", "content": [{"x": 1}, null, "constructor", "__proto__", 5]}, "__proto__": {"kind": "html", "content": "<p>p</p>"}, "5": {"kind": "html", "content": "<p>5</p>"}}') as never;
		expect(documentBlocks({ rootBlockId: 'root', blocks }).map((block) => block.id)).toEqual(['root', '__proto__', '5']);
	});

	it('reads a tree of any depth without running out of stack', () => {
		const depth = 50_000;
		const blocks: Record<string, unknown> = { [`b${depth}`]: html('<p>bottom</p>') };
		for (let level = 0; level < depth; level += 1) blocks[`b${level}`] = concat(`b${level + 1}`);
		const ordered = documentBlocks({ rootBlockId: 'b0', blocks } as never);
		expect(ordered).toHaveLength(depth + 1);
		expect(ordered[depth]).toMatchObject({ id: `b${depth}`, parentId: `b${depth - 1}`, depth });
	});

	it('stops with a clear error when blocks shared along a deep tree would place more than its cap', () => {
		// Each level points twice to the next: 2^40 placements from 41 blocks.
		const blocks: Record<string, unknown> = { l40: html('<p>x</p>') };
		for (let level = 0; level < 40; level += 1) blocks[`l${level}`] = concat(`l${level + 1}`, `l${level + 1}`);
		expect(() => documentBlocks({ rootBlockId: 'l0', blocks } as never)).toThrow(
			`Thinkeo's render result places more than ${41 + MAX_REPEATED_BLOCKS} blocks (from 41 distinct ones)`,
		);
	});

	it.each([
		[[], 'Thinkeo answered with an empty list, not a render result ({publicationId, rootBlockId, blocks})'],
		['<html>', 'Thinkeo answered with "<html>", not a render result ({publicationId, rootBlockId, blocks})'],
		[null, 'Thinkeo answered with null, not a render result ({publicationId, rootBlockId, blocks})'],
		[{ blocks: [html('x')] }, "Thinkeo's render result holds a list as its blocks, not the blocks by id"],
		[{ blocks: 'x' }, 'Thinkeo\'s render result holds "x" as its blocks, not the blocks by id'],
	])('refuses %j as a render result', (answer, message) => {
		expect(() => readRenderOutput(answer)).toThrow(message);
	});

	it('keeps publicationId and rootBlockId only as text', () => {
		expect(readRenderOutput({ publicationId: { id: 1 }, rootBlockId: 7, blocks: {} })).toMatchObject({ publicationId: undefined, rootBlockId: undefined });
	});
});

describe('the output of a render', () => {
	type PostReceive = (this: IExecuteSingleFunctions, items: INodeExecutionData[], response: IN8nHttpFullResponse) => Promise<INodeExecutionData[]>;
	const context = (output: string) =>
		({
			getNodeParameter: (name: string, fallback?: unknown) => ({ output, outputFiles: 'none', appId: '' })[name] ?? fallback,
			continueOnFail: () => false,
		}) as unknown as IExecuteSingleFunctions;
	/** The shared step, then the render's own, as the builder chains them for Publication → Create. */
	const shape = async (body: unknown, output = 'document') => {
		const response = { statusCode: 200, headers: {}, body } as IN8nHttpFullResponse;
		const items = await (normalizeItems(false) as PostReceive).call(context(output), [{ json: body as never }], response);
		return await (shapeDocumentOutput('appId') as PostReceive).call(context(output), items, response);
	};

	it('fails an empty list answer instead of losing the item or passing it for an empty document', async () => {
		for (const output of ['document', 'blocks', 'raw']) {
			await expect(shape([], output)).rejects.toThrow('Thinkeo answered with an empty list, not a render result');
		}
	});

	it('makes one item of a result whose blocks are null', async () => {
		expect(await shape({ publicationId: 'p', blocks: { a: null } })).toEqual([
			{ json: { publicationId: 'p', rootBlockId: undefined, document: { html: '' }, blocks: [] } },
		]);
		expect(await shape({ publicationId: 'p', blocks: { a: null } }, 'blocks')).toEqual([{ json: { publicationId: 'p', blocks: [] } }]);
	});
});
