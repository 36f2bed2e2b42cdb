import type { IExecuteSingleFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { thinkeoRequest } from '../../transport/request';
import type { AppAttribute } from './attributeKinds';
import { isAttributeKind } from './attributeKinds';

/**
 * The attributes an App takes, with names and kinds, for the attribute mapper and for resolving names.
 *
 * Derived from GET /apps/{appId}/dependencies rather than from the version's root block (GET
 * /apps/{appId}/versions/{version}, then GET /blocks/{rootId}/graph and the assignments of every block): one request
 * instead of three or more, and it lists the App's inputs themselves, whereas the block graph shows only attributes
 * already assigned to some block and would need each attribute read again for its name and kind. Both routes are
 * INFERRED; the dependencies body is read as `{attributes: [{id, name, kind}]}` (a bare list of such entries is also
 * accepted), in this one function.
 */
export async function loadAppAttributes(
	this: IExecuteSingleFunctions | ILoadOptionsFunctions,
	appId: string,
): Promise<AppAttribute[]> {
	const body = await thinkeoRequest.call(this, `loading the attributes of App ${appId}`, {
		method: 'GET',
		url: `/apps/${encodeURIComponent(appId)}/dependencies`,
	});
	const entries = Array.isArray(body) ? body : ((body as { attributes?: unknown } | null)?.attributes ?? []);
	if (!Array.isArray(entries)) return [];
	return entries.flatMap((entry: Record<string, unknown>) => {
		const kind = entry?.kind ?? entry?.type;
		if (typeof entry?.id !== 'string' || !isAttributeKind(kind)) return [];
		return [{ id: entry.id, name: String(entry.name ?? entry.id), kind }];
	});
}

/** Attribute names are matched loosely: case, spaces and underscores do not matter ("Due Date" = "due_date"). */
export function attributeNameKey(name: string): string {
	return name.toLowerCase().replace(/[\s_-]+/g, '');
}
