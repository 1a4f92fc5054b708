import { describe, expect, it } from 'vitest';
import { BoundedQueue } from './queue.ts';

describe('BoundedQueue', () => {
  it('drops the oldest when full and counts the drops', () => {
    const q = new BoundedQueue<number>(3);
    q._push(1, 2, 3, 4, 5);
    expect(q._toArray()).toEqual([3, 4, 5]);
    expect(q._dropped).toBe(2);
  });

  it('takes from the front and puts retries back at the front', () => {
    const q = new BoundedQueue<number>(5);
    q._push(1, 2, 3);
    const batch = q._take(2);
    expect(batch).toEqual([1, 2]);
    q._push(4);
    q._unshift(batch);
    expect(q._toArray()).toEqual([1, 2, 3, 4]);
  });

  it('a requeued batch that no longer fits loses its oldest events', () => {
    const q = new BoundedQueue<number>(3);
    q._push(1, 2);
    const batch = q._take(2);
    q._push(3, 4);
    q._unshift(batch);
    expect(q._toArray()).toEqual([2, 3, 4]);
    expect(q._dropped).toBe(1);
  });
});
