import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/**
 * An error in what the node was given (a field, the input item), found before anything is sent to Thinkeo.
 * n8n runs a declarative node's preSend steps as part of its request and turns any error they throw, except a
 * NodeApiError, into a NodeApiError with the code "none", which the editor shows under "From Thinkeo" as if Thinkeo
 * had answered. A NodeApiError without an HTTP code passes through unchanged and shows only its message and description.
 */
export function inputError(
	node: INode,
	message: string,
	{ description, itemIndex }: { description?: string; itemIndex?: number } = {},
): NodeApiError {
	return new NodeApiError(node, { message } as JsonObject, { message, description, itemIndex });
}
