import { returnAllAndLimit } from '../../operationKit/fields';
import { defineOperation } from '../../operationKit/builder';

export const getManyTokens = defineOperation({
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many API tokens',
	description:
		'List the API tokens of the current team with their ID, name and expiration; the secrets are not included (GET /tokens)',
	// INFERRED: GET answering the whole array of TokenSummary (the Token shape without its secret).
	routing: { request: { method: 'GET', url: '/tokens' } },
	fields: returnAllAndLimit(),
});
