/**
 * Kills the surviving mutants of bernoulli.ts L19–21 (the name, printed verbatim in reports): a scalar p is
 * printed as one number, up to 6 per-coordinate probabilities are listed, more are summarised as [min..max].
 */
import { describe, expect, it } from 'vitest';
import { bernoulliSparsifier } from './bernoulli.ts';

describe('bernoulli (mutation kills)', () => {
  it('names a scalar p by its value, not as a list of d copies', () => {
    expect(bernoulliSparsifier(3, 0.5).name).toBe('bernoulli(p=0.5,d=3)');
  });

  it('lists up to 6 per-coordinate probabilities in order', () => {
    expect(bernoulliSparsifier(6, [0.6, 0.1, 0.3, 0.2, 0.5, 0.4]).name).toBe('bernoulli(p=[0.6,0.1,0.3,0.2,0.5,0.4],d=6)');
    expect(bernoulliSparsifier(1, [0.5]).name).toBe('bernoulli(p=[0.5],d=1)');
  });

  it('summarises more than 6 probabilities as [min..max], wherever min and max sit', () => {
    expect(bernoulliSparsifier(7, [0.6, 0.1, 0.7, 0.2, 0.5, 0.4, 0.3]).name).toBe('bernoulli(p=[0.1..0.7],d=7)');
  });
});
