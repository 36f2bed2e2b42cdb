import { emailField } from '../../shared/fields';
import { defineOperation } from '../../shared/operation';

export const forgotPassword = defineOperation({
	value: 'forgotPassword',
	publicEndpoint: true,
	name: 'Forgot Password',
	action: 'Request a password reset email',
	description:
		'Ask Thinkeo to email a password reset link to an account; use its token with Set Password (POST /auth/forgot-password)',
	// INFERRED: body {email}, as in the reference.
	routing: {
		request: { method: 'POST', url: '/auth/forgot-password' },
	},
	fields: [emailField('Email address of the account whose password to reset')],
});
