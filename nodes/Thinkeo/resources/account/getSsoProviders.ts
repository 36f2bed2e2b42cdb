import { returnAllAndLimit } from '../../operationKit/fields';
import { defineOperation } from '../../operationKit/builder';

export const getSsoProviders = defineOperation({
	value: 'getSsoProviders',
	publicEndpoint: true,
	name: 'Get SSO Providers',
	action: 'Get the SSO providers',
	description: 'List the single sign-on providers Thinkeo offers, one item each (GET /auth/sso/providers)',
	// INFERRED: the answer is passed through; an array becomes one item per provider.
	routing: {
		request: { method: 'GET', url: '/auth/sso/providers' },
	},
	fields: returnAllAndLimit(),
});
