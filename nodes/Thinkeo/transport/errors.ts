import type { IN8nHttpFullResponse, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { cap, describeValue, header, readErrorBody } from './apiMessage';
import type { SentRequest, StatusHints } from './hints';
import { isTimeout, REDIRECT_STATUSES } from './httpFacts';
import { statusHint } from './hints';
import { withoutSecrets } from './redaction';
import { describeUnreachable, isConnectionFailure } from './unreachable';

interface ErrorText {
	message: string;
	description?: string;
	/** The HTTP status; none for a failure the node found itself, so n8n does not present it as Thinkeo's answer. */
	httpCode?: string;
	/** Thinkeo's answer the error stands for (status, headers, the body as kept): whoever may resend reads it here. */
	answer?: IN8nHttpFullResponse;
	/** What the node did about Thinkeo's rate limit before giving up (rateLimitResend.ts), already in the description. */
	rateLimitNote?: string;
	/** The answer is the operation's own request's (checkAnswer), not that of a request the node made inside its steps. */
	ofOperationRequest?: boolean;
}

/**
 * Every error this module builds, so that `thinkeoError` hands it on as it is: Thinkeo's answer and the rate-limit
 * note are fields, set when it is built (never edited after), in the manner of n8n's own nodes' error classes.
 */
export class ThinkeoApiError extends NodeApiError {
	readonly answer?: IN8nHttpFullResponse;

	readonly rateLimitNote?: string;

	readonly ofOperationRequest: boolean;

	constructor(
		node: INode,
		readonly body: JsonObject,
		{ message, description, httpCode, answer, rateLimitNote, ofOperationRequest = false }: ErrorText,
	) {
		super(node, body, { message, description, httpCode });
		// NodeApiError swaps a message that mentions a Node.js error code (e.g. "EPERM") for a generic one; keep Thinkeo's.
		this.message = message;
		// n8n tells its API errors by name (when rethrowing one, redacting one), not by class.
		this.name = 'NodeApiError';
		this.answer = answer;
		this.rateLimitNote = rateLimitNote;
		this.ofOperationRequest = ofOperationRequest;
	}

	/** The same error with `note` (why the node stopped resending on a rate limit) at the end of its hint. */
	withRateLimitNote(note: string): ThinkeoApiError {
		return new ThinkeoApiError(this.node, this.body, {
			message: this.message,
			description: typeof this.description === 'string' ? `${this.description} ${note}` : this.description ?? undefined,
			httpCode: this.httpCode ?? undefined,
			answer: this.answer,
			rateLimitNote: note,
			ofOperationRequest: this.ofOperationRequest,
		});
	}
}

/**
 * A failure found by code that knows neither the node nor the operation (the paging loop, the reading of a render
 * result): its message says what is wrong with Thinkeo's answer, and `stepError` makes it the error of the operation.
 */
export class UnusableAnswerError extends Error {
	constructor(
		message: string,
		readonly description?: string,
	) {
		super(message);
		this.name = 'UnusableAnswerError';
	}
}

/** The names of the errors JavaScript itself throws, e.g. on reading a property of null in an answer of an odd shape. */
const JAVASCRIPT_ERRORS = ['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError', 'URIError', 'EvalError'];

function isJavaScriptError(error: unknown): error is Error {
	// Node's own errors of these types (e.g. ERR_INVALID_URL) carry a code, and a message that says what went wrong.
	return error instanceof Error && JAVASCRIPT_ERRORS.includes(error.name) && !('code' in error);
}

/** What a step was working on when something failed in it: Thinkeo's answer, or the operation's parameters. */
export type StepStage = 'answer' | 'parameters';

const JAVASCRIPT_ERROR_TEXT: Record<StepStage, { message: string; description: string }> = {
	answer: {
		message: "Thinkeo's answer does not have the shape the node reads",
		description: "The problem is on Thinkeo's side (or a proxy in between), not in this node's input.",
	},
	parameters: {
		message: 'a parameter holds a value of a type the node cannot use',
		description: "Check the values this operation's expressions give for this item.",
	},
};

/**
 * The error to hand to n8n for what a step of `step` threw (a preSend, a postReceive, the paging loop, a list
 * search). n8n's errors and this module's pass unchanged; anything else becomes a NodeApiError naming the operation,
 * so no raw JavaScript error reaches the user: JavaScript's own error (e.g. "Cannot read properties of null") is
 * told as what it means at that `stage`, and only cited in the description.
 */
export function stepError(node: INode, step: string, error: unknown, stage: StepStage = 'answer'): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (isJavaScriptError(error)) {
		const { message, description } = JAVASCRIPT_ERROR_TEXT[stage];
		const text = `${step}: ${message}`;
		return new ThinkeoApiError(node, { message: text }, {
			message: text,
			description: `${description} (The node stopped on "${cap(`${error.name}: ${error.message}`)}".)`,
		});
	}
	const reason = error instanceof Error ? error.message : typeof error === 'string' ? error : describeValue(error);
	const text = `${step}: ${cap(reason, 1000)}`;
	const description = error instanceof UnusableAnswerError ? error.description : undefined;
	return new ThinkeoApiError(node, { message: text }, { message: text, description });
}

