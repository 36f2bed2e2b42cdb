import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { checkCredential } from '../../../credentials/common/credentialCheck';
import { EXCHANGE_TIME_LIMIT_MS, systemClock } from '../../../credentials/common/deadline';
import { ThinkeoAuthError } from '../../../credentials/common/teamTokenExchange';

interface LegacyAnswer {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

/**
 * The test context's request helper (the legacy `request`, all n8n gives a credential test) as the exchange's
 * `httpRequest`: a status outside 2xx throws an error shaped as n8n's httpRequest throws it (status, body and
 * headers under `response`), which is what the exchange reads.
 */
function requestHelperOf(context: ICredentialTestFunctions): IHttpRequestHelper {
	const httpRequest = async ({ method, url, qs, headers, auth }: IHttpRequestOptions): Promise<unknown> => {
		const answer = (await context.helpers.request({
			method,
			uri: url,
			qs,
			headers,
			...(auth ? { auth: { user: auth.username, pass: auth.password } } : {}),
			json: true,
			followRedirect: false,
			followAllRedirects: false,
			simple: false,
			resolveWithFullResponse: true,
			timeout: EXCHANGE_TIME_LIMIT_MS,
		})) as LegacyAnswer;
		if (answer.statusCode >= 200 && answer.statusCode < 300) return answer.body;
		throw Object.assign(new Error(`HTTP ${answer.statusCode}`), {
			response: { status: answer.statusCode, data: answer.body, headers: answer.headers },
		});
	};
	return { helpers: { httpRequest } } as unknown as IHttpRequestHelper;
}

/**
 * The credential's Test button (the node's `testedBy`): checkCredential within the exchange's time limit, its message
 * naming the host and likely cause when the Base URL cannot be reached, in both authentication modes.
 */
async function thinkeoApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	try {
		const message = await checkCredential(requestHelperOf(this), credential.data ?? {}, systemClock.timeout(EXCHANGE_TIME_LIMIT_MS));
		return { status: 'OK', message };
	} catch (error) {
		if (error instanceof ThinkeoAuthError) return { status: 'Error', message: error.message };
		return { status: 'Error', message: `The credential test failed: ${error instanceof Error ? error.message : String(error)}` };
	}
}

export const credentialTest = { thinkeoApiTest };
