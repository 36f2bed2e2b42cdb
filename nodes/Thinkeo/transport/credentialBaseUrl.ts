import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { withoutTrailingSlashes } from './httpFacts';

/**
 * Where a routed request goes: the Base URL of the node's credential, set on each request by the node's request
 * wrapper rather than by an expression in `requestDefaults`. n8n 2.x evaluates such an expression in its isolated
 * expression engine twice per item (to build the request, then again to check it against the credential's allowed
 * domains): a fifth or more of the node's time on 1000 reads (bench/results.md, "Throughput").
 *
 * n8n adds the host of a node's own `requestDefaults.baseURL` to a credential's "Allowed HTTP Request Domains" list;
 * a Base URL set later gets the same here, as it is the credential's own field, not a URL from the workflow. Like
 * n8n, a host holding a comma is not added (it would split into several list entries).
 */
export function towardsCredentialBaseUrl<T extends Pick<IHttpRequestOptions, 'baseURL' | 'allowedDomains'>>(
	options: T,
	credentials: ICredentialDataDecryptedObject,
): T {
	const baseURL = withoutTrailingSlashes(String(credentials.baseUrl ?? ''));
	const { allowedDomains } = options;
	if (typeof allowedDomains !== 'string' || allowedDomains.trim() === '') return { ...options, baseURL };
	const host = hostOf(baseURL);
	return { ...options, baseURL, allowedDomains: host && !host.includes(',') ? `${host}, ${allowedDomains}` : allowedDomains };
}

/** The host name as n8n compares it with allowed domains: lower case, without a final dot. */
function hostOf(url: string): string | undefined {
	if (!URL.canParse(url)) return undefined;
	return new URL(url).hostname.toLowerCase().replace(/\.$/, '') || undefined;
}
