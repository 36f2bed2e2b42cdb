import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { resolveIds } from '../../nodes/Thinkeo/operationKit/locators';
import { appLocator, versionField } from '../../nodes/Thinkeo/resources/app/common';

const APP_ID = '0193a5b2-7c1e-7d3f-9a8b-1c2d3e4f5a6b';

/** Runs the shared preSend that fills the path of App → Clone Version with `version`; resolves the URL or throws. */
async function clonePath(version: unknown): Promise<string> {
	const fields: INodeProperties[] = [appLocator('The App'), versionField];
	const parameters: Record<string, unknown> = { appId: APP_ID, version };
	const context = {
		getNode: () => ({ name: 'Thinkeo', type: 'thinkeo', typeVersion: 1, position: [0, 0], parameters: {} }),
		getItemIndex: () => 0,
		getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback,
	} as unknown as IExecuteSingleFunctions;
	const request = { method: 'POST', url: '/apps/{appId}/versions/{version}/clone' } as IHttpRequestOptions;
	const resolved = await (resolveIds(fields) as (this: IExecuteSingleFunctions, options: IHttpRequestOptions) => Promise<IHttpRequestOptions>).call(
		context,
		request,
	);
	return resolved.url;
}

describe('parameters filling the path that are not IDs', () => {
	it('fill the path, URL-encoded', async () => {
		expect(await clonePath('1.0.0')).toBe(`/apps/${APP_ID}/versions/1.0.0/clone`);
		expect(await clonePath(' latest ')).toBe(`/apps/${APP_ID}/versions/latest/clone`);
		expect(await clonePath('v 2 é')).toBe(`/apps/${APP_ID}/versions/v%202%20%C3%A9/clone`);
		expect(await clonePath('..1')).toBe(`/apps/${APP_ID}/versions/..1/clone`);
	});

	it.each(['.', '..', ' .. ', '1.0/../..', 'a/b', 'a\\b', 'latest?x=1', 'latest#top', '%2e%2e', '%2F', 'a\nb'])(
		'cannot change the endpoint: %j is refused, naming the field',
		async (version) => {
			await expect(clonePath(version)).rejects.toThrow(`Version: "${version.trim()}" cannot be used, it would change the API path`);
		},
	);

	it('are required', async () => {
		await expect(clonePath('  ')).rejects.toThrow('Version: a value is required');
	});

	it.each([
		[{}, 'an object'],
		[['1.0.0'], 'a list'],
		[true, 'a boolean (true)'],
	])('are text: %j is refused, naming its type', async (version, what) => {
		await expect(clonePath(version)).rejects.toThrow(`Version: expected text, got ${what}`);
	});
});
