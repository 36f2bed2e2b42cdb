/**
 * A document's HTML as plain text for a model: headings and paragraphs on lines of their own, list items as `- ` or
 * `1. ` lines, table cells joined by ` | `, a link's address after its text when it differs, no markup. A hand-written
 * scanner rather than regular expressions over tags: it reads any input in one pass, whatever its quotes or stray
 * `<`, and never throws.
 */

/** Elements that start and end a block of text: a blank line before and after. */
const BLOCKS = new Set([
	'address', 'article', 'aside', 'blockquote', 'body', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset', 'figcaption',
	'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'html', 'main', 'nav', 'ol', 'p',
	'pre', 'section', 'summary', 'table', 'ul',
]);

/** Elements whose content is not text a reader sees. */
const HIDDEN = new Set(['head', 'noscript', 'script', 'style', 'template', 'title']);

/** Nested lists deeper than this are indented as this deep: an indent per level would grow the text quadratically. */
const MAX_LIST_INDENT = 8;

const NAMED_ENTITIES: Record<string, string> = {
	amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', mdash: '—', ndash: '–', lsquo: '‘',
	rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', copy: '©', reg: '®', trade: '™', euro: '€', bull: '•',
	middot: '·', deg: '°', times: '×',
};

/** Text with its character references decoded; an unknown name stays as written, a bad number becomes U+FFFD. */
export function decodeEntities(text: string): string {
	return text.replace(/&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|[a-zA-Z]{2,8});/g, (whole, reference: string) => {
		if (reference[0] !== '#') return NAMED_ENTITIES[reference] ?? whole;
		const code = reference[1] === 'x' || reference[1] === 'X' ? parseInt(reference.slice(2), 16) : parseInt(reference.slice(1), 10);
		return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
	});
}

interface Tag {
	name: string;
	closing: boolean;
	attributes: string;
}

/** The tag starting at `start` (a `<`) and where it ends, or undefined when the `<` starts no tag (`a < b`). */
function readTag(html: string, start: number): { tag?: Tag; end: number } | undefined {
	if (html.startsWith('<!--', start)) {
		const close = html.indexOf('-->', start + 4);
		return { end: close === -1 ? html.length : close + 3 };
	}
	const next = html[start + 1] ?? '';
	const closing = next === '/';
	const nameStart = closing ? start + 2 : start + 1;
	const isDeclaration = next === '!' || next === '?';
	if (!isDeclaration && !/[a-zA-Z]/.test(html[nameStart] ?? '')) return undefined;
	let position = nameStart;
	while (position < html.length && /[\w:-]/.test(html[position])) position += 1;
	const name = html.slice(nameStart, position).toLowerCase();
	// Up to the `>` outside quotes; a tag the document never closes runs to its end and is dropped, as a browser does.
	let quote = '';
	const attributesStart = position;
	for (; position < html.length; position += 1) {
		const char = html[position];
		if (quote) {
			if (char === quote) quote = '';
		} else if (char === '"' || char === "'") {
			quote = char;
		} else if (char === '>') {
			break;
		}
	}
	const attributes = html.slice(attributesStart, position);
	return { tag: isDeclaration ? undefined : { name, closing, attributes }, end: Math.min(position + 1, html.length) };
}

/** The value of an attribute in a tag's attribute text, decoded. */
function attributeValue(attributes: string, name: string): string | undefined {
	const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(attributes);
	const value = match ? (match[1] ?? match[2] ?? match[3]) : undefined;
	return value === undefined ? undefined : decodeEntities(value).trim();
}

/** One open list: its kind and the number of the next item. */
interface OpenList {
	ordered: boolean;
	next: number;
}

/** The text without the spaces and tabs that end it; a loop, as `/[ \t]+$/` takes quadratic time on a long run of spaces. */
function trimTrailingSpaces(text: string): string {
	let end = text.length;
	while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end -= 1;
	return text.slice(0, end);
}

/**
 * The text being written, in pieces: line breaks are owed until text follows, so nested elements add no empty lines
 * and the text never needs reading back (a string read from its end on every break would make a long document slow).
 */
class PlainText {
	private readonly parts: string[] = [];
	private owedBreaks = 0;
	private endsWithSpace = true;

