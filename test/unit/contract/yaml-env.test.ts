import { describe, expect, it } from 'vitest';
import { withPlainEnv } from '../../../src/contract/yaml-env.js';

describe('withPlainEnv', () => {
  it('gives yaml its debug switches and puts the real process.env back', () => {
    const real = process.env;
    const seen = withPlainEnv(() => ({ same: process.env === real, tokens: process.env['LOG_TOKENS'], home: process.env['HOME'] }));
    expect(seen).toEqual({ same: false, tokens: real['LOG_TOKENS'], home: undefined });
    expect(process.env).toBe(real);
  });

  it('puts the real process.env back when the parse throws', () => {
    const real = process.env;
    expect(() =>
      withPlainEnv(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(process.env).toBe(real);
  });
});
