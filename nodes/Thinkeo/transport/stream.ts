import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { MAX_ERROR_BODY_BYTES } from './apiMessage';

/**
 * Stream bodies, read once: a download's answer (`encoding: 'stream'`) and an upload from n8n's binary store. An
 * error answer's stream is read here for Thinkeo's message; an upload's stream is sent again (after a rate limit)
 * only if it carries the way to open it again. The token check before an upload stream is a request like any other
 * (request.ts, renewTokenBeforeStream).
 */

/** Whether a body is a stream rather than bytes or parsed JSON. */
export function isStreamBody(body: unknown): body is AsyncIterable<Buffer | string> {
	return typeof (body as { pipe?: unknown } | null | undefined)?.pipe === 'function';
}

/** How long an error answer's streamed body may take to arrive: Thinkeo's message comes with the status. */
const ERROR_BODY_MS = 2000;

/**
 * A download's answer that is not a 2xx (an error, a redirect) gets its body read from the stream, up to
 * MAX_ERROR_BODY_BYTES within ERROR_BODY_MS, so the status check can show Thinkeo's message; leaving the loop early destroys the stream,
 * which drops the rest, and a body still arriving at the deadline (one that never ends) is destroyed there, keeping
 * what came. 2xx bodies stay streams, for n8n's binary store.
 */
export async function bufferNonSuccessBody(response: IN8nHttpFullResponse): Promise<void> {
	const body = response.body;
	if (!isStreamBody(body) || (response.statusCode >= 200 && response.statusCode < 300)) return;
	const chunks: Buffer[] = [];
	let size = 0;
	const reading = (async () => {
		for await (const chunk of body) {
			const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
			chunks.push(bytes.subarray(0, MAX_ERROR_BODY_BYTES - size));
			size += bytes.length;
			if (size >= MAX_ERROR_BODY_BYTES) break;
		}
	})();
	// A body cut short (a reset, or the destroy below) leaves what came: the status already says what failed.
	const ended = await Promise.race([reading.then(() => true, () => true), sleep(ERROR_BODY_MS).then(() => false)]);
	if (!ended) (body as { destroy?: () => void }).destroy?.();
	response.body = Buffer.concat(chunks);
}

/** The property under which a stream body carries the function that opens it again from its start. */
const REOPEN = Symbol('reopen');

type Reopenable = { [REOPEN]?: () => Promise<object> };

/** `stream`, carrying `reopen`, which gives the same bytes again from the start (n8n's binary store), so it can be resent. */
export function reopenableStream<S extends object>(stream: S, reopen: () => Promise<S>): S {
	return Object.assign(stream, { [REOPEN]: reopen });
}

/** Gets `options` ready to be sent again: a stream body is reopened. Resolves why it cannot be, or undefined. */
export async function reopenedBody(options: Pick<IHttpRequestOptions, 'body'>): Promise<string | undefined> {
	const body = options.body;
	if (!isStreamBody(body)) return undefined;
	const reopen = (body as Reopenable)[REOPEN];
	if (!reopen) return 'its body is a stream that cannot be read again, so it was not resent';
	// The send that was answered may not have read it to its end: close it, or its file stays open.
	(body as { destroy?: () => void }).destroy?.();
	options.body = reopenableStream(await reopen(), reopen) as IHttpRequestOptions['body'];
	return undefined;
}
