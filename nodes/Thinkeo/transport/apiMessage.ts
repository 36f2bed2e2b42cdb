import type { IDataObject, IN8nHttpFullResponse } from 'n8n-workflow';

/** Longest piece of Thinkeo's text kept in a message: an HTML error page or a stack trace must not flood the UI. */
const MAX_TEXT = 300;

/**
 * Most of an error answer's body that the node reads as text or keeps in an error (UTF-8 bytes of its JSON): enough
 * for Thinkeo's message and details, never a whole file or a 20 MB dump stored with every failed execution.
 */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** Deepest nesting of an error body searched for a message or kept: JSON nested deeper says nothing more. */
const MAX_DEPTH = 16;

/** `text` with its whitespace collapsed, cut to `max` characters; only as much of it is read as is kept. */
export function cap(text: string, max = MAX_TEXT): string {
	const words = /\S+/g;
	let collapsed = '';
	for (let match = words.exec(text); match && collapsed.length <= max; match = words.exec(text)) {
		collapsed += (collapsed ? ' ' : '') + match[0].slice(0, max + 1);
	}
	return collapsed.length > max ? `${collapsed.slice(0, max - 1)}…` : collapsed;
}

/**
 * How a message names a value it refuses, whatever its type: text in quotes (capped), `a number (42)`, `an object`,
 * `a list`… Never converts an object to text, which may throw (no prototype) or say "[object Object]".
 */
export function describeValue(value: unknown): string {
	if (typeof value === 'string') return `"${cap(value, 80)}"`;
	if (typeof value === 'number' || typeof value === 'bigint') return `a number (${String(value)})`;
	if (typeof value === 'boolean') return `a boolean (${String(value)})`;
	if (value === null) return 'null';
	if (value === undefined) return 'nothing';
	if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : `a date (${value.toISOString()})`;
	if (typeof (value as { toISO?: unknown }).toISO === 'function') return 'a date';
	if (typeof value === 'function') return 'a function';
	if (typeof value === 'symbol') return 'a symbol';
	return 'an object';
}

function decodeEntities(text: string): string {
	const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
	return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, code: string) => {
		if (code[0] === '#') {
			const point = code[1].toLowerCase() === 'x' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
			return Number.isFinite(point) && point <= 0x10ffff ? String.fromCodePoint(point) : entity;
		}
		return named[code.toLowerCase()] ?? entity;
	});
}

function stripTags(html: string): string {
	return cap(decodeEntities(html.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<[^>]*>/g, ' ')));
}

function looksLikeHtml(text: string, contentType: string): boolean {
	return /html/i.test(contentType) || /^\s*<(!doctype\s+html|html|head|body|title|h1)\b/i.test(text);
}

