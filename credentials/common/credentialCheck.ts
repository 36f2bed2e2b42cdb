import type { ICredentialDataDecryptedObject, IHttpRequestHelper } from 'n8n-workflow';

import { normalizeBaseUrl } from '../../nodes/Thinkeo/transport/httpFacts';
import { notATeamsList, teamFromAnswer } from './teamsAnswer';
import {
	exchangeRequest,
	parsedBaseUrl,
	refusePlainHttpPassword,
	ThinkeoAuthError,
	tokenExpiration,
} from './teamTokenExchange';
import { tokenShapeProblem } from './tokenShape';

/**
 * What the credential's Test button checks, as the node's credentialTest method runs it (methods/credentialTest.ts):
 * n8n's own test request would show only an error code (ENOTFOUND) for a host it cannot reach, and a test cannot
 * store a token, so this one creates none. API Token mode: GET /teams with the token. Email & Password mode: GET
 * /teams with the stored team token, else with the account (Basic), whose answer must name the team (Team ID empty)
 * as an exchange needs it; n8n creates the token at the first run. Every accepted answer must be a list of teams.
 * Resolves what worked; throws a ThinkeoAuthError naming what did not.
 */
export async function checkCredential(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	deadline: AbortSignal,
): Promise<string> {
	const url = `${normalizeBaseUrl(credentials.baseUrl)}/teams`;
	if (credentials.authentication === 'apiToken') {
		const token = String(credentials.apiToken ?? '');
		const problem = tokenShapeProblem(token);
		if (problem) throw new ThinkeoAuthError(`The API Token cannot be sent: ${problem}. Paste the team API token (tkak_…) again.`);
		parsedBaseUrl(credentials.baseUrl);
		const answer = await exchangeRequest(helper, credentials, { method: 'GET', url, token, tokenKind: 'apiToken', deadline });
		if (answer === undefined) {
			throw new ThinkeoAuthError(
				'Thinkeo rejected the API Token (HTTP 401 on GET /teams): it is wrong, expired or revoked. Create a token in Thinkeo under Team → API and paste it here.',
			);
		}
		assertTeamsList(answer);
		return 'Connection successful: Thinkeo accepted the API token.';
	}
	refusePlainHttpPassword(credentials.baseUrl);
	tokenExpiration(credentials.lifetimeDays);
	const held = String(credentials.teamToken ?? '');
	if (held && !tokenShapeProblem(held)) {
		const answer = await exchangeRequest(helper, credentials, { method: 'GET', url, token: held, deadline });
		if (answer !== undefined) {
			assertTeamsList(answer);
			return "Connection successful: Thinkeo accepted the credential's team token.";
		}
	}
	const teams = await exchangeRequest(helper, credentials, { method: 'GET', url, deadline });
	if (String(credentials.teamId ?? '').trim()) {
		assertTeamsList(teams);
	} else {
		const team = teamFromAnswer(teams, String(credentials.email));
		if ('problem' in team) throw new ThinkeoAuthError(team.problem);
	}
	return 'Connection successful: Thinkeo accepted the email and password. n8n creates the team token when a workflow first runs.';
}

function assertTeamsList(answer: unknown): void {
	const problem = notATeamsList(answer);
	if (problem) throw new ThinkeoAuthError(problem);
}
