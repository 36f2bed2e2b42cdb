import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * One scheduled poll at the clock `now`: the items to emit, oldest first. It saves its position in `state` (the
 * node's static data) only once they are complete, so a poll that fails fires nothing and loses nothing.
 */
export type Poll = (this: IPollFunctions, state: IDataObject, now: number) => Promise<INodeExecutionData[]>;

/** What a manual test run shows: the newest record, so its fields can be mapped. */
export type Example = (this: IPollFunctions, now: number) => Promise<INodeExecutionData>;

/** An event the trigger can start a workflow on, as the node dispatches it. */
export interface TriggerEvent {
	poll: Poll;
	example: Example;
}

/** The one record a manual test run shows (the newest), or an error saying there is none of `what`. */
export function exampleItem(this: IPollFunctions, record: IDataObject | undefined, what: string): INodeExecutionData {
	if (!record) {
		throw new NodeOperationError(this.getNode(), `No ${what} found, so there is no example to show`, {
			description: 'Create one in Thinkeo (or widen the filters of this node), then fetch a test event again.',
		});
	}
	return { json: record };
}
