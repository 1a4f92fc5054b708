import { describe, expect, it } from 'vitest';
import { BoundedQueue } from './queue.ts';

describe('BoundedQueue', () => {
  it('drops the oldest when full and counts the drops', () => {
    const q = new BoundedQueue<number>(3);
    q.push(1, 2, 3, 4, 5);
    expect(q.toArray()).toEqual([3, 4, 5]);
    expect(q.dropped).toBe(2);
  });

  it('puts a retried batch back at the front, losing its oldest events if it no longer fits', () => {
    const q = new BoundedQueue<number>(3);
    q.push(1, 2);
    const batch = q.take(2);
    q.push(3, 4);
    q.unshift(batch);
    expect(q.toArray()).toEqual([2, 3, 4]);
    expect(q.dropped).toBe(1);
  });

  it('takes while the size rule allows, but always at least one item', () => {
    const q = new BoundedQueue<number>(10);
    q.push(5, 5, 5, 100);
    const small = (x: number, taken: number[]) => taken.reduce((a, b) => a + b, 0) + x <= 10;
    expect(q.take(10, small)).toEqual([5, 5]);
    expect(q.take(10, small)).toEqual([5]);
    expect(q.take(10, small)).toEqual([100]);
  });
});
