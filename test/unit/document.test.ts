import { assembleDocument } from '../../nodes/Thinkeo/shared/document';

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
