/**
 * Lambda refused the invocation: the reserved concurrency is reached and every environment is
 * busy. Lambda does not queue a synchronous invocation; its Invoke API answers at once with HTTP
 * 429 `TooManyRequestsException`, Reason `ReservedFunctionConcurrentInvocationLimitExceeded`
 * (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html; botocore's Lambda
 * `TooManyRequestsException` lists the reasons). `code`, `statusCode` and `reason` carry that
 * answer for a caller that speaks the Lambda API.
 *
 * What a client *of API Gateway* sees is another matter, and it is not 429: "If the Lambda API
 * rejects the invocation request, API Gateway returns a 500 error code"
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html); an API Gateway
 * engineer: "There is no way to map Lambda's 429 to any status code. It will always be considered
 * as 500" (stackoverflow.com/questions/36363280); repost.aws knowledge-center
 * api-gateway-internal-server-error lists throttling as a cause of the 500. Those sources describe
 * REST APIs; HTTP APIs answer every integration failure with `500 {"message":"Internal Server
 * Error"}` (shared/research/api-gateway-http-api.md §2), and no source shows an HTTP API passing a
 * Lambda 429 through, so the gateway should map this error to that 500. API Gateway's own 429 is for
 * its own throttling (token bucket), not Lambda's.
 */
export class TooManyRequestsError extends Error {
  override readonly name = 'TooManyRequestsError';
  readonly code = 'TooManyRequestsException';
  readonly statusCode = 429;
  readonly reason = 'ReservedFunctionConcurrentInvocationLimitExceeded';

  constructor(functionName: string, reservedConcurrency: number) {
    super(
      `Rate Exceeded: function ${functionName} is at its reserved concurrency of ${reservedConcurrency}`,
    );
  }
}

/**
 * The handler did not finish within the function's timeout. The message is Lambda's own
 * (`<request id> Task timed out after 3.00 seconds`, as in its logs and error payload; see the
 * timeout examples in https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html).
 * Through an HTTP API this becomes `500 {"message":"Internal Server Error"}`
 * (denoland/deno_registry2#87), unlike API Gateway's own integration timeout (503).
 */
export class FunctionTimeoutError extends Error {
  override readonly name = 'FunctionTimeoutError';

  constructor(
    readonly awsRequestId: string,
    readonly timeoutMs: number,
  ) {
    super(`${awsRequestId} Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`);
  }
}
