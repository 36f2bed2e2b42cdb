import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INode,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { rateLimitNote } from './rateLimit';
import { resendSentRequest } from './renewal';

/** Longest piece of Thinkeo's text kept in a message: an HTML error page or a stack trace must not flood the UI. */
const MAX_TEXT = 300;

/** What the node sent, so a hint can name it: the 404's IDs, the 413's size, the 415's type. */
export interface SentRequest {
	/** The IDs the request used, e.g. `[{label: 'App', value: '0192…'}]`. */
	ids?: Array<{ label: string; value: string }>;
	contentType?: string;
	bodyBytes?: number;
}

/** Hints that replace the default one of some statuses, e.g. a 401 of an endpoint that takes no token. */
export type StatusHints = Partial<Record<number, string>>;

function cap(text: string, max = MAX_TEXT): string {
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

function header(headers: IN8nHttpFullResponse['headers'] | IDataObject | undefined, name: string): string | undefined {
	const entry = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name);
	const value = Array.isArray(entry?.[1]) ? (entry?.[1] as unknown[])[0] : entry?.[1];
	return value === undefined || value === null ? undefined : String(value);
}

function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} bytes`;
	const units = ['KB', 'MB', 'GB'];
	let value = bytes / 1024;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit += 1;
	}
	return `${value.toFixed(1)} ${units[unit]} (${bytes} bytes)`;
}

/** Retry-After holds seconds or an HTTP date. */
function retryAfterText(value: string): string {
	if (/^\d+$/.test(value.trim())) return `${value.trim()} s`;
	return value.trim();
}

function statusHint(status: number, step: string, response: IN8nHttpFullResponse, sent: SentRequest): string | undefined {
	switch (status) {
		case 400:
		case 422: {
			const details = validationDetails(response.body);
			return details
				? `Thinkeo found the request invalid. Details: ${details}`
				: "Thinkeo found the request invalid. Check this operation's fields against Thinkeo's message above.";
		}
		case 401:
			return "The credential was rejected: the token Thinkeo just issued was rejected too. n8n renews the token once per 401; in Email & Password mode it keeps a token that GET /teams still accepts instead of creating another, so rejections pile up no tokens. A token Thinkeo accepts elsewhere but not here lacks a scope, or a proxy or firewall refuses it; otherwise check the Thinkeo API credential (email and password, or the API token) and that its team still exists.";
		case 403:
			return `The credential's token is valid but not allowed to run ${step}. Its scope is too narrow: a token limited to generating publications, for example, can only run Publication → Create. Use a token with all rights, or an account with the needed role (e.g. Team Administrator).`;
		case 404: {
			const ids = (sent.ids ?? []).map(({ label, value }) => `${label} ${value}`);
			return ids.length
				? `Thinkeo found nothing for ${ids.join(', ')}: check ${ids.length > 1 ? 'these IDs' : 'this ID'}. It may be misspelt, deleted or belong to another team than the credential's.`
				: 'Thinkeo found no such object or endpoint. Check the IDs of this operation and the Base URL of the credential.';
		}
		case 413:
			return sent.bodyBytes !== undefined
				? `Thinkeo refused the request body as too large: this request sent ${formatBytes(sent.bodyBytes)}. Send a smaller file or less data.`
				: 'Thinkeo refused the request body as too large. Send a smaller file or less data.';
		case 415:
			return sent.contentType
				? `Thinkeo does not accept the content type that was sent: "${sent.contentType}". For a file, set the MIME Type option to the file's real type.`
				: 'Thinkeo does not accept the content type of this request.';
		case 429: {
			const retryAfter = header(response.headers, 'retry-after');
			const wait = retryAfter ? ` It asks to wait ${retryAfterText(retryAfter)} (Retry-After: ${retryAfter}).` : '';
			return `Thinkeo is limiting the request rate.${wait} Turn on "Retry On Fail" in the node's Settings with a wait at least that long, or space the requests out with Request Options → Batching.`;
		}
		default:
			return status >= 500
				? `The problem is on Thinkeo's side (HTTP ${status}), not in this node's input. Try again later; "Retry On Fail" in the node's Settings retries automatically.`
				: undefined;
	}
}

/**
 * The error for a Thinkeo answer with status ≥ 400: `step` says what failed, Thinkeo's own text says why, and the
 * description gives a hint for the status, concrete with what `sent` knows about the request.
 */
export function thinkeoApiError(
	node: INode,
	step: string,
	response: IN8nHttpFullResponse,
	sent: SentRequest = {},
	hints: StatusHints = {},
): NodeApiError {
	const status = response.statusCode;
	const contentType = header(response.headers, 'content-type') ?? '';
	const reason = apiErrorMessage(response.body, contentType) || response.statusMessage || 'no details given';
	const message = `Thinkeo rejected ${step} (HTTP ${status}): ${reason}`;
	const json = bodyJson(response.body);
	const errorBody = (json && typeof json === 'object' ? json : { body: reason }) as JsonObject;
	const error = new NodeApiError(node, errorBody, {
		message,
		description: [hints[status] ?? statusHint(status, step, response, sent), rateLimitNote(response)].filter(Boolean).join(' '),
		httpCode: String(status),
	});
	// NodeApiError swaps a message that mentions a Node.js error code (e.g. "EPERM") for a generic one; keep Thinkeo's.
	error.message = message;
	return error;
}

