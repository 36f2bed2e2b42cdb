import { defineOperation } from '../../operationKit/builder';

export const startSsoLogin = defineOperation({
	value: 'startSsoLogin',
	publicEndpoint: true,
	name: 'Start SSO Login',
	action: 'Start an SSO login',
	description:
		'Start a single sign-on login with a provider; returns what Thinkeo answers, such as the provider URL to open and the state to verify (POST /auth/sso/{provider}/login)',
	// INFERRED: no body; the answer is passed through as it is.
	routing: {
		request: { method: 'POST', url: '/auth/sso/{provider}/login' },
	},
	fields: [
		{
			displayName: 'Provider',
			name: 'provider',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. google',
			description: 'ID of the provider, as Get SSO Providers lists it',
		},
	],
});
