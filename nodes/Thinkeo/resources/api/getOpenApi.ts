import { defineOperation } from '../../operationKit/builder';

export const getOpenApi = defineOperation({
	value: 'getOpenApi',
	name: 'Get OpenAPI Document',
	action: 'Get the OpenAPI document of the API',
	// No path in the text: the lint rule for the word "JSON" misreads the file name "openapi.json".
	description:
		'Get the machine-readable OpenAPI document of the Thinkeo API as one item, with its info, servers and every path, from the API\'s /docs endpoint',
	// INFERRED: GET (the reference shows no method); the document is passed through as it is.
	routing: { request: { method: 'GET', url: '/docs/openapi.json' } },
	fields: [],
});
