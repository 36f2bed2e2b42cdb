import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { header, validationDetails } from './apiMessage';
import { isStreamBody } from './stream';

/** What the node sent, so a hint can name it: the 404's IDs, the 413's size, the 415's type. */
export interface SentRequest {
	/** The IDs the request used, e.g. `[{label: 'App', value: '0192…'}]`. */
	ids?: Array<{ label: string; value: string }>;
	contentType?: string;
	bodyBytes?: number;
}

/** What a hint can say about the body of a request: its size and content type. */
export type SentBody = Omit<SentRequest, 'ids'>;

/** Hints that replace the default one of some statuses, e.g. a 401 of an endpoint that takes no token. */
export type StatusHints = Partial<Record<number, string>>;

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

/** The hint of a status: what it means here and what to do, concrete with what `sent` knows. */
export function statusHint(status: number, step: string, response: IN8nHttpFullResponse, sent: SentRequest): string | undefined {
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

/** The hint of a 401 on the /auth/* endpoints, which take no token: what was wrong is the operation's input. */
export const PUBLIC_ENDPOINT_HINTS: StatusHints = {
	401: "Thinkeo did not accept the email, password, code or token given in this operation's fields.",
};

/** What a hint can say about a request from its options: the size and the content type of its body. */
export function describeBody(options: Pick<IHttpRequestOptions, 'body' | 'headers'>): SentBody {
	const { body, headers } = options;
	const isJsonBody = !!body && typeof body === 'object' && !Buffer.isBuffer(body) && !isStreamBody(body);
	const declaredLength = header(headers, 'content-length');
	let bodyBytes: number | undefined;
	if (Buffer.isBuffer(body)) bodyBytes = body.length;
	else if (typeof body === 'string') bodyBytes = Buffer.byteLength(body);
	else if (declaredLength !== undefined && /^\d+$/.test(declaredLength)) bodyBytes = Number(declaredLength);
	else if (isJsonBody) bodyBytes = Buffer.byteLength(JSON.stringify(body));
	const contentType = header(headers, 'content-type') ?? (isJsonBody ? 'application/json' : undefined);
	return { bodyBytes, contentType };
}
