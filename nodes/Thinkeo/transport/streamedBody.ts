import type { IN8nHttpFullResponse } from 'n8n-workflow';

import { MAX_ERROR_BODY_BYTES } from './apiMessage';

/** Whether a body is a stream (a download read with `encoding: 'stream'`) rather than bytes or parsed JSON. */
export function isStreamBody(body: unknown): body is AsyncIterable<Buffer | string> {
	return typeof (body as { pipe?: unknown } | null)?.pipe === 'function';
}

/**
 * A download's answer that is not a 2xx (an error, a redirect) gets its body read from the stream, up to
 * MAX_ERROR_BODY_BYTES, so the status check can show Thinkeo's message; leaving the loop early destroys the stream,
 * which drops the rest. A connection lost while reading leaves what came: the status already says what failed. 2xx
 * bodies stay streams, for n8n's binary store.
 */
export async function bufferNonSuccessBody(response: IN8nHttpFullResponse): Promise<void> {
	const body = response.body;
	if (!isStreamBody(body) || (response.statusCode >= 200 && response.statusCode < 300)) return;
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of body) {
			const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
			chunks.push(bytes.subarray(0, MAX_ERROR_BODY_BYTES - size));
			size += bytes.length;
			if (size >= MAX_ERROR_BODY_BYTES) break;
		}
	} catch {
		// The body was cut short (a reset, a timeout): the status check reads the part that came.
	}
	response.body = Buffer.concat(chunks);
}