	/** Ends the line, or with `blank` the paragraph, before any further text. */
	breakLine(blank: boolean) {
		while (this.parts.length && !this.owedBreaks) {
			const last = trimTrailingSpaces(this.parts[this.parts.length - 1]);
			if (last) {
				this.parts[this.parts.length - 1] = last;
				break;
			}
			this.parts.pop();
		}
		if (this.parts.length) this.owedBreaks = Math.max(this.owedBreaks, blank ? 2 : 1);
	}

	/** Text as it reads; `keepSpaces` for preformatted text and list markers, else a space after a space or a line start is dropped. */
	write(text: string, keepSpaces = false) {
		const written = keepSpaces || !(this.endsWithSpace || this.owedBreaks) ? text : text.replace(/^ /, '');
		if (!written) return;
		if (this.owedBreaks) this.parts.push('\n'.repeat(this.owedBreaks));
		this.owedBreaks = 0;
		this.parts.push(written);
		this.endsWithSpace = written.endsWith(' ') || written.endsWith('\n');
	}

	/** Where the text is now, to read what was written since (a link's label). */
	mark(): number {
		return this.parts.length;
	}

	since(mark: number): string {
		return this.parts.slice(mark).join('').trim();
	}

	toString(): string {
		return this.parts
			.join('')
			.split('\n')
			.map((line) => line.trimEnd())
			.join('\n')
			.replace(/\n{3,}/g, '\n\n')
			.trim();
	}
}

/** The plain text of an HTML document or fragment (see the file's comment). */
export function htmlToText(html: string): string {
	const out = new PlainText();
	const lists: OpenList[] = [];
	// A link cannot hold another: a browser closes the open one when the next starts, and so does this (a label read
	// back per nested link would take quadratic time).
	let openLink: { href?: string; start: number } | undefined;
	const closeLink = () => {
		if (!openLink) return;
		const { href, start } = openLink;
		openLink = undefined;
		const label = out.since(start);
		// Not `keepSpaces`: a label ending in a space takes the address after that space.
		if (href && /^(https?:|mailto:)/i.test(href) && href !== label) out.write(label ? ` (${href})` : href);
	};
	let preformatted = 0;
	let cellsInRow = 0;
	const breakLine = (blank: boolean) => out.breakLine(blank);
	const addText = (raw: string) => {
		const decoded = decodeEntities(raw);
		if (preformatted) out.write(decoded, true);
		else out.write(decoded.replace(/\s+/g, ' '));
	};
	let position = 0;
	while (position < html.length) {
		const open = html.indexOf('<', position);
		const textEnd = open === -1 ? html.length : open;
		if (textEnd > position) addText(html.slice(position, textEnd));
		if (open === -1) break;
		const read = readTag(html, open);
		if (!read) {
			addText('<');
			position = open + 1;
			continue;
		}
		position = read.end;
		const { tag } = read;
		if (!tag) continue;
		const { name, closing, attributes } = tag;
		if (HIDDEN.has(name)) {
			// Its content is raw text up to its own end tag, as a browser reads it: no tag or comment inside counts, and
			// a self-closing slash does not end it.
			if (!closing) {
				const end = new RegExp(`</${name}[\\s/>]`, 'gi');
				end.lastIndex = position;
				position = end.exec(html)?.index ?? html.length;
			}
			continue;
		}
		if (name === 'br') {
			breakLine(false);
		} else if (name === 'li') {
			if (closing) continue;
			breakLine(false);
			const list = lists[lists.length - 1];
			const indent = '  '.repeat(Math.min(Math.max(lists.length - 1, 0), MAX_LIST_INDENT));
			out.write(list?.ordered ? `${indent}${list.next++}. ` : `${indent}- `, true);
		} else if (name === 'ul' || name === 'ol') {
			if (closing) lists.pop();
			else lists.push({ ordered: name === 'ol', next: Number(attributeValue(attributes, 'start')) || 1 });
			breakLine(lists.length === 0);
		} else if (name === 'tr') {
			cellsInRow = 0;
			breakLine(false);
		} else if (name === 'td' || name === 'th') {
			if (!closing && cellsInRow++ > 0) out.write(' | ', true);
		} else if (name === 'a') {
			closeLink();
			if (!closing) openLink = { href: attributeValue(attributes, 'href'), start: out.mark() };
		} else if (name === 'img') {
			const alt = attributeValue(attributes, 'alt');
			if (alt) addText(` ${alt} `);
		} else if (BLOCKS.has(name)) {
			if (name === 'pre') preformatted = Math.max(preformatted + (closing ? -1 : 1), 0);
			breakLine(true);
		}
	}
	closeLink();
	return out.toString();
}