/** The readable part of an HTML error page (a proxy's or a gateway's): its title and first heading, else its text. */
function htmlText(html: string): string {
	const element = (tag: string) => {
		const match = new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}\\s*>`, 'i').exec(html);
		return match ? stripTags(match[1]) : '';
	};
	const title = element('title');
	const heading = element('h1');
	if (title && heading && title !== heading) return cap(`${title}: ${heading}`);
	return title || heading || stripTags(html);
}

/** The body as text (at most `max` characters or bytes), or undefined when it is neither text nor bytes. */
function bodyText(body: unknown, max = Infinity): string | undefined {
	if (typeof body === 'string') return body.length > max ? body.slice(0, max) : body;
	if (Buffer.isBuffer(body)) return body.toString('utf8', 0, Math.min(body.length, max));
	if (body instanceof ArrayBuffer) return Buffer.from(body, 0, Math.min(body.byteLength, max)).toString('utf8');
	return undefined;
}

/** The body as JSON when it is JSON (parsed or not yet), else undefined. Text is parsed whole: its message may come last. */
function bodyJson(body: unknown): unknown {
	const text = bodyText(body);
	if (text === undefined) return body ?? undefined;
	if (!/^\s*[[{]/.test(text)) return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

/** What stands for the part of a body left out of a kept copy. */
const TRUNCATED = '…';
/** Room kept for the truncation marks and closing brackets that may follow once the budget has run out. */
const CLOSING_RESERVE = 512;

const jsonBytes = (text: string) => Buffer.byteLength(JSON.stringify(text));

function boundedString(text: string, budget: { left: number }): string {
	let kept = text.length > budget.left ? text.slice(0, Math.max(0, budget.left)) : text;
	let bytes = jsonBytes(kept);
	// Escapes and multi-byte characters can make the JSON up to 6 times longer than the text: halve until it fits.
	while (bytes > budget.left && kept.length > 0) {
		kept = kept.slice(0, Math.floor(kept.length / 2));
		bytes = jsonBytes(kept);
	}
	if (kept.length < text.length) {
		kept += TRUNCATED;
		bytes += Buffer.byteLength(TRUNCATED);
	}
	budget.left -= bytes;
	return kept;
}

function boundedCopy(value: unknown, budget: { left: number }, depth: number): unknown {
	if (typeof value === 'string') return boundedString(value, budget);
	if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
		const kept = typeof value === 'number' && !Number.isFinite(value) ? null : value;
		budget.left -= String(kept).length;
		return kept;
	}
	// Nothing else is JSON (undefined, a function, a bigint…): it is kept as null.
	if (!value || typeof value !== 'object') {
		budget.left -= 4;
		return null;
	}
	if (depth === 0) return boundedString(TRUNCATED, budget);
	budget.left -= 2;
	if (Array.isArray(value)) {
		const copy: unknown[] = [];
		for (const entry of value) {
			if (budget.left <= 0) {
				copy.push(TRUNCATED);
				break;
			}
			// The comma goes between entries only: counting one after the last would cut JSON that fits exactly.
			if (copy.length > 0) budget.left -= 1;
			copy.push(boundedCopy(entry, budget, depth - 1));
		}
		return copy;
	}
	const record = value as Record<string, unknown>;
	const copy: Record<string, unknown> = {};
	// Defined, not assigned: a "__proto__" key of parsed JSON stays a key.
	const keep = (key: string, kept: unknown) =>
		Object.defineProperty(copy, key, { value: kept, enumerable: true, writable: true, configurable: true });
	for (const [index, key] of Object.keys(record).entries()) {
		// The key, its colon, and a comma before every entry but the first.
		const keyBytes = jsonBytes(key) + (index > 0 ? 2 : 1);
		if (budget.left - keyBytes <= 0) {
			keep(TRUNCATED, TRUNCATED);
			break;
		}
		budget.left -= keyBytes;
		keep(key, boundedCopy(record[key], budget, depth - 1));
	}
	return copy;
}

/**
 * A copy of parsed JSON whose own JSON takes at most `maxBytes` (UTF-8) and MAX_DEPTH levels: strings cut, the
 * entries past the budget left out, each cut marked with "…". Whatever it is given, it neither throws nor recurses
 * deeper than MAX_DEPTH.
 */
export function boundedJson(value: unknown, maxBytes = MAX_ERROR_BODY_BYTES): unknown {
	return boundedCopy(value, { left: maxBytes - CLOSING_RESERVE }, MAX_DEPTH);
}

const MESSAGE_KEYS = ['message', 'error', 'detail', 'title', 'error_description', 'msg'];
const DETAIL_KEYS = ['details', 'errors', 'validation', 'fields', 'detail'];
const FIELD_KEYS = ['field', 'path', 'property', 'param', 'parameter', 'name', 'loc'];
const REASON_KEYS = ['message', 'msg', 'detail', 'reason', 'error', 'description'];
/** Longest rendering of validation details built before it is capped: the entries past it are not read. */
const MAX_DETAILS = 2000;
/** Most parts of a path such as `loc: ["body", "name"]` joined. */
const MAX_PATH_PARTS = 32;

function firstString(record: Record<string, unknown>, keys: string[]): string | undefined {
	for (const key of keys) {
		const value = record[key];
		if (typeof value === 'string' && value.trim()) return value.slice(0, MAX_DETAILS);
		if (
			Array.isArray(value) &&
			value.length > 0 &&
			value.length <= MAX_PATH_PARTS &&
			value.every((part) => typeof part === 'string' || typeof part === 'number')
		) {
			return value.join('.').slice(0, MAX_DETAILS);
		}
	}
	return undefined;
}

const compactJson = (value: unknown) => JSON.stringify(boundedJson(value, MAX_TEXT));

/** One entry of a list of validation details: `field: reason`, else the entry itself. */
function listedDetail(entry: unknown): string {
	if (typeof entry === 'string' || typeof entry === 'number') return String(entry).slice(0, MAX_DETAILS);
	if (!entry || typeof entry !== 'object') return '';
	const record = entry as Record<string, unknown>;
	const field = firstString(record, FIELD_KEYS);
	const reason = firstString(record, REASON_KEYS);
	if (reason) return field ? `${field}: ${reason}` : reason;
	return compactJson(entry);
}

/**
 * Validation details in whatever shape they come, compactly: `name: is required; kind: unknown value`. Reads only
 * as many entries, as deep, as its rendering can show.
 */
function renderDetails(details: unknown, depth = 0): string {
	if (typeof details === 'string') return details.slice(0, MAX_DETAILS);
	if (!details || typeof details !== 'object' || depth > MAX_DEPTH) return '';
	const parts: string[] = [];
	let length = 0;
	const add = (text: string) => {
		if (text) parts.push(text);
		length += text.length + 2;
		return length <= MAX_DETAILS;
	};
	if (Array.isArray(details)) {
		for (const entry of details) if (!add(listedDetail(entry))) break;
	} else {
		const record = details as Record<string, unknown>;
		for (const key of Object.keys(record)) {
			const value = record[key];
			const text = typeof value === 'string' ? value.slice(0, MAX_DETAILS) : renderDetails(value, depth + 1) || compactJson(value);
			if (!add(`${key.slice(0, MAX_TEXT)}: ${text}`)) break;
		}
	}
	return parts.join('; ');
}

function messageOf(json: unknown, depth = 0): string {
	if (typeof json === 'string') return json.trim();
	if (depth > MAX_DEPTH) return '';
	if (Array.isArray(json)) return renderDetails(json, depth);
	if (!json || typeof json !== 'object') return '';
	const record = json as Record<string, unknown>;
	for (const key of MESSAGE_KEYS) {
		const value = record[key];
		const found = Array.isArray(value) ? renderDetails(value, depth + 1) : messageOf(value, depth + 1);
		if (found) return found;
	}
	return '';
}

/** Thinkeo's message in JSON text cut short (a stream's first 64 KB): the first string under a message key. */
function messageInJsonText(text: string): string {
	for (const key of MESSAGE_KEYS) {
		const match = new RegExp(`"${key}"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)"`).exec(text);
		if (!match) continue;
		try {
			const value = JSON.parse(`"${match[1]}"`) as string;
			if (value.trim()) return value;
		} catch {
			// An escape cut in the middle: the next key may do.
		}
	}
	return '';
}

