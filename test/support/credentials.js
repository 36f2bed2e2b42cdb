// Thinkeo credentials as `n8n import:credentials` takes them (plain data, encrypted on import); shared by the
// tests and by the try-it and benchmark scripts.

/**
 * Email & Password mode with an empty team token, so n8n exchanges it on first use.
 * @param {{ id: string, name: string }} ref
 * @param {string} baseUrl
 * @param {{ email: string, password: string }} account
 * @param {string} label the name of the team tokens it creates
 */
function emailPasswordCredential(ref, baseUrl, account, label) {
	return {
		...ref,
		type: 'thinkeoApi',
		data: {
			authentication: 'emailPassword',
			baseUrl,
			email: account.email,
			password: account.password,
			teamId: '',
			label,
			lifetimeDays: 30,
			teamToken: '',
		},
	};
}

/**
 * API Token mode with a pasted token.
 * @param {{ id: string, name: string }} ref
 * @param {string} baseUrl
 * @param {string} apiToken
 */
function apiTokenCredential(ref, baseUrl, apiToken) {
	return { ...ref, type: 'thinkeoApi', data: { authentication: 'apiToken', baseUrl, apiToken } };
}

module.exports = { emailPasswordCredential, apiTokenCredential };
