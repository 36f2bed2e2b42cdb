import type { INodeProperties } from 'n8n-workflow';

/**
 * A resource's fields with each field that several of its operations define alike kept once, shown for all of them.
 *
 * n8n's declarative routing resolves the value of every property of the description for every item, twice (to build
 * the request and to check its base URL), before it looks at which properties are shown: a parameter holding an
 * expression, say Publication ID `{{ $json.id }}`, was evaluated once for each property of that name, 14 times per
 * item for the 7 publication operations that have it, in n8n 2.x's isolated expression engine (bench/results.md).
 *
 * A field is merged only into an earlier one of the same resource that is identical but for its operations, and only
 * when no field shown for its operations lies between them, so every operation shows its fields in the same order.
 */
export function withSharedFields(fields: INodeProperties[]): INodeProperties[] {
	const kept: INodeProperties[] = [];
	for (const field of fields) {
		const operations = operationsOf(field);
		const target = kept.findIndex((candidate) => sameButOperations(candidate, field));
		// Fields shown for one of its operations, from the target on: the target itself if it shares an operation.
		const shownFrom = target < 0 ? [] : kept.slice(target);
		if (target < 0 || operations.length === 0 || shownFrom.some((other) => operationsOf(other).some((value) => operations.includes(value)))) {
			kept.push(field);
			continue;
		}
		kept[target] = withOperations(kept[target], [...operationsOf(kept[target]), ...operations]);
	}
	return kept;
}

function operationsOf(field: INodeProperties): string[] {
	const operations = field.displayOptions?.show?.operation;
	return Array.isArray(operations) ? operations.map(String) : [];
}

function withOperations(field: INodeProperties, operations: string[]): INodeProperties {
	const show = { ...field.displayOptions?.show, operation: operations };
	return { ...field, displayOptions: { ...field.displayOptions, show } };
}

/** Whether two fields differ in nothing but the operations that show them; functions (hooks) compare by identity. */
function sameButOperations(a: INodeProperties, b: INodeProperties): boolean {
	if (a.name !== b.name) return false;
	const functions: unknown[] = [];
	// Values JSON cannot tell apart (a RegExp, NaN, a class instance) compare by identity too, so they never merge.
	const fingerprint = (field: INodeProperties) =>
		JSON.stringify(withOperations(field, []), (_key, value: unknown) => {
			const plain = typeof value === 'number' ? Number.isFinite(value) : typeof value !== 'function' && !isInstance(value);
			if (plain) return value;
			if (!functions.includes(value)) functions.push(value);
			return `unique ${functions.indexOf(value)}`;
		});
	return fingerprint(a) === fingerprint(b);
}

/** An object that is not a plain object or an array (a RegExp, a Date, a class instance). */
function isInstance(value: unknown): boolean {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
	const prototype = Object.getPrototypeOf(value) as unknown;
	return prototype !== Object.prototype && prototype !== null;
}
