import type { IExecuteSingleFunctions } from 'n8n-workflow';

/**
 * The files a generation took as input: the attachments this node uploaded for File attributes (their IDs and
 * SHA-1s) and every attribute value sent (File attributes hold URLs). "Generated Files" leaves these out.
 */
export interface GenerationInputs {
	attachmentIds: string[];
	sha1s: string[];
	urls: string[];
}

export const NO_INPUTS: GenerationInputs = { attachmentIds: [], sha1s: [], urls: [] };

/** A SHA-1 as lower-case hex, from the documented array of byte values or from a hex string. */
export function sha1Hex(value: unknown): string | undefined {
	if (Array.isArray(value) && value.length === 20 && value.every((byte) => Number.isInteger(byte) && byte >= 0 && byte < 256)) {
		return Buffer.from(value as number[]).toString('hex');
	}
	const hex = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
	return hex && /^[0-9a-f]{40}$/.test(hex) ? hex : undefined;
}

/**
 * Values that one item's preSend learns and the same item's postReceive needs. It must exist because n8n passes a
 * declarative operation's preSend only the request options and its postReceive only the items and the answer:
 * nothing returned by the one reaches the other. Both run with the item's context as `this` (RoutingNode makes one
 * per item and run), so that context is the key. Being a WeakMap, an entry goes when n8n drops the item's context.
 */
export class PerItemStore<Value> {
	private readonly byItem = new WeakMap<IExecuteSingleFunctions, Value>();

	constructor(private readonly absent: Value) {}

	/** Replaces what the item kept before: a resent preSend leaves only its own value. */
	keep(item: IExecuteSingleFunctions, value: Value): void {
		this.byItem.set(item, value);
	}

	/** What this item kept, or the `absent` value when it kept nothing (another item's value is never seen). */
	read(item: IExecuteSingleFunctions): Value {
		return this.byItem.get(item) ?? this.absent;
	}
}

/** The inputs of the generation each item sent: kept by sendAttributes, read by the Output Files of its answer. */
export const generationInputsPerItem = new PerItemStore<GenerationInputs>(NO_INPUTS);
