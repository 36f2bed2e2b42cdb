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

// n8n runs an item's preSend and postReceive with the same context object, so the inputs known while sending
// are found again when the answer is shaped.
const inputsByContext = new WeakMap<object, GenerationInputs>();

export function rememberGenerationInputs(context: object, inputs: GenerationInputs): void {
	inputsByContext.set(context, inputs);
}

export function generationInputsOf(context: object): GenerationInputs {
	return inputsByContext.get(context) ?? NO_INPUTS;
}
