import type { IHttpRequestOptions } from 'n8n-workflow';

/** The function that opens a new stream of the same bytes, for each stream body the node made (see reopenableStream). */
const reopeners = new WeakMap<object, () => Promise<object>>();

/** Marks `stream` as one that `reopen` can give again from the start (n8n's binary store), so it can be resent. */
export function reopenableStream<S extends object>(stream: S, reopen: () => Promise<S>): S {
	reopeners.set(stream, reopen);
	return stream;
}

/** Gets `options` ready to be sent again: a stream body is reopened. Resolves why it cannot be, or undefined. */
export async function renewBody(options: Pick<IHttpRequestOptions, 'body'>): Promise<string | undefined> {
	const body = options.body as { pipe?: unknown } | undefined;
	if (!body || typeof body.pipe !== 'function') return undefined;
	const reopen = reopeners.get(body);
	if (!reopen) return 'its body is a stream that cannot be read again, so it was not resent';
	const fresh = (await reopen()) as IHttpRequestOptions['body'];
	reopenableStream(fresh as object, reopen);
	options.body = fresh;
	return undefined;
}
