import { describe, expect, it } from 'vitest';
import { DEFAULT_FUNCTION_CONFIG, resolveFunctionConfig } from './config.js';

describe('resolveFunctionConfig', () => {
  it("fills in Lambda's defaults, and keeps them for undefined values", () => {
    expect(resolveFunctionConfig({ timeoutMs: undefined })).toEqual({
      name: 'windtunnel-function',
      timeoutMs: 3_000,
      memoryMB: 128,
      idleTimeoutMs: 300_000,
      region: 'us-east-1',
      accountId: '000000000000',
    });
    expect(DEFAULT_FUNCTION_CONFIG.reservedConcurrency).toBeUndefined();
  });

  it.each([
    [{ name: 'has space' }, /FunctionConfig\.name must be/],
    [{ timeoutMs: 0 }, /FunctionConfig\.timeoutMs must be 1\.\.900000 ms; got 0/],
    [{ timeoutMs: 900_001 }, /FunctionConfig\.timeoutMs/],
    [{ memoryMB: 64 }, /FunctionConfig\.memoryMB must be 128\.\.10240; got 64/],
    [{ idleTimeoutMs: Number.NaN }, /FunctionConfig\.idleTimeoutMs/],
    [{ reservedConcurrency: -1 }, /FunctionConfig\.reservedConcurrency/],
    [{ reservedConcurrency: 1.5 }, /FunctionConfig\.reservedConcurrency/],
  ])('refuses %o with a message naming the field', (config, message) => {
    expect(() => resolveFunctionConfig(config)).toThrow(message);
  });

  it('accepts a reserved concurrency of 0 and sub-second timeouts for tests', () => {
    expect(resolveFunctionConfig({ reservedConcurrency: 0, timeoutMs: 50 })).toMatchObject({
      reservedConcurrency: 0,
      timeoutMs: 50,
    });
  });
});
