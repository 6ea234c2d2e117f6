/**
 * The part of a request path that a stage serves, or `undefined` when the path is outside it.
 *
 * The `$default` stage is served at the root (AWS doc http-api-stages.md). A named stage `dev` is
 * served under `/dev`; its routes see the path below that prefix, while `rawPath` and
 * `requestContext.http.path` keep the prefix (logandk/serverless-wsgi#191,
 * aws-powertools/powertools-lambda-python#621). With no `$default` stage, a path outside the
 * stage is answered `{"message":"Not Found"}` (AWS doc http-api-develop-routes.md).
 *
 * `/dev` and `/dev/` both reach the root route `/` (our choice; NOT CONFIRMED).
 *
 * @example
 * pathInStage('dev', '/dev/pets/7'); // '/pets/7'
 * pathInStage('dev', '/prod/pets');  // undefined
 */
export function pathInStage(stage: string, path: string): string | undefined {
  if (stage === '$default') return path;
  const prefix = `/${stage}`;
  if (path === prefix || path === `${prefix}/`) return '/';
  return path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : undefined;
}