/**
 * `hook` (a preSend, a postReceive, a list search…) with whatever it throws handed to n8n as `stepError` makes it:
 * the one guard that keeps raw JavaScript errors from the user, wherever the node reads an answer or a parameter.
 */
export function withStepErrors<This extends { getNode(): INode }, Args extends unknown[], Result>(
	stepOf: (this: This) => string,
	stage: StepStage,
	hook: (this: This, ...args: Args) => Promise<Result>,
): (this: This, ...args: Args) => Promise<Result> {
	return async function (this: This, ...args: Args): Promise<Result> {
		try {
			return await hook.apply(this, args);
		} catch (error) {
			throw stepError(this.getNode(), stepOf.call(this), error, stage);
		}
	};
}

/**
 * The answer of the operation's own request that a status error was built from (checkAnswer), or undefined for any
 * other error: its status and headers (e.g. Retry-After) stay reachable by the request wrapper, which may send that
 * request again. A request the node made inside the operation's steps (a listing, a download, a lookup) has its own
 * resends: its answer must not make the wrapper send the operation again (a second publication for a listing's 429).
 */
export function answerOf(error: unknown): IN8nHttpFullResponse | undefined {
	return error instanceof ThinkeoApiError && error.ofOperationRequest ? error.answer : undefined;
}

/** What an answer's error can say besides the answer: what was sent, hints of the operation's own, the rate-limit note. */
export interface AnswerFacts {
	sent?: SentRequest;
	hints?: StatusHints;
	rateLimitNote?: string;
	/** The answer is the operation's own request's (see answerOf). */
	ofOperationRequest?: boolean;
}

/**
 * The error for a Thinkeo answer with status ≥ 400: `step` says what failed, Thinkeo's own text says why, and the
 * description gives a hint for the status, concrete with what `sent` knows about the request.
 */
export function thinkeoApiError(
	node: INode,
	step: string,
	response: IN8nHttpFullResponse,
	{ sent = {}, hints = {}, rateLimitNote, ofOperationRequest }: AnswerFacts = {},
): ThinkeoApiError {
	const status = response.statusCode;
	const contentType = header(response.headers, 'content-type') ?? '';
	const body = readErrorBody(response.body, contentType);
	const reason = body.message || cap(String(response.statusMessage ?? '')) || 'no details given';
	// All that is kept of the body from here on, in the error (stored with the execution) and in answerOf.
	const keptBody = (body.json && typeof body.json === 'object' ? body.json : { body: reason }) as JsonObject;
	const kept: IN8nHttpFullResponse = { ...response, body: keptBody };
	return new ThinkeoApiError(node, keptBody, {
		message: `Thinkeo rejected ${step} (HTTP ${status}): ${reason}`,
		description: [hints[status] ?? statusHint(status, step, kept, sent), rateLimitNote].filter(Boolean).join(' '),
		httpCode: String(status),
		answer: kept,
		rateLimitNote,
		ofOperationRequest,
	});
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
	return new ThinkeoApiError(node, { body: cap(text, 200) }, {
		message: `Thinkeo's answer to ${step} is not valid JSON (HTTP ${response.statusCode}, ${contentType}): ${parseError}`,
		description: `The answer starts with: ${cap(text, 200)}. The problem is on Thinkeo's side (or a proxy in between), not in this node's input; try again later.`,
		httpCode: String(response.statusCode),
	});
}

/**
 * Whether an answer is a redirect or any other 3xx. No request of the node follows a redirect
 * (`disableFollowRedirect`): n8n would send the credential's Authorization header along to whatever origin the
 * Location names, https or not. And no 3xx holds a result: a 304 has no body, a 300 lists choices.
 */
