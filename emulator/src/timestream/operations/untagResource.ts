import { input, resourceArn, tagKeys } from '../validation/members.js';
import { conform } from '../validation/shape.js';
import type { OperationContext } from './context.js';
import { taggedResource } from './taggable.js';

const shape = input({ ResourceARN: resourceArn, TagKeys: tagKeys }, ['ResourceARN', 'TagKeys']);

/** UntagResource: removes the tags with these keys; unknown keys are ignored. */
export async function untagResource(raw: unknown, context: OperationContext): Promise<unknown> {
  const request = conform(shape, raw) as { ResourceARN: string; TagKeys: string[] };
  const removed = new Set(request.TagKeys);
  await context.catalog.transact((state) => {
    const resource = taggedResource(state, request.ResourceARN);
    resource.tags = resource.tags.filter((t) => !removed.has(t.Key));
  });
  return {};
}
