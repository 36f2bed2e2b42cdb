import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

/**
 * How long Publication → Create and Block → Render wait for Thinkeo's answer when Request Options → Timeout is not
 * set. Generations are AI runs that can take many minutes, and n8n's own limit for a declarative node's request is
 * 5 minutes (300,000 ms on 1.x and 2.x alike, also axios's default there): an idle socket past it aborts the request.
 */
export const GENERATION_TIMEOUT_MS = 30 * 60 * 1000;

/** preSend of the generating operations: the Timeout the user chose, else GENERATION_TIMEOUT_MS. */
export async function allowLongGeneration(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const chosen = Number(this.getNodeParameter('requestOptions.timeout', 0));
	requestOptions.timeout = chosen > 0 ? chosen : GENERATION_TIMEOUT_MS;
	return requestOptions;
}
