import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { normalizeBaseUrl } from './httpFacts';

/**
 * Where a routed request goes: the Base URL of the node's credential, set on each request by the node's request
 * wrapper rather than by an expression in `requestDefaults`. n8n 2.x evaluates such an expression in its isolated
 * expression engine twice per item (to build the request, then again to check it against the credential's allowed
 * domains): a fifth or more of the node's time on 1000 reads (bench/results.md, "Throughput").
 *
 * `requestDefaults` names this stand-in instead, a constant n8n never evaluates. n8n joins the host of a node's own
 * base URL to a credential's "Allowed HTTP Request Domains" list (and uses it alone when the list is empty); the
 * wrapper puts the Base URL's host in the stand-in's place, so the list allows what it allowed when the Base URL was
 * an expression. `.invalid` never resolves: a request that skipped the wrapper would reach no host.
 */
export const BASE_URL_STAND_IN = 'https://credential-base-url.invalid';
const STAND_IN_HOST = 'credential-base-url.invalid';

/**
 * The request towards the credential's Base URL (normalizeBaseUrl), its host in the allowed domains in
 * place of the stand-in's. Like n8n, a host holding a comma is not joined (it would split into several entries).
 * Throws when that leaves no domain (a Base URL without a host and an empty list), as n8n refuses an empty list.
 */
export function towardsCredentialBaseUrl<T extends Pick<IHttpRequestOptions, 'baseURL' | 'allowedDomains'>>(
	options: T,
	credentials: ICredentialDataDecryptedObject,
): T {
	const baseURL = normalizeBaseUrl(credentials.baseUrl);
	const { allowedDomains } = options;
	// No list, or a blank one: n8n allows every host (the credential is not restricted).
	if (typeof allowedDomains !== 'string' || allowedDomains.trim() === '') return { ...options, baseURL };
	const host = hostOf(baseURL);
	const entries = [
		...(host && !host.includes(',') ? [host] : []),
		...allowedDomains
			.split(',')
			.map((entry) => entry.trim())
			.filter((entry) => entry !== '' && comparable(entry) !== STAND_IN_HOST),
	];
	// Never an empty list, which would allow every host, nor the stand-in's name in the error n8n would then give.
	if (!entries.length) {
		throw new Error(
			`The credential's Base URL (${baseURL || 'empty'}) has no host to allow and its Allowed Domains list is empty: set the Base URL to a full address such as https://api.thinkeo.io/v1, or list the allowed domains`,
		);
	}
	return { ...options, baseURL, allowedDomains: entries.join(', ') };
}

/** An entry or host as n8n compares them: lower case, without a final dot. */
function comparable(name: string): string {
	return name.toLowerCase().replace(/\.$/, '');
}

function hostOf(url: string): string | undefined {
	if (!URL.canParse(url)) return undefined;
	return comparable(new URL(url).hostname) || undefined;
}
