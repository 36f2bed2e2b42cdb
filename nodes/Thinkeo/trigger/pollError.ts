import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** Said of every failed scheduled poll; a trigger has no Retry On Fail, and needs none. */
export const NEXT_POLL_HINT = 'Nothing is lost: the next poll tries again, and fires then what this one would have fired.';

/**
 * The error of a failed poll: a Thinkeo error as it is, anything else as a NodeOperationError, without the advice to
 * turn on Retry On Fail (the request errors give it, but the setting does nothing for a trigger), and for a scheduled
 * poll with NEXT_POLL_HINT.
 */
export function pollError(node: INode, error: unknown, scheduled: boolean): NodeApiError | NodeOperationError {
	const failure =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(node, error instanceof Error ? error : String(error));
	const sentences = (failure.description ?? '').split(/(?<=\.)\s+/).filter((sentence) => sentence && !/Retry On Fail/i.test(sentence));
	failure.description = [...sentences, ...(scheduled ? [NEXT_POLL_HINT] : [])].join(' ') || undefined;
	return failure;
}
