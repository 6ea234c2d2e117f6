import type { Tag } from '../catalog/Catalog.js';
import { input, resourceArn, tags } from '../validation/members.js';
import { conform } from '../validation/shape.js';
import type { OperationContext } from './context.js';
import { mergeTags, taggedResource } from './taggable.js';

const shape = input({ ResourceARN: resourceArn, Tags: tags }, ['ResourceARN', 'Tags']);

/** TagResource: adds tags to a database or table; an existing key gets the new value. */
export async function tagResource(raw: unknown, context: OperationContext): Promise<unknown> {
  const request = conform(shape, raw) as { ResourceARN: string; Tags: Tag[] };
  await context.catalog.transact((state) => {
    const resource = taggedResource(state, request.ResourceARN);
    resource.tags = mergeTags(resource.tags, request.Tags);
  });
  return {};
}