/**
 * n8n throws a 401 itself, after renewing the token once (the status it must see to renew): this gives it the same
 * message and hint as any other status. Thinkeo's body is in the error's context, where n8n keeps it.
 */
export function rejectedTokenError(node: INode, step: string, error: unknown): NodeApiError | undefined {
	const candidate = error as { httpCode?: unknown; context?: { data?: unknown }; description?: unknown };
	if (String(candidate?.httpCode) !== '401') return undefined;
	const body = candidate.context?.data ?? (typeof candidate.description === 'string' ? { message: candidate.description } : {});
	const response = { statusCode: 401, statusMessage: 'Unauthorized', headers: {}, body } as IN8nHttpFullResponse;
	return thinkeoApiError(node, step, response);
}

/** What a hint can say about a request from its options: the size and the content type of its body. */
export function describeBody(options: Pick<IHttpRequestOptions, 'body' | 'headers'>): Omit<SentRequest, 'ids'> {
	const { body, headers } = options;
	const declaredLength = header(headers, 'content-length');
	let bodyBytes: number | undefined;
	if (Buffer.isBuffer(body)) bodyBytes = body.length;
	else if (typeof body === 'string') bodyBytes = Buffer.byteLength(body);
	else if (declaredLength !== undefined && /^\d+$/.test(declaredLength)) bodyBytes = Number(declaredLength);
	else if (body && typeof body === 'object' && typeof (body as { pipe?: unknown }).pipe !== 'function') {
		bodyBytes = Buffer.byteLength(JSON.stringify(body));
	}
	const isJsonBody = !!body && typeof body === 'object' && !Buffer.isBuffer(body) && typeof (body as { pipe?: unknown }).pipe !== 'function';
	const contentType = header(headers, 'content-type') ?? (isJsonBody ? 'application/json' : undefined);
	return { bodyBytes, contentType };
}

/**
 * Thrown by the status check for the request wrapper (transport/send.ts) to turn into a NodeApiError: only the wrapper
 * knows what was sent (IDs, body size, content type), which the hints name.
 */
export class ThinkeoStatusError extends Error {
	constructor(readonly response: IN8nHttpFullResponse) {
		super(`Thinkeo answered HTTP ${response.statusCode}`);
		this.name = 'ThinkeoStatusError';
	}
}

function isJsonContentType(contentType: string): boolean {
	return /^application\/([\w.+-]+\+)?json\b/i.test(contentType.trim());
}

/** Why a 2xx answer that says it is JSON does not parse (n8n then hands it over as a string), or undefined. */
export function malformedJson(response: IN8nHttpFullResponse): string | undefined {
	const contentType = header(response.headers, 'content-type') ?? '';
	if (typeof response.body !== 'string' || !isJsonContentType(contentType) || response.body.trim() === '') return undefined;
	try {
		JSON.parse(response.body);
		return undefined;
	} catch (error) {
		return (error as Error).message;
	}
}

/** The error for an answer `malformedJson` found broken (`parseError` is its reason). */
export function malformedJsonError(node: INode, step: string, response: IN8nHttpFullResponse, parseError: string): NodeApiError {
	const text = String(response.body);
	const contentType = header(response.headers, 'content-type') ?? '';
	const message = `Thinkeo's answer to ${step} is not valid JSON (HTTP ${response.statusCode}, ${contentType}): ${parseError}`;
	const error = new NodeApiError(node, { body: cap(text, 200) } as JsonObject, {
		message,
		description: `The answer starts with: ${cap(text, 200)}. The problem is on Thinkeo's side (or a proxy in between), not in this node's input; try again later.`,
		httpCode: String(response.statusCode),
	});
	error.message = message;
	return error;
}

const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

/**
 * Whether an answer is a redirect. No request of the node follows a redirect (`disableFollowRedirect`): n8n would
 * send the credential's Authorization header along to whatever origin the Location names, https or not.
 */
export function isRedirect(response: IN8nHttpFullResponse): boolean {
	return REDIRECT_STATUSES.includes(response.statusCode);
}

/** The error for a redirect answer (see isRedirect). */
export function redirectError(node: INode, step: string, response: IN8nHttpFullResponse): NodeApiError {
	const location = header(response.headers, 'location');
	const message = `Thinkeo answered ${step} with a redirect (HTTP ${response.statusCode}${location ? ` to ${location}` : ''}), which the node does not follow`;
	const error = new NodeApiError(node, { message } as JsonObject, {
		message,
		description:
			"The node follows no redirect, so the credential's token never leaves the credential's Base URL. Set the Base URL to the address the Thinkeo API really answers on.",
		httpCode: String(response.statusCode),
	});
	error.message = message;
	return error;
}

