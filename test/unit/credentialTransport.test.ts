/**
 * The credential's exchange through n8n-core's real request helper (axios and follow-redirects, as n8n runs them):
 * a redirect from the Base URL to another origin, a second local listener, carries neither the password nor a token
 * there, whatever the status, and the error names it.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestHelper } from 'n8n-workflow';

import { forgetExchanges } from '../../credentials/common/singleFlight';
import { ThinkeoApi } from '../../credentials/ThinkeoApi.credentials';
import { n8nHttpHelper, startRedirectingPair } from '../support/redirecting';

const STATUSES = [301, 302, 303, 307, 308];

let pair: Awaited<ReturnType<typeof startRedirectingPair>>;
const helper = n8nHttpHelper as unknown as IHttpRequestHelper;

const credentials = (teamToken = ''): ICredentialDataDecryptedObject => ({
	authentication: 'emailPassword',
	baseUrl: `${pair.thinkeoUrl}/v1`,
	email: 'demo@thinkeo.test',
	password: 'demo-password',
	teamId: '',
	label: 'n8n',
	lifetimeDays: 30,
	teamToken,
});

beforeAll(async () => {
	pair = await startRedirectingPair();
});

afterAll(async () => await pair.close());

beforeEach(() => {
	forgetExchanges();
	pair.received.length = 0;
});

it.each(STATUSES)('follows no %i on GET /teams: the password never reaches the other origin', async (status) => {
	pair.redirectWith(status);
	await expect(new ThinkeoApi().preAuthentication.call(helper, credentials())).rejects.toThrow(
		`Thinkeo answered GET /teams with a redirect (HTTP ${status} to ${pair.foreignUrl}/v1/teams). The credential follows no redirect`,
	);
	expect(pair.received).toEqual([]);
});

it('follows no redirect when checking a rejected token either', async () => {
	pair.redirectWith(307);
	await expect(new ThinkeoApi().preAuthentication.call(helper, credentials('tkak_held'))).rejects.toThrow(/redirect \(HTTP 307/);
	expect(pair.received).toEqual([]);
});