export function isRedirect(response: IN8nHttpFullResponse): boolean {
	return response.statusCode >= 300 && response.statusCode < 400;
}

/** The error for a 3xx answer (see isRedirect). */
export function redirectError(node: INode, step: string, response: IN8nHttpFullResponse): NodeApiError {
	const status = response.statusCode;
	const location = header(response.headers, 'location');
	const to = location ? ` to ${cap(location, 500)}` : '';
	const redirect = REDIRECT_STATUSES.includes(status);
	const message = redirect
		? `Thinkeo answered ${step} with a redirect (HTTP ${status}${to}), which the node does not follow`
		: `Thinkeo answered ${step} with HTTP ${status}${to}, which holds no result: the node takes only 2xx answers`;
	const description = redirect
		? "The node follows no redirect, so the credential's token never leaves the credential's Base URL. Set the Base URL to the address the Thinkeo API really answers on."
		: "The node sends no conditional request and follows no redirect, so no 3xx answer is one it expects: a proxy in front of Thinkeo may answer so. Check the credential's Base URL.";
	return new ThinkeoApiError(node, { message }, { message, description, httpCode: String(status) });
}

/** The error for an answer that cannot become items (status ≥ 400, a redirect, JSON that does not parse), or undefined. */
export function answerError(node: INode, step: string, response: IN8nHttpFullResponse, facts: AnswerFacts = {}): NodeApiError | undefined {
	if (response.statusCode >= 400) return thinkeoApiError(node, step, response, facts);
	if (isRedirect(response)) return redirectError(node, step, response);
	const parseError = malformedJson(response);
	return parseError ? malformedJsonError(node, step, response, parseError) : undefined;
}

function timeoutError(node: INode, step: string, timeoutMs: unknown): NodeApiError {
	const limit = Number(timeoutMs) > 0 ? `${Number(timeoutMs)} ms` : 'the time limit';
	const message = `Thinkeo did not answer ${step} within ${limit} (timeout)`;
	return new ThinkeoApiError(node, { message }, {
		message,
		description:
			'Raise Request Options → Timeout in this node if Thinkeo needs longer (large files, long generations), or turn on "Retry On Fail" in its Settings. Thinkeo may still have done the work: check before repeating a create.',
		httpCode: 'ETIMEDOUT',
	});
}

/** What the request that failed was sent with, for its error to name. */
export interface FailedRequest {
	/** The request's time limit in ms, as n8n's Timeout option gives it. */
	timeoutMs?: unknown;
	/** The Base URL it was sent to: a host that cannot be reached is named with it. */
	baseUrl?: unknown;
}

/**
 * Anything a request of the node threw, as the error to hand to n8n; every request path (routed operations, follow-up
 * requests, uploads, list searches, the trigger's polls) throws through this. An error built here stays as it is; the
 * 401 n8n throws after renewing the token and a timeout get Thinkeo's wording, a host that cannot be reached is named
 * with the likely cause (describeUnreachable, as the credential says it), what the node's own steps threw gets
 * stepError's; any other error loses the Authorization header and the request objects it carries (see withoutSecrets).
 */
export function thinkeoError(
	node: INode,
	step: string,
	error: unknown,
	{ timeoutMs, baseUrl }: FailedRequest = {},
): NodeApiError | NodeOperationError {
	if (error instanceof ThinkeoApiError) return error;
	const rejected = rejectedTokenError(node, step, error);
	if (rejected) return rejected;
	if (isTimeout(error)) return timeoutError(node, step, timeoutMs);
	if (baseUrl && isConnectionFailure(error)) {
		const { message, code } = describeUnreachable(error, String(baseUrl), step);
		// The connection's code (ECONNRESET, ENOTFOUND…) stays in the error n8n stores, as n8n's own errors keep it.
		return new ThinkeoApiError(node, code ? { message, code } : { message }, { message, httpCode: code });
	}
	if (error instanceof UnusableAnswerError || isJavaScriptError(error)) return stepError(node, step, error);
	const safe = withoutSecrets(error);
	// Both constructors hand back an error of their own class unchanged; n8n's request errors are NodeApiErrors.
	if (safe instanceof NodeOperationError) return new NodeOperationError(node, safe);
	return new NodeApiError(node, safe);
}
