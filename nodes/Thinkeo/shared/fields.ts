import type { INodeProperties } from 'n8n-workflow';

/**
 * Return All + Limit for list operations. Thinkeo's list endpoints answer with the whole array,
 * so Limit trims the output after the response.
 */
export function returnAllAndLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
			routing: { output: { maxResults: '={{ $value }}' } },
		},
	];
}
