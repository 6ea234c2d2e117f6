import { describe, expect, it } from 'vitest';
import { pathInStage } from './stage.js';

describe('pathInStage', () => {
  it('serves the $default stage at the root, path unchanged', () => {
    expect(pathInStage('$default', '/dev/pets')).toBe('/dev/pets');
  });

  it('serves a named stage under its name and routes the path below it', () => {
    expect(pathInStage('dev', '/dev/pets/7')).toBe('/pets/7');
    expect(pathInStage('dev', '/dev')).toBe('/');
    expect(pathInStage('dev', '/dev/')).toBe('/');
  });

  it('is undefined for a path outside the stage', () => {
    expect(pathInStage('dev', '/')).toBeUndefined();
    expect(pathInStage('dev', '/prod/pets')).toBeUndefined();
    expect(pathInStage('dev', '/development/pets')).toBeUndefined();
  });
});
