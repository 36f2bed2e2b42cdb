/**
 * The credential's exchange through n8n-core's real request helper (axios and follow-redirects, as n8n runs them):
 * a redirect from the Base URL to another origin, a second local listener, carries neither the password nor a token
 * there, whatever the status, and the error names it.
 */
// n8n-core sets up the request helper's defaults (agents, user agent) as it does inside n8n.
import 'n8n-core';
import { OutboundHttp } from '@n8n/backend-network';
import { Container } from '@n8n/di';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { forgetExchanges, ThinkeoApi } from '../../credentials/ThinkeoApi.credentials';

const STATUSES = [301, 302, 303, 307, 308];

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
	const server = createServer(handler);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let foreign: { server: Server; url: string };
let thinkeo: { server: Server; url: string };
const received: IncomingHttpHeaders[] = [];
let redirectStatus = 302;

const helper = {
	helpers: { httpRequest: async (options: IHttpRequestOptions) => await Container.get(OutboundHttp).requests().request(options as never) },
} as unknown as IHttpRequestHelper;

const credentials = (teamToken = ''): ICredentialDataDecryptedObject => ({
	authentication: 'emailPassword',
	baseUrl: `${thinkeo.url}/v1`,
	email: 'demo@thinkeo.test',
	password: 'demo-password',
	teamId: '',
	label: 'n8n',
	lifetimeDays: 30,
	teamToken,
});

beforeAll(async () => {
	foreign = await listen((req, res) => {
		received.push(req.headers);
		res.writeHead(200, { 'content-type': 'application/json' }).end('[{"id":"t","name":"Foreign"}]');
	});
	thinkeo = await listen((req, res) => res.writeHead(redirectStatus, { location: `${foreign.url}${req.url}` }).end());
});

afterAll(async () => {
	for (const { server } of [foreign, thinkeo]) {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	}
});

beforeEach(() => {
	forgetExchanges();
	received.length = 0;
});

it.each(STATUSES)('follows no %i on GET /teams: the password never reaches the other origin', async (status) => {
	redirectStatus = status;
	await expect(new ThinkeoApi().preAuthentication.call(helper, credentials())).rejects.toThrow(
		`Thinkeo answered GET /teams with a redirect (HTTP ${status} to ${foreign.url}/v1/teams). The credential follows no redirect`,
	);
	expect(received).toEqual([]);
});

it('follows no redirect when checking a rejected token either', async () => {
	redirectStatus = 307;
	await expect(new ThinkeoApi().preAuthentication.call(helper, credentials('tkak_held'))).rejects.toThrow(/redirect \(HTTP 307/);
	expect(received).toEqual([]);
});
