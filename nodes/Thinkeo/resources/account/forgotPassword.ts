import { emailField } from '../../operationKit/fields';
import { defineOperation } from '../../operationKit/builder';

export const forgotPassword = defineOperation({
	value: 'forgotPassword',
	publicEndpoint: true,
	name: 'Forgot Password',
	action: 'Request a password reset email',
	description:
		"Ask Thinkeo to email a password reset link to the account with this email, whose token then goes to Set Password. Returns Thinkeo's answer, or success: true when it is empty (POST /auth/forgot-password).",
	// INFERRED: body {email}, as in the reference.
	routing: {
		request: { method: 'POST', url: '/auth/forgot-password' },
	},
	fields: [emailField('Email address of the account whose password to reset')],
});
