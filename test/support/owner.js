// The local owner account of a fresh n8n, created through n8n's own first-run setup (the screen a new n8n opens
// with), so that `npm run try` and the editor tests open straight on the editor.

const { waitFor } = require('./wait');

/** Stays on this machine: n8n keeps it in its own database. */
const LOCAL_OWNER = { email: 'owner@thinkeo.test', firstName: 'Thinkeo', lastName: 'Try', password: 'Thinkeo-try-1' };

/**
 * Creates the owner account unless n8n already has one; resolves whether it was created now.
 * @param {string} url where n8n answers
 */
async function setUpOwner(url, owner = LOCAL_OWNER) {
	// n8n 1.x answers its readiness check before its REST API is mounted (404 until then).
	const response = await waitFor(
		async () => {
			const answer = await fetch(`${url}/rest/owner/setup`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(owner),
			});
			return answer.status === 404 ? undefined : answer;
		},
		{ timeoutMs: 120_000, intervalMs: 1000, what: `n8n's owner setup at ${url}` },
	);
	if (response.ok) return true;
	const answer = await response.text();
	// n8n answers 400 "Instance owner already setup" once the owner exists.
	if (response.status === 400 && /already/i.test(answer)) return false;
	throw new Error(`n8n refused the owner setup (${response.status}): ${answer}`);
}

/** The body of n8n's POST /rest/login for the owner (2.x names the field emailOrLdapLoginId, older lines email). */
function ownerLogin(owner = LOCAL_OWNER) {
	return { emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password };
}

module.exports = { LOCAL_OWNER, setUpOwner, ownerLogin };
