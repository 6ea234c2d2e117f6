import { input, resourceArn } from '../validation/members.js';
import { conform } from '../validation/shape.js';
import type { OperationContext } from './context.js';
import { taggedResource } from './taggable.js';

const shape = input({ ResourceARN: resourceArn }, ['ResourceARN']);

/** ListTagsForResource: the tags of a database or table, in the order they were first set. */
export async function listTagsForResource(
  raw: unknown,
  context: OperationContext,
): Promise<unknown> {
  const { ResourceARN } = conform(shape, raw) as { ResourceARN: string };
  const state = await context.catalog.snapshot();
  return { Tags: taggedResource(state, ResourceARN).tags };
}
