import { describe, expect, it } from 'vitest';
import { workerErrorMessage } from '../../src/worker/worker-error';

describe('workerErrorMessage', () => {
  it('drops the console prefix and the class name of the error', () => {
    expect(workerErrorMessage('Uncaught Error: the WebGL context was lost')).toBe('the WebGL context was lost');
    expect(workerErrorMessage('Uncaught RangeError: Array buffer allocation failed')).toBe(
      'Array buffer allocation failed',
    );
    expect(workerErrorMessage('Uncaught (in promise) TypeError: x is not a function')).toBe('x is not a function');
    expect(workerErrorMessage('Uncaught DOMException: The operation is insecure.')).toBe('The operation is insecure.');
    // Firefox gives the message without "Uncaught".
    expect(workerErrorMessage('Error: out of memory')).toBe('out of memory');
  });

  it('keeps one line and leaves plain messages alone', () => {
    expect(workerErrorMessage('Uncaught Error: boom\n    at f (model.worker.js:1:2)')).toBe('boom');
    expect(workerErrorMessage('Failed to load worker script')).toBe('Failed to load worker script');
    expect(workerErrorMessage('Errors: 3 shards missing')).toBe('Errors: 3 shards missing');
  });

  it('says something when the browser gives no message', () => {
    expect(workerErrorMessage(undefined)).toBe('the worker script failed');
    expect(workerErrorMessage('')).toBe('the worker script failed');
    expect(workerErrorMessage('Uncaught Error: ')).toBe('the worker script failed');
  });
});
