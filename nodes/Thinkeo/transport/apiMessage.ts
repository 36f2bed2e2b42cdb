import type { IDataObject, IN8nHttpFullResponse } from 'n8n-workflow';

/** Longest piece of Thinkeo's text kept in a message: an HTML error page or a stack trace must not flood the UI. */
const MAX_TEXT = 300;

export function cap(text: string, max = MAX_TEXT): string {
	const collapsed = text.replace(/\s+/g, ' ').trim();
	return collapsed.length > max ? `${collapsed.slice(0, max - 1)}…` : collapsed;
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

function bodyText(body: unknown): string | undefined {
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
	return undefined;
}

/** The body as JSON when it is JSON (parsed or not yet), else undefined. */
export function bodyJson(body: unknown): unknown {
	const text = bodyText(body);
	if (text === undefined) return body ?? undefined;
	if (!/^\s*[[{]/.test(text)) return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

const MESSAGE_KEYS = ['message', 'error', 'detail', 'title', 'error_description', 'msg'];
const DETAIL_KEYS = ['details', 'errors', 'validation', 'fields', 'detail'];
const FIELD_KEYS = ['field', 'path', 'property', 'param', 'parameter', 'name', 'loc'];
const REASON_KEYS = ['message', 'msg', 'detail', 'reason', 'error', 'description'];

function firstString(record: Record<string, unknown>, keys: string[]): string | undefined {
	for (const key of keys) {
		const value = record[key];
		if (typeof value === 'string' && value.trim()) return value;
		if (Array.isArray(value) && value.length && value.every((part) => typeof part === 'string' || typeof part === 'number')) {
			return value.join('.');
		}
	}
	return undefined;
}

/** Validation details in whatever shape they come, compactly: `name: is required; kind: unknown value`. */
function renderDetails(details: unknown): string {
	if (typeof details === 'string') return details;
	if (Array.isArray(details)) {
		return details
			.map((entry) => {
				if (typeof entry === 'string' || typeof entry === 'number') return String(entry);
				if (!entry || typeof entry !== 'object') return '';
				const record = entry as Record<string, unknown>;
				const field = firstString(record, FIELD_KEYS);
				const reason = firstString(record, REASON_KEYS);
				if (reason) return field ? `${field}: ${reason}` : reason;
				return JSON.stringify(entry);
			})
			.filter(Boolean)
			.join('; ');
	}
	if (details && typeof details === 'object') {
		return Object.entries(details as Record<string, unknown>)
			.map(([key, value]) => `${key}: ${typeof value === 'string' ? value : renderDetails(value) || JSON.stringify(value)}`)
			.join('; ');
	}
	return '';
}

function messageOf(json: unknown): string {
	if (typeof json === 'string') return json.trim();
	if (Array.isArray(json)) return renderDetails(json);
	if (!json || typeof json !== 'object') return '';
	const record = json as Record<string, unknown>;
	for (const key of MESSAGE_KEYS) {
		const value = record[key];
		const found = Array.isArray(value) ? renderDetails(value) : messageOf(value);
		if (found) return found;
	}
	return '';
}

/** Thinkeo's own explanation from an error body: JSON `message`/`error`/`detail` (nested too), plain text or HTML. */
export function apiErrorMessage(body: unknown, contentType = ''): string {
	const json = bodyJson(body);
	if (json !== undefined) return cap(messageOf(json));
	const text = bodyText(body) ?? '';
	return looksLikeHtml(text, contentType) ? htmlText(text) : cap(text);
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