/**
 * `text` without the secrets an API might echo back (a proxy or a debug page quoting the request): what follows
 * Bearer or Basic (16 characters or more: "invalid bearer token" stays as it is), and Thinkeo's API tokens (`tkak_…`).
 * Errors show and keep Thinkeo's text; never those.
 */
export function withoutEchoedSecrets(text: string): string {
	return text.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{16,}/gi, '$1 [redacted]').replace(/tkak_[A-Za-z0-9_-]+/g, '[redacted token]');
}

/** Thinkeo's explanation in an error answer's body, and the body as an error may keep it. */
export interface ErrorBody {
	/** JSON `message`/`error`/`detail` (nested too), plain text or HTML, at most 300 characters; '' if none. */
	message: string;
	/** The body's JSON within MAX_ERROR_BODY_BYTES (see boundedJson), or undefined when the body is not JSON. */
	json: unknown;
}

/**
 * Reads an error answer's body, whatever it holds (text, bytes, parsed JSON, up to any size or depth): Thinkeo's
 * message is found in the whole body before all but MAX_ERROR_BODY_BYTES of it is dropped; text that is not JSON is
 * read from its first MAX_ERROR_BODY_BYTES only.
 */
export function readErrorBody(body: unknown, contentType = ''): ErrorBody {
	const json = bodyJson(body);
	if (json !== undefined) {
		// The patterns hold no quote or backslash, so the JSON text stays JSON.
		const kept = JSON.parse(withoutEchoedSecrets(JSON.stringify(boundedJson(json)) ?? 'null')) as unknown;
		return { message: withoutEchoedSecrets(cap(messageOf(json))), json: kept };
	}
	const text = bodyText(body, MAX_ERROR_BODY_BYTES) ?? '';
	if (looksLikeHtml(text, contentType)) return { message: withoutEchoedSecrets(htmlText(text)), json: undefined };
	return { message: withoutEchoedSecrets(cap(messageInJsonText(text) || text)), json: undefined };
}

/** Thinkeo's own explanation from an error body (see readErrorBody). */
export function apiErrorMessage(body: unknown, contentType = ''): string {
	return readErrorBody(body, contentType).message;
}

/** Validation details of a 400/422 body (`details`, `errors`…, at the top or under `error`), rendered compactly. */
export function validationDetails(body: unknown): string {
	const json = bodyJson(body);
	if (!json || typeof json !== 'object' || Array.isArray(json)) return '';
	const record = json as Record<string, unknown>;
	const nested = record.error && typeof record.error === 'object' ? (record.error as Record<string, unknown>) : {};
	for (const holder of [record, nested]) {
		for (const key of DETAIL_KEYS) {
			const value = holder[key];
			// A string `detail` is the message itself (FastAPI style), not details.
			if (value && typeof value === 'object') {
				const rendered = renderDetails(value);
				if (rendered) return cap(rendered, 500);
			}
		}
	}
	return '';
}

/** A header of an answer or a request, whatever the case of its name. */
export function header(headers: IN8nHttpFullResponse['headers'] | IDataObject | undefined, name: string): string | undefined {
	const entry = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name);
	const value = Array.isArray(entry?.[1]) ? (entry?.[1] as unknown[])[0] : entry?.[1];
	return value === undefined || value === null ? undefined : String(value);
}
