/**
 * htmlToText (simplify/htmlText.ts), the document as plain text that Simplify gives a model: exact text for the
 * shapes Thinkeo renders, and for any markup (random trees of elements around paragraphs, random strings) it never
 * throws, leaves no tag and keeps the text of every paragraph.
 */
import fc from 'fast-check';

import { decodeEntities, htmlToText } from '../../nodes/Thinkeo/simplify/htmlText';

describe('htmlToText, on the shapes a document has', () => {
	it.each([
		[
			'the Demo Report template',
			'<h1>Supplier costs 2026</h1><p>Report on 2 topic(s).</p><ul><li>Energy prices</li><li>Logistics</li></ul><p>Budget: <strong>1200</strong></p>',
			'Supplier costs 2026\n\nReport on 2 topic(s).\n\n- Energy prices\n- Logistics\n\nBudget: 1200',
		],
		['an ordered list from 3', '<ol start="3"><li>a</li><li>b</li></ol>', '3. a\n4. b'],
		['a nested list', '<ul><li>a<ul><li>a1</li></ul></li><li>b</li></ul>', '- a\n  - a1\n- b'],
		['a link to elsewhere', '<p>See <a href="https://x.test/a?b=1&amp;c=2">the spec</a>.</p>', 'See the spec (https://x.test/a?b=1&c=2).'],
		['a link showing its address', '<p><a href="https://x.test/f">https://x.test/f</a></p>', 'https://x.test/f'],
		['a table', '<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>', 'A | B\n1 | 2'],
		['entities', '<p>R&amp;D &lt;b&gt; &#233;t&#xE9; &nbsp;&unknown; &#0;</p>', 'R&D <b> été &unknown; \ufffd'],
		['script, style and comments', '<style>p{}</style><p>a<!-- b --></p><script>if (a < b) x()</script>', 'a'],
		['line breaks and spaces', '<p>one<br>two   three\n four</p>', 'one\ntwo three four'],
		['a preformatted block', '<pre>a\n  b</pre>', 'a\n  b'],
		['a stray < and an unclosed tag', '<p>a < b</p><div class="x', 'a < b'],
		['a quoted >', '<p title="a>b">text</p>', 'text'],
		['an image', '<p><img src="c.png" alt="Chart of costs"></p>', 'Chart of costs'],
		['nothing', '', ''],
		['a self-closing script, which a browser does not close', '<p>a</p><script src=x />alert(document.cookie)</script><p>b</p>', 'a\n\nb'],
		['a script holding an end tag lookalike and a comment opener', '<SCRIPT>if (a<b) x="</scripts><p>no</p><!--"</Script ><p>yes</p>', 'yes'],
		['a link inside a link, closed as a browser does', '<a href="https://x.test">one <a href="https://y.test">two</a> three</a>', 'one (https://x.test)two (https://y.test) three'],
	])('%s', (_name, html, text) => {
		expect(htmlToText(html)).toBe(text);
	});
});

const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9.,!?'-]{0,11}$/);
const paragraphText = fc.array(word, { minLength: 1, maxLength: 8 }).map((words) => words.join(' '));
const blockTag = fc.constantFrom('p', 'div', 'h1', 'h2', 'h3', 'section', 'blockquote', 'li', 'td', 'th', 'span', 'strong', 'em');
const wrapper = fc.constantFrom('div', 'section', 'ul', 'ol', 'table', 'tr', 'article', 'b', 'a');
const attributes = fc.constantFrom('', ' class="x"', ' href="https://x.test/a"', " title='a > b'", ' data-x=1');

/** A document: paragraphs of words in random elements, grouped in random containers, and their texts. */
const documents = fc
	.array(fc.tuple(blockTag, attributes, paragraphText), { minLength: 1, maxLength: 12 })
	.chain((paragraphs) =>
		fc.tuple(fc.constant(paragraphs), fc.array(fc.tuple(wrapper, attributes), { maxLength: 4 })).map(([items, wrappers]) => {
			const body = items.map(([tag, attrs, text]) => `<${tag}${attrs}>${text}</${tag}>`).join('');
			const html = wrappers.reduce((inner, [tag, attrs]) => `<${tag}${attrs}>${inner}</${tag}>`, body);
			return { html, texts: items.map(([, , text]) => text) };
		}),
	);

const squeeze = (text: string) => text.replace(/\s+/g, ' ');

describe('htmlToText, for any markup', () => {
	it('keeps the text of every paragraph and leaves no tag', () => {
		fc.assert(
			fc.property(documents, ({ html, texts }) => {
				const text = htmlToText(html);
				expect(text).not.toMatch(/[<>]/);
				for (const paragraph of texts) expect(squeeze(text)).toContain(paragraph);
			}),
			{ numRuns: 300 },
		);
	});

	it('never throws and leaves no tag, whatever the markup', () => {
		// Text without `<` or `&` (a character reference may stand for `<`): every `<` then starts markup, and none may remain.
		const text = fc.string().map((value) => value.replace(/[<&]/g, ''));
		const markup = fc.constantFrom('>', '"', "'", '<p', '</p', '<!--', '-->', '<br/>', '<a href="', '<?x', '<!x', '<script>', '</script');
		fc.assert(
			fc.property(fc.array(fc.oneof(text, markup), { maxLength: 30 }), (parts) => {
				expect(htmlToText(parts.join(''))).not.toContain('<');
			}),
			{ numRuns: 500 },
		);
	});

	it('reads a long document in one pass', () => {
		const html = `${'<p>word  <b>bold</b></p><br>'.repeat(20_000)}<pre>${' '.repeat(100_000)}x</pre><div class="${'a'.repeat(100_000)}`;
		const started = Date.now();
		const text = htmlToText(html);
		expect(Date.now() - started).toBeLessThan(2_000);
		expect(text.split('word bold')).toHaveLength(20_001);
	});

	it('reads links nested 40,000 deep in one pass: each label is read back once', () => {
		const html = `${'<a href="https://e.test">x'.repeat(40_000)}${'</a>'.repeat(40_000)}`;
		const started = Date.now();
		const text = htmlToText(html);
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(text.split('(https://e.test)')).toHaveLength(40_001);
	});

	it('indents lists nested 40,000 deep at most 8 levels: the text stays proportional to the HTML', () => {
		const html = '<ul><li>x'.repeat(40_000);
		const text = htmlToText(html);
		expect(text.length).toBeLessThan(html.length * 3);
		expect(text.split('\n').at(-1)).toBe(`${'  '.repeat(8)}- x`);
	});

	it('decodes any numeric reference to the character or U+FFFD', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 0x11ffff }), (code) => {
				const decoded = decodeEntities(`&#${code};`);
				const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
				expect(decoded).toBe(valid ? String.fromCodePoint(code) : '\ufffd');
			}),
		);
	});
});
