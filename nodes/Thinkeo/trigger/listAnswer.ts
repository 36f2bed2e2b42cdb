import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The records of a list answer; anything in it that is not a record (a number, null) is left out. */
export function asRecords(this: IPollFunctions, answer: unknown, what: string): IDataObject[] {
	if (!Array.isArray(answer)) {
		throw new NodeOperationError(this.getNode(), `Thinkeo answered ${what} with something other than a list`);
	}
	return answer.filter((record): record is IDataObject => typeof record === 'object' && record !== null && !Array.isArray(record));
}
