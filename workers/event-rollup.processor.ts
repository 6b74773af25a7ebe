import { rollUpEvents, type RollUpDependencies, type RollUpOutcome } from '../src/events/roll-up-events';

/** Each minute: the closed batches of event counters into MongoDB. A failed run leaves them for the next one. */
export function createEventRollupProcessor(deps: RollUpDependencies) {
  return async (): Promise<RollUpOutcome> => rollUpEvents(deps);
}