function responseCheck(renewsToken: boolean) {
	return async function (
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		if (response.statusCode === 401 && renewsToken) {
			// Only on n8n 1.x, which lets the 401 through without renewing the token (see renewal.ts).
			const resent = await resendSentRequest.call(this);
			if (resent) {
				// The later postReceive steps read this same answer object.
				Object.assign(response, resent);
				if (resent.statusCode < 400) return [{ json: resent.body as IDataObject }];
			}
		}
		if (response.statusCode >= 400) throw new ThinkeoStatusError(response);
		if (isRedirect(response)) throw redirectError(this.getNode(), operationStep.call(this), response);
		const parseError = malformedJson(response);
		if (parseError) throw malformedJsonError(this.getNode(), operationStep.call(this), response, parseError);
		return items;
	};
}

/**
 * Shared postReceive, first of every operation: a status ≥ 400 stops the item (the request wrapper turns it into a
 * NodeApiError with Thinkeo's message and a hint), and so does a 2xx answer whose JSON does not parse.
 */
export const checkResponse = responseCheck(true);

/** The same for the /auth/* endpoints, whose 401 means a wrong input, not a token to renew. */
export const checkPublicEndpointResponse = responseCheck(false);

/** How messages name the operation: "publication create". */
export function operationStep(this: IExecuteSingleFunctions): string {
	return `${String(this.getNodeParameter('resource'))} ${String(this.getNodeParameter('operation'))}`;
}

/** The hint of a 401 on the /auth/* endpoints, which take no token: what was wrong is the operation's input. */
export const PUBLIC_ENDPOINT_HINTS: StatusHints = {
	401: "Thinkeo did not accept the email, password, code or token given in this operation's fields.",
};

/**
 * What an error may keep as its `cause`: name, message, code and status. n8n stores an error's cause with the
 * execution (1.x serialises it in full), and a request error's cause holds the socket and request objects, whose
 * `_httpMessage._header` and `_redirectable._options.headers` carry the Authorization header.
 */
export function cleanCause(cause: unknown): JsonObject {
	const { name, message, code, status, response } = (cause ?? {}) as {
		name?: unknown;
		message?: unknown;
		code?: unknown;
		status?: unknown;
		response?: { status?: unknown };
	};
	const clean: JsonObject = { name: String(name ?? 'Error'), message: String(message ?? '') };
	if (typeof code === 'string') clean.code = code;
	const httpStatus = Number(status ?? response?.status);
	if (Number.isFinite(httpStatus)) clean.status = httpStatus;
	return clean;
}

/**
 * The error to hand to n8n for a failed request: `error` with its secrets redacted and its cause replaced by a clean
 * copy (see cleanCause). Every request path of the node throws through this.
 */
export function withoutSecrets(error: unknown): JsonObject {
	redactSecrets(error);
	if (error instanceof Error) {
		if (error.cause !== undefined) error.cause = cleanCause(error.cause);
		// A plain request error becomes the cause of the NodeApiError built from it: keep a clean copy only.
		if (!('node' in error)) return cleanCause(error);
	}
	return error as JsonObject;
}

const SECRET_HEADERS = /^(authorization|proxy-authorization|cookie)$/i;
const REDACTED = '[redacted]';

/**
 * Removes the Authorization header (and Basic auth passwords) from whatever request options an error carries:
 * n8n's request errors keep the failed request (axios `config`, `request`, `options`) in their cause, and errors
 * end up in the execution data n8n stores.
 */
export function redactSecrets(error: unknown, seen = new Set<unknown>(), depth = 0): void {
	if (!error || typeof error !== 'object' || seen.has(error) || depth > 6) return;
	seen.add(error);
	const record = error as Record<string, unknown>;
	for (const key of ['headers', '_headers']) {
		const headers = record[key];
		if (headers && typeof headers === 'object') {
			for (const name of Object.keys(headers)) {
				if (SECRET_HEADERS.test(name)) (headers as Record<string, unknown>)[name] = REDACTED;
			}
		}
	}
	if (typeof record._header === 'string') {
		record._header = record._header.replace(/^((?:proxy-)?authorization|cookie):.*$/gim, `$1: ${REDACTED}`);
	}
	const auth = record.auth as Record<string, unknown> | undefined;
	if (auth && typeof auth === 'object' && 'password' in auth) auth.password = REDACTED;
	for (const key of ['cause', 'config', 'request', 'options', 'response', 'error', 'reason', 'errorResponse', 'context']) {
		try {
			redactSecrets(record[key], seen, depth + 1);
		} catch {
			// A getter of some request object may throw; it then holds nothing this function could reach.
		}
	}
}
