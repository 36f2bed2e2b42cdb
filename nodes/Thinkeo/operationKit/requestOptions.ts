import type { INodeProperties } from 'n8n-workflow';

// The defaults are transport/rateLimitPolicy.ts's DEFAULT_RATE_LIMIT, written out as n8n's lint wants literals.

const maxWaitOption: INodeProperties = {
	displayName: 'Rate Limit Max Total Wait (Seconds)',
	name: 'rateLimitMaxWait',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 120,
	description:
		'How long one request may wait in all for Thinkeo’s rate limit (HTTP 429, or 503 with Retry-After) before its item fails',
};

const maxTriesOption: INodeProperties = {
	displayName: 'Rate Limit Max Tries',
	name: 'rateLimitMaxTries',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 5,
	description:
		'How many times one request is sent in all when Thinkeo answers that it limits the rate (HTTP 429, or 503 with Retry-After). 1 turns resending off.',
};

/** The node's settings, in its Request Options (n8n adds its own Batching, Proxy, Timeout… to this collection). */
export const rateLimitRequestOptions: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [maxWaitOption, maxTriesOption],
};
