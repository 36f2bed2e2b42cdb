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
	const fingerprint = fingerprinter();
	const kept: Array<{ field: INodeProperties; print: string }> = [];
	for (const field of fields) {
		const operations = operationsOf(field);
		const print = fingerprint(field);
		const target = kept.findIndex((candidate) => candidate.print === print);
		// Fields shown for one of its operations, from the target on: the target itself if it shares an operation.
		const shownFrom = target < 0 ? [] : kept.slice(target);
		if (target < 0 || operations.length === 0 || shownFrom.some(({ field: other }) => operationsOf(other).some((value) => operations.includes(value)))) {
			kept.push({ field, print });
			continue;
		}
		kept[target] = { field: withOperations(kept[target].field, [...operationsOf(kept[target].field), ...operations]), print };
	}
	return kept.map(({ field }) => field);
}

function operationsOf(field: INodeProperties): string[] {
	const operations = field.displayOptions?.show?.operation;
	return Array.isArray(operations) ? operations.map(String) : [];
}

function withOperations(field: INodeProperties, operations: string[]): INodeProperties {
	const show = { ...field.displayOptions?.show, operation: operations };
	return { ...field, displayOptions: { ...field.displayOptions, show } };
}

/**
 * A field's description without the operations that show them: equal for two fields that differ in nothing else.
 * Functions (hooks) and values JSON cannot tell apart (a RegExp, NaN, a class instance) are told apart by identity,
 * numbered in the order met, so they never merge unless they are the same value.
 */
function fingerprinter(): (field: INodeProperties) => string {
	const unique: unknown[] = [];
	return (field) =>
		JSON.stringify(withOperations(field, []), (_key, value: unknown) => {
			const plain = typeof value === 'number' ? Number.isFinite(value) : typeof value !== 'function' && !isInstance(value);
			if (plain) return value;
			if (!unique.includes(value)) unique.push(value);
			return `unique ${unique.indexOf(value)}`;
		});
}

/** An object that is not a plain object or an array (a RegExp, a Date, a class instance). */
function isInstance(value: unknown): boolean {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
	const prototype = Object.getPrototypeOf(value) as unknown;
	return prototype !== Object.prototype && prototype !== null;
}
